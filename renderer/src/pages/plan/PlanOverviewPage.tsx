import { Alert, Button, Card, Col, Descriptions, Empty, Progress, Row, Space, Statistic, Table, Tag, Tooltip, Typography, App } from 'antd';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { FormError, useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { PlanNav, beijing, hm, kindKey, levelKey, modeKey, statusKey, useCanImport } from './common';

type Overview = NonNullable<OutputOf<'plan.overview'>>;
type Session = Overview['sessions'][number];

const KIND_COLOUR: Record<string, string> = { theory: '#1677ff', skill: '#fa8c16', review: '#722ed1' };

/** The day at a glance: each session a bar between the first start and the last end. */
function Timeline({ sessions }: { sessions: Session[] }) {
  const { t } = useI18n();
  if (sessions.length === 0) return null;
  const ms = (s: string) => Date.parse(s);
  const from = Math.min(...sessions.map((s) => ms(s.startsAt)));
  const to = Math.max(...sessions.map((s) => ms(s.endsAt)));
  const span = Math.max(1, to - from);
  const hours: number[] = [];
  for (let h = Math.ceil(from / 3_600_000) * 3_600_000; h <= to; h += 3_600_000) hours.push(h);
  return (
    <div data-testid="plan-timeline">
      <div style={{ position: 'relative', height: 20, marginLeft: 260 }}>
        {hours.map((h) => (
          <span key={h} style={{ position: 'absolute', left: `${((h - from) / span) * 100}%`, fontSize: 12, color: '#888', transform: 'translateX(-50%)' }}>
            {beijing(new Date(h).toISOString()).slice(11, 16)}
          </span>
        ))}
      </div>
      {sessions.map((s) => (
        <div key={s.id} style={{ display: 'flex', alignItems: 'center', height: 30 }}>
          <Typography.Text ellipsis style={{ width: 260, paddingRight: 8 }} title={s.name}>
            {s.name}
          </Typography.Text>
          <div style={{ position: 'relative', flex: 1, height: 22, background: '#fafafa', borderRadius: 4 }}>
            <Tooltip title={`${s.code} ${hm(s.startsAt)}–${hm(s.endsAt)} · ${s.rooms.map((r) => r.room).join('、')}`}>
              <div
                style={{
                  position: 'absolute',
                  left: `${((ms(s.startsAt) - from) / span) * 100}%`,
                  width: `${((ms(s.endsAt) - ms(s.startsAt)) / span) * 100}%`,
                  top: 0,
                  bottom: 0,
                  background: KIND_COLOUR[s.kind] ?? '#1677ff',
                  borderRadius: 4,
                  color: '#fff',
                  fontSize: 12,
                  padding: '2px 6px',
                  overflow: 'hidden',
                  whiteSpace: 'nowrap',
                }}
              >
                {`${hm(s.startsAt)}–${hm(s.endsAt)} ${t(kindKey(s.kind))}`}
              </div>
            </Tooltip>
          </div>
        </div>
      ))}
    </div>
  );
}

/** No plan held yet: import one, or load the demo plan (a refusal beside its button, one request at a time). */
function EmptyPlan({ loading, queryError, onLoaded }: { loading: boolean; queryError: string | null; onLoaded: () => Promise<void> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const canImport = useCanImport();
  const fe = useFormErrors({});
  const loadDemo = async () => {
    const r = await fe.run(() => call('plan.loadDemo', {}));
    if (!r.ok) return;
    void message.success(t('plan.demo.loaded', { candidates: r.value.counts.candidates }));
    await onLoaded();
  };
  return (
    <Card loading={loading}>
      <PlanNav />
      {queryError && <Alert type="error" showIcon message={queryError} />}
      <Empty data-testid="plan-empty" description={<Typography.Text>{t('plan.empty.desc')}</Typography.Text>}>
        <Typography.Title level={4}>{t('plan.empty.title')}</Typography.Title>
        {canImport && (
          <Space>
            <Button type="primary" size="large" onClick={() => navigate('/plan/import')}>
              {t('plan.empty.import')}
            </Button>
            <Button size="large" loading={fe.busy} onClick={() => void loadDemo()} data-testid="plan-load-demo">
              {t('plan.empty.demo')}
            </Button>
          </Space>
        )}
        <FormError text={fe.general} testId="plan-demo-error" />
      </Empty>
    </Card>
  );
}

/** The batch: organisation, codes, version and last import, the counts. */
function BatchCard({ o }: { o: Overview }) {
  const { t } = useI18n();
  const b = o.batch;
  return (
    <Card title={b.name} style={{ marginBottom: 16 }} extra={<Tag color="blue">{t(statusKey(b.status))}</Tag>}>
      <Descriptions size="small" column={3}>
        <Descriptions.Item label={t('plan.batch.org')}>
          <span data-testid="plan-org">{b.orgName}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('plan.batch.orgCode')}>{b.orgCode}</Descriptions.Item>
        <Descriptions.Item label={t('plan.batch.code')}>{b.planCode}</Descriptions.Item>
        <Descriptions.Item label={t('plan.batch.date')}>{b.examDate}</Descriptions.Item>
        <Descriptions.Item label={t('plan.batch.version')}>{b.version}</Descriptions.Item>
        <Descriptions.Item label={t('plan.batch.lastImport')}>{o.lastImport ? `${beijing(o.lastImport.at)} ${o.lastImport.actorName ?? ''}` : ''}</Descriptions.Item>
      </Descriptions>
      <Row gutter={16} style={{ marginTop: 8 }}>
        {(['candidates', 'photos', 'rooms', 'sessions', 'staff'] as const).map((k) => (
          <Col key={k} flex="1">
            <Statistic title={t(`plan.count.${k}`)} value={o.counts[k]} data-testid={`plan-count-${k}`} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function OccupationTable({ occupations }: { occupations: Overview['occupations'] }) {
  const { t } = useI18n();
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={occupations}
      columns={[
        { title: t('plan.col.occupation'), dataIndex: 'name' },
        { title: t('plan.col.occupationCode'), dataIndex: 'code' },
        { title: t('plan.col.workType'), dataIndex: 'workTypeName', render: (w: string | null) => w ?? '——' },
        { title: t('plan.col.level'), dataIndex: 'level', render: (l: number) => t(levelKey(l)) },
        {
          title: t('plan.col.subjects'),
          dataIndex: 'subjects',
          render: (ss: { kind: string; mode: string }[]) => ss.map((s) => <Tag key={s.kind} color={KIND_COLOUR[s.kind]}>{`${t(kindKey(s.kind))} · ${t(modeKey(s.mode))}`}</Tag>),
        },
        { title: t('plan.col.candidates'), dataIndex: 'candidates', align: 'right' },
      ]}
    />
  );
}

/** Each session's rooms: how many sit there against the seats (R2), proctors and examiners per room. */
function OccupancyTable({ sessions }: { sessions: Session[] }) {
  const { t } = useI18n();
  const occupancy = sessions.flatMap((s) => s.rooms.map((r) => ({ key: `${s.id}-${r.roomId}`, session: s, ...r })));
  return (
    <Table
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={occupancy}
      data-testid="plan-occupancy"
      columns={[
        { title: t('plan.col.session'), render: (_v, r) => r.session.name },
        { title: t('plan.col.time'), render: (_v, r) => `${hm(r.session.startsAt)}–${hm(r.session.endsAt)}`, width: 110 },
        { title: t('plan.col.room'), dataIndex: 'room', width: 140 },
        {
          title: t('plan.col.assigned'),
          width: 260,
          render: (_v, r) => (
            <Space>
              <Progress percent={Math.round((r.assigned / Math.max(1, r.seats)) * 100)} size="small" style={{ width: 120 }} status={r.assigned > r.seats ? 'exception' : 'normal'} showInfo={false} />
              <span>{`${r.assigned} / ${r.seats}`}</span>
            </Space>
          ),
        },
        { title: t('plan.col.proctors'), render: (_v, r) => r.session.proctorsPerRoom, width: 100, align: 'right' },
        { title: t('plan.col.examiners'), render: (_v, r) => r.session.examinersPerRoom ?? '', width: 110, align: 'right' },
      ]}
    />
  );
}

export function PlanOverviewPage() {
  const { t, te } = useI18n();
  const q = useQuery('plan.overview', {});
  const o = q.data;
  if (!o) return <EmptyPlan loading={q.loading && !q.error} queryError={q.error ? te(q.error) : null} onLoaded={q.reload} />;
  return (
    <div data-testid="plan-overview">
      <PlanNav />
      <BatchCard o={o} />
      <Card title={t('plan.occupations')} size="small" style={{ marginBottom: 16 }}>
        <OccupationTable occupations={o.occupations} />
      </Card>
      <Card title={t('plan.timeline')} size="small" style={{ marginBottom: 16 }}>
        <Timeline sessions={o.sessions} />
      </Card>
      <Card title={t('plan.occupancy')} size="small">
        <OccupancyTable sessions={o.sessions} />
      </Card>
    </div>
  );
}
