// The supervisor's list: doubtful candidates (存疑考生) admitted at the doors, and the door alarms
// (incident drafts the incidents desk picks up).
import { App, Button, Card, Table, Tag } from 'antd';
import { useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { useQuery } from '../../api/hooks';
import { useI18n, type MessageKey } from '../../i18n';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { RareNameFonts } from './fonts';
import { ReviewModal } from './ReviewModal';

type Case = OutputOf<'checkin.doubtful'>[number];
type Alarm = OutputOf<'checkin.alerts'>[number];

function DoorPhoto({ photoId }: { photoId: number | null }) {
  const photo = useQuery('checkin.photo', { photoId: photoId ?? 1 }, { skip: !photoId });
  return photo.data ? <img src={photo.data.dataUrl} alt={String(photoId)} style={{ width: 60, height: 45, objectFit: 'cover' }} /> : null;
}

export function CasesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { session } = useSession();
  const cases = useQuery('checkin.doubtful', {});
  const alarms = useQuery('checkin.alerts', {});
  const [reviewing, setReviewing] = useState<Case | null>(null);
  const alarmStatus = (r: Alarm) =>
    r.status === 'draft' ? t('cases.status.draft')
    : r.status === 'taken' ? t('cases.status.taken')
    : t('cases.status.dismissed', { reason: r.closedReason ? t(`door.alert.reason.${r.closedReason}`) : '', note: r.closedNote ?? '' });
  return (
    <RareNameFonts>
      <Card
        title={t('cases.title')}
        style={{ marginBottom: 16 }}
        extra={
          <Button type="link" onClick={() => navigate('/incidents/cases')} data-testid="to-incident-desk">
            {t('cases.desk.title')}
          </Button>
        }
      >
        <Table<Case>
          rowKey="checkinId"
          size="small"
          dataSource={cases.data ?? []}
          locale={{ emptyText: t('cases.empty') }}
          data-testid="doubtful-cases"
          columns={[
            { title: t('cases.col.at'), dataIndex: 'atLocal', width: 90 },
            { title: t('cases.col.candidate'), render: (_: unknown, r) => `${r.name} ${r.ticketNo} ${r.docMasked}` },
            { title: t('cases.col.room'), render: (_: unknown, r) => `${r.sessionName} ${r.roomCode}` },
            { title: t('cases.col.reason'), dataIndex: 'reason' },
            { title: t('cases.col.proctors'), render: (_: unknown, r) => `${r.proctorName} / ${r.secondProctorName ?? ''}` },
            { title: t('cases.col.photo'), width: 80, render: (_: unknown, r) => <DoorPhoto photoId={r.photoId} /> },
            {
              title: t('cases.col.review'),
              render: (_: unknown, r) =>
                r.reviewedAt ? (
                  `${r.reviewOutcome ? `${t(`cases.outcome.${r.reviewOutcome}` as MessageKey)}：` : ''}${r.reviewNote ?? ''}（${r.reviewerName ?? ''}）`
                ) : session.actor.role === 'supervisor' ? (
                  <Button onClick={() => setReviewing(r)} data-testid={`review-${r.checkinId}`}>
                    {t('cases.review')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card title={t('cases.alerts')}>
        <Table<Alarm>
          rowKey="id"
          size="small"
          dataSource={alarms.data ?? []}
          data-testid="door-alarms"
          columns={[
            { title: t('cases.col.at'), dataIndex: 'atLocal', width: 90 },
            { title: t('cases.col.kind'), render: (_: unknown, r) => <Tag color="red">{t(`door.alert.kind.${r.kind}`)}</Tag> },
            { title: t('cases.col.candidate'), render: (_: unknown, r) => `${r.name} ${r.ticketNo}` },
            { title: t('cases.col.room'), render: (_: unknown, r) => `${r.sessionName} ${r.roomCode}` },
            { title: t('cases.col.proctor'), dataIndex: 'proctorName' },
            { title: t('cases.col.status'), render: (_: unknown, r) => alarmStatus(r) },
          ]}
        />
      </Card>
      {reviewing && (
        <ReviewModal
          item={reviewing}
          onDone={(saved) => {
            setReviewing(null);
            if (saved) {
              void message.success(t('staff.saved'));
              void cases.reload();
            }
          }}
        />
      )}
    </RareNameFonts>
  );
}
