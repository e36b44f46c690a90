// Choose the room and session to open the door for. For now any proctor may open any door;
// the draw (issue 5) will narrow this list to the rooms drawn for the signed-in proctor.
import { Button, Card, Table, Typography } from 'antd';
import type { OutputOf } from '../../../../electron/commands/api';
import { useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';

type DoorRow = OutputOf<'checkin.doors'>[number];

export function ChooserPage() {
  const { t } = useI18n();
  const doors = useQuery('checkin.doors', {});
  return (
    <Card title={t('door.choose.title')}>
      <Typography.Paragraph type="secondary">{t('door.choose.hint')}</Typography.Paragraph>
      <Table<DoorRow>
        rowKey={(r) => `${r.sessionId}-${r.roomId}`}
        dataSource={doors.data ?? []}
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
