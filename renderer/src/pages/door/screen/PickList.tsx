import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../../i18n';
import type { Pick } from './types';

/** Several candidates match a tail of a number: the proctor picks the one in front of them. */
export function PickList({ pick, onPick }: { pick: Pick; onPick: (id: number) => void }) {
  const { t } = useI18n();
  if (pick.matches.length === 0) return <Alert type="warning" message={t('door.pick.none')} />;
  return (
    <Card size="small" title={t('door.pick.title', { n: pick.matches.length })} data-testid="pick-list" style={{ marginBottom: 8 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {pick.matches.map((m) => (
          <Button key={m.candidateId} block size="large" style={{ height: 52, textAlign: 'left', justifyContent: 'flex-start' }} onClick={() => onPick(m.candidateId)} data-testid={`pick-${m.candidateId}`}>
            <Space size="large">
              <Typography.Text strong style={{ fontSize: 18 }}>
                {m.name}
              </Typography.Text>
              <span>{m.gender}</span>
              <span>{m.ticketNo}</span>
              <span>{m.docMasked}</span>
              <Tag color={m.expectedHere ? 'green' : 'default'}>{t(m.expectedHere ? 'door.pick.here' : 'door.pick.elsewhere')}</Tag>
              {m.seat && <span>{t('door.field.seat')} {m.seat}</span>}
            </Space>
          </Button>
        ))}
      </Space>
    </Card>
  );
}
