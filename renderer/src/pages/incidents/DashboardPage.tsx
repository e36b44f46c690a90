// The site head's one screen: per session a grid of rooms coloured by state (a projector can show
// it), the sign-in curve, then the table: sign-in progress, open incidents, alarms and site records.
// It refreshes by itself every 10 seconds.
import { Card, Progress, Select, Spin, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { useQuery } from '../../api/hooks';
import { useI18n, type MessageKey } from '../../i18n';
import { navigate } from '../../router';
import { BackupStatusCard } from '../../components/BackupStatusCard';
import { DiskSpaceCard } from '../../components/DiskSpaceCard';
import { RoomGrid } from './RoomGrid';

// ECharts comes with the curve, after the grid has shown
const SignInCurve = lazy(() => import('./SignInCurve'));

type Row = OutputOf<'incidents.dashboard'>['rows'][number];

const PHASE_COLOR: Record<string, string> = { before: 'default', running: 'processing', after: 'success' };

export function DashboardPage() {
  const { t } = useI18n();
  const dash = useQuery('incidents.dashboard', {}, { refreshMs: 10_000 });
  const now = dash.data ? new Date(dash.data.nowIso).toLocaleTimeString('zh-CN', { hour12: false }) : '';
  return (
    <Card title={t('dash.title')} extra={<Typography.Text type="secondary" data-testid="dash-refresh">{t('dash.refresh', { time: now })}</Typography.Text>}>
      {/* the last good backup, or why there is none: the day's records must outlive the laptop */}
      <BackupStatusCard compact />
      {/* room left for the rest of the day's photos: warned before a full disk refuses sign-ins */}
      <DiskSpaceCard />
      <RoomGrid rows={dash.data?.rows ?? []} />
      <CurveCard />
      <Table<Row>
        rowKey={(r) => `${r.sessionId}-${r.roomId}`}
        size="small"
        pagination={false}
        dataSource={dash.data?.rows ?? []}
        data-testid="dashboard"
        scroll={{ x: 1060 }}
        onRow={(r) => ({ onDoubleClick: () => navigate(`/incidents/room/${r.sessionId}/${r.roomId}`) })}
        columns={[
          { title: t('dash.col.session'), width: 260, render: (_: unknown, r) => <span>{r.sessionName} {r.startsLocal}–{r.endsLocal} <Tag color={PHASE_COLOR[r.phase]}>{t(`dash.phase.${r.phase}` as MessageKey)}</Tag></span> },
          { title: t('dash.col.room'), dataIndex: 'roomCode', width: 90 },
          { title: t('dash.col.progress'), width: 220, render: (_: unknown, r) => <Progress percent={r.expected ? Math.round((100 * r.signedIn) / r.expected) : 0} format={() => `${r.signedIn}/${r.expected}`} size="small" /> },
          { title: t('dash.col.absent'), dataIndex: 'absent', width: 60 },
          { title: t('dash.col.doubtful'), dataIndex: 'doubtful', width: 60, render: (n: number) => (n ? <Tag color="gold">{n}</Tag> : 0) },
          { title: t('dash.col.late'), dataIndex: 'late', width: 70 },
          { title: t('dash.col.open'), dataIndex: 'openIncidents', width: 90, render: (n: number, r) => (n ? <Tag color="red" data-testid={`dash-open-${r.sessionId}-${r.roomId}`}>{n}</Tag> : `0/${r.incidents}`) },
          { title: t('dash.col.alarms'), dataIndex: 'alarms', width: 60, render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
          {
            title: t('dash.col.events'),
            render: (_: unknown, r) => (
              <span>
                {[...new Set(r.events)].map((k) => (
                  <Tag key={k} color={r.mismatches ? 'orange' : 'blue'}>
                    {t(`ev.kind.${k}` as MessageKey)}
                  </Tag>
                ))}
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** The sign-in curve of one session (the one under way, or the latest with sign-ins, unless chosen). */
function CurveCard() {
  const { t } = useI18n();
  const curves = useQuery('incidents.signInCurves', {}, { refreshMs: 30_000 });
  const [chosen, setChosen] = useState<number | null>(null);
  const labels = useMemo(() => ({ signed: t('dash.curve.signed'), start: t('dash.curve.start'), cutoff: t('dash.curve.cutoff') }), [t]);
  const list = curves.data?.sessions ?? [];
  const live = list.find((c) => c.nowMinute >= c.startMinute - 60 && c.nowMinute <= c.endMinute) ?? [...list].reverse().find((c) => c.points.length > 0) ?? list[0];
  const curve = list.find((c) => c.sessionId === chosen) ?? live;
  if (!curve) return null;
  return (
    <Card
      size="small"
      title={t('dash.curve.title')}
      style={{ marginBottom: 16 }}
      extra={<Select size="small" style={{ minWidth: 220, maxWidth: '60vw' }} value={curve.sessionId} onChange={setChosen} options={list.map((c) => ({ value: c.sessionId, label: `${c.startsLocal} ${c.name}` }))} data-testid="curve-session" />}
      data-testid="curve-card"
    >
      {curve.points.length === 0 ? (
        <Typography.Text type="secondary">{t('dash.curve.empty')}</Typography.Text>
      ) : (
        <Suspense fallback={<Spin />}>
          <SignInCurve curve={curve} labels={labels} />
        </Suspense>
      )}
    </Card>
  );
}
