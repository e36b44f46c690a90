// The rooms of each session as coloured tiles: not started, signing in, entry closed with everyone
// in, entry closed with people missing (E4), cases waiting. Big enough to read on a projector; a
// tile opens the room. The state comes from the service (electron/services/incidents/floor.ts).
import { Card, Space, Tag, Typography } from 'antd';
import type { OutputOf } from '../../../../electron/commands/api';
import { RuleHint } from '../../components/RuleHint';
import { useI18n, type MessageKey } from '../../i18n';
import { navigate } from '../../router';

type Row = OutputOf<'incidents.dashboard'>['rows'][number];
type State = Row['state'];

/** background and text per state; the legend shows the same swatches */
export const STATE_COLOURS: Record<State, { bg: string; fg: string }> = {
  notStarted: { bg: '#f0f0f0', fg: '#262626' },
  signingIn: { bg: '#1677ff', fg: '#ffffff' },
  complete: { bg: '#389e0d', fg: '#ffffff' },
  missing: { bg: '#fa8c16', fg: '#ffffff' },
  incidents: { bg: '#cf1322', fg: '#ffffff' },
};
const ORDER: State[] = ['notStarted', 'signingIn', 'complete', 'missing', 'incidents'];
const PHASE_COLOR: Record<string, string> = { before: 'default', running: 'processing', after: 'success' };

export function RoomGrid({ rows }: { rows: Row[] }) {
  const { t } = useI18n();
  const sessions = new Map<number, Row[]>();
  for (const r of rows) sessions.set(r.sessionId, [...(sessions.get(r.sessionId) ?? []), r]);
  return (
    <Card size="small" title={t('dash.grid.title')} style={{ marginBottom: 16 }} extra={<RuleHint text={t('dash.grid.cutoffHelp')} />} data-testid="room-grid">
      <Space wrap size={[12, 6]} style={{ marginBottom: 12 }} data-testid="room-legend" aria-label={t('dash.grid.legend')}>
        {ORDER.map((s) => (
          <span key={s} style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
            <span style={{ width: 14, height: 14, borderRadius: 3, background: STATE_COLOURS[s].bg, border: '1px solid rgba(0,0,0,0.15)' }} />
            <Typography.Text>{t(`dash.state.${s}` as MessageKey)}</Typography.Text>
          </span>
        ))}
      </Space>
      {/* sessions side by side where the screen is wide (a projector shows the whole day at once) */}
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 300px), 1fr))', gap: '4px 24px' }}>
      {[...sessions.values()].map((rs) => {
        const s = rs[0]!;
        return (
          <div key={s.sessionId} style={{ marginBottom: 12, minWidth: 0 }} data-testid={`grid-session-${s.sessionId}`}>
            <Typography.Text strong>
              {s.sessionName} {s.startsLocal}–{s.endsLocal}
            </Typography.Text>{' '}
            <Tag color={PHASE_COLOR[s.phase]}>{t(`dash.phase.${s.phase}` as MessageKey)}</Tag>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 8, marginTop: 6 }}>
              {rs.map((r) => (
                <RoomTile key={r.roomId} r={r} />
              ))}
            </div>
          </div>
        );
      })}
      </div>
    </Card>
  );
}

function RoomTile({ r }: { r: Row }) {
  const { t } = useI18n();
  const c = STATE_COLOURS[r.state];
  const open = r.openIncidents + r.alarms;
  return (
    <button
      type="button"
      onClick={() => navigate(`/incidents/room/${r.sessionId}/${r.roomId}`)}
      title={t(`dash.state.${r.state}` as MessageKey)}
      data-testid={`room-tile-${r.sessionId}-${r.roomId}`}
      data-state={r.state}
      style={{ background: c.bg, color: c.fg, border: 0, borderRadius: 8, padding: '10px 12px', textAlign: 'start', cursor: 'pointer', minHeight: 76, font: 'inherit' }}
    >
      <div style={{ fontSize: 16, fontWeight: 600, overflowWrap: 'anywhere' }}>{r.roomCode}</div>
      <div style={{ fontSize: 20, fontWeight: 700 }}>{t('dash.grid.signed', { signed: r.signedIn, expected: r.expected })}</div>
      <div style={{ fontSize: 13 }}>
        {r.state === 'missing' ? <span>{t('dash.grid.missing', { n: r.missing })} </span> : null}
        {open > 0 ? <span>{t('dash.grid.open', { n: open })}</span> : null}
        {r.state !== 'missing' && open === 0 ? <span>{t(`dash.state.${r.state}` as MessageKey)}</span> : null}
      </div>
    </button>
  );
}
