// Choose a room and session for the incidents desk; the briefing of the day before (E1).
import { Button, Card, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { BriefingModal } from './EventModals';

type Row = OutputOf<'incidents.rooms'>['rows'][number];

export function RoomsPage() {
  const { t } = useI18n();
  const rooms = useQuery('incidents.rooms', {});
  const batches = useQuery('incidents.batches', {});
  const batchId = batches.data?.[0]?.id;
  const briefings = useQuery('events.briefings', { batchId: batchId ?? 1 }, { skip: !batchId });
  const [briefing, setBriefing] = useState(false);
  return (
    <div>
      <Card title={t('inc.rooms.title')} style={{ marginBottom: 12 }}>
        <Table<Row>
          rowKey={(r) => `${r.sessionId}-${r.roomId}`}
          size="small"
          pagination={false}
          dataSource={rooms.data?.rows ?? []}
          data-testid="incident-rooms"
          columns={[
            { title: t('dash.col.session'), render: (_: unknown, r) => `${r.sessionName} ${r.startsLocal}–${r.endsLocal}` },
            { title: t('dash.col.room'), dataIndex: 'roomCode' },
            { title: t('dash.col.open'), dataIndex: 'openIncidents' },
            {
              title: '',
              render: (_: unknown, r) => (
                <Button type="primary" onClick={() => navigate(`/incidents/room/${r.sessionId}/${r.roomId}`)} data-testid={`incident-room-${r.sessionId}-${r.roomId}`}>
                  {t('inc.rooms.open')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {batchId && (
        <Card
          title={t('ev.briefing')}
          extra={
            <Button onClick={() => setBriefing(true)} data-testid="briefing-open">
              {t('ev.briefing')}
            </Button>
          }
        >
          <Space direction="vertical" data-testid="briefings">
            {(briefings.data ?? []).map((b) => (
              <Typography.Text key={b.id}>
                {b.at.slice(0, 16).replace('T', ' ')} {b.detail.place} · {b.detail.attendees} · {b.detail.minutes}
              </Typography.Text>
            ))}
          </Space>
        </Card>
      )}
      {briefing && batchId && (
        <BriefingModal
          batchId={batchId}
          onClose={() => {
            setBriefing(false);
            void briefings.reload();
          }}
        />
      )}
    </div>
  );
}
