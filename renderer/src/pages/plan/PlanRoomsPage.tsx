import { Alert, Card, Table, Tag } from 'antd';
import type { OutputOf } from '../../../../electron/commands/api';
import { useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { PlanNav, hm, roomKindKey } from './common';

type Room = OutputOf<'plan.rooms'>[number];

export function PlanRoomsPage() {
  const { t, te } = useI18n();
  const q = useQuery('plan.rooms', {});
  return (
    <div>
      <PlanNav />
      <Card title={t('plan.tab.rooms')}>
        {q.error && <Alert type="error" showIcon message={te(q.error)} />}
        <Table<Room>
          data-testid="room-table"
          rowKey="id"
          size="small"
          pagination={false}
          loading={q.loading && !q.data}
          dataSource={q.data ?? []}
          columns={[
            { title: t('plan.col.room'), dataIndex: 'code', width: 140 },
            { title: t('plan.col.kind'), dataIndex: 'kind', width: 110, render: (k: string) => t(roomKindKey(k)) },
            { title: t('plan.col.place'), render: (_v, r) => `${r.building} / ${r.floor} / ${r.roomNo}`, width: 200 },
            { title: t('plan.col.seatCount'), dataIndex: 'seats', width: 80, align: 'right' },
            {
              title: t('plan.col.usage'),
              dataIndex: 'sessions',
              render: (ss: Room['sessions'], r) =>
                ss.map((s) => (
                  <Tag key={s.session} color={s.assigned > r.seats ? 'red' : s.assigned > 0 ? 'blue' : 'default'}>{`${hm(s.startsAt)}–${hm(s.endsAt)} ${s.sessionName} ${s.assigned}/${r.seats}`}</Tag>
                )),
            },
          ]}
        />
      </Card>
    </div>
  );
}
