// The top of the door: room, place, session and its times, the site clock, the counters and,
// after the cut-off, the banner that asks to mark the absent.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useI18n, type MessageKey } from '../../../i18n';
import { navigate } from '../../../router';
import { SiteClock } from './SiteClock';
import type { DoorView } from './types';

export function DoorHeader({ view, onIncident }: { view: DoorView; onIncident: () => void }) {
  const { t } = useI18n();
  const d = view.door;
  return (
    <Row gutter={12} align="middle" wrap={false} style={{ marginBottom: 6 }}>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Space size="middle" align="center">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="door-room">
            {d.roomCode}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {d.roomLocation}
          </Typography.Text>
          <Typography.Text strong style={{ whiteSpace: 'nowrap' }} data-testid="door-session">
            {d.sessionName} {view.startsLocal}–{view.endsLocal}
          </Typography.Text>
          {view.entryClosed ? <Tag color="red">{t('door.entryClosed', { time: view.entryCutoffLocal })}</Tag> : <Tag color="green">{t('door.entryUntil', { time: view.entryCutoffLocal })}</Tag>}
          <Tag>{t('door.leaveFrom', { time: view.leaveFromLocal })}</Tag>
        </Space>
      </Col>
      <Col>
        <Space>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {t('door.clock')}
          </Typography.Text>
          <SiteClock serverNow={view.now} zoneSample={d.startsAt} fallback={view.nowLocal} />
          <Button danger onClick={onIncident} data-testid="door-incident">
            {t('inc.record')}
          </Button>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/door')} title={t('door.back')} aria-label={t('door.back')} />
        </Space>
      </Col>
    </Row>
  );
}

/** The counters (people, not events) and, after the cut-off, the banner that asks to mark the absent. */
export function DoorCounters({ view, onAbsent }: { view: DoorView; onAbsent: () => void }) {
  const { t } = useI18n();
  const counts = view.counts;
  const tile = (key: MessageKey, value: number, color: string, testId: string) => (
    <Card size="small" styles={{ body: { padding: '2px 10px' } }}>
      <Statistic title={<span style={{ fontSize: 13 }}>{t(key)}</span>} value={value} valueStyle={{ color, fontSize: 24, fontWeight: 600, lineHeight: 1.2 }} data-testid={testId} />
    </Card>
  );
  return (
    <>
      <Row gutter={8} style={{ marginBottom: 8 }}>
        <Col span={4}>{tile('door.count.expected', counts.expected, '#262626', 'count-expected')}</Col>
        <Col span={4}>{tile('door.count.signedIn', counts.signedIn, '#237804', 'count-signedIn')}</Col>
        <Col span={4}>{tile('door.count.missing', counts.missing, '#ad6800', 'count-missing')}</Col>
        <Col span={4}>{tile('door.count.absent', counts.absent, '#a8071a', 'count-absent')}</Col>
        <Col span={4}>{tile('door.count.refused', counts.refused, '#a8071a', 'count-refused')}</Col>
        <Col span={4}>{tile('door.count.doubtful', counts.doubtful, '#ad6800', 'count-doubtful')}</Col>
      </Row>
      {view.absentToConfirm && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 6, padding: '4px 12px' }}
          message={t('door.absent.banner', { n: counts.missing })}
          action={
            <Button onClick={onAbsent} data-testid="absent-open">
              {t('door.absent.open')}
            </Button>
          }
        />
      )}
    </>
  );
}
