// Choose the room and session to open the door for. Once a session is drawn (S2) a proctor sees
// only the doors they were drawn to; before the draw, every door.
import { Button, Card, Table, Tag, Typography } from 'antd';
import type { OutputOf } from '../../../../electron/commands/api';
import { useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { DoorInsecureNotice } from '../../components/LanAccess';
import { navigate } from '../../router';
import { useSession } from '../../session';

type DoorRow = OutputOf<'checkin.doors'>[number];

export function ChooserPage() {
  const { t } = useI18n();
  const doors = useQuery('checkin.doors', {});
  const { session } = useSession();
  const isProctor = session.actor.role === 'proctor';
  const rows = (doors.data ?? []).filter((r) => !isProctor || !r.drawn || r.mine);
  return (
    <Card title={t('door.choose.title')}>
      {/* over http (a tablet on the LAN) the browser gives no camera: point to the https address */}
      {!window.isSecureContext && <DoorInsecureNotice />}
      <Typography.Paragraph type="secondary">{t('door.choose.hint')}</Typography.Paragraph>
      <Table<DoorRow>
        rowKey={(r) => `${r.sessionId}-${r.roomId}`}
        dataSource={rows}
        loading={doors.loading && !doors.data}
        pagination={false}
        locale={{ emptyText: t('door.choose.empty') }}
        data-testid="door-list"
        columns={[
          { title: t('door.col.session'), dataIndex: 'sessionName' },
          { title: t('door.col.time'), render: (_: unknown, r) => `${r.startsAt.slice(0, 10)} ${r.startsLocal}–${r.endsLocal}` },
          { title: t('door.col.room'), dataIndex: 'roomCode' },
          { title: t('door.col.location'), dataIndex: 'location' },
          { title: t('door.col.expected'), dataIndex: 'expected', width: 80 },
          { title: t('door.col.signedIn'), dataIndex: 'signedIn', width: 80 },
          {
            title: t('door.col.proctors'),
            render: (_: unknown, r) => (
              <span data-testid={`door-proctors-${r.sessionId}-${r.roomId}`}>
                {r.proctors ?? t('door.choose.notDrawn')} {r.mine && <Tag color="green">{t('door.choose.mine')}</Tag>}
              </span>
            ),
          },
          {
            title: '',
            width: 160,
            render: (_: unknown, r) => (
              <Button type="primary" size="large" onClick={() => navigate(`/door/room/${r.sessionId}/${r.roomId}`)} data-testid={`open-door-${r.sessionId}-${r.roomId}`}>
                {t('door.choose.open')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
