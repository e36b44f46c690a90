// The incident list both the room view and the supervisor's desk show: who, kind, what, signers,
// photos, the recording that covers the moment (R4), the status and the current ruling.
import { Button, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { useQuery } from '../../api/hooks';
import { useI18n, type MessageKey } from '../../i18n';

export type IncidentRow = OutputOf<'incidents.list'>[number];

const STATUS_COLOR: Record<string, string> = { awaiting_second: 'gold', open: 'red', ruled: 'green' };

export function IncidentPhoto({ photoId, size = 'small' }: { photoId: number; size?: 'small' | 'large' }) {
  const p = useQuery('incidents.photo', { photoId });
  const [w, h] = size === 'small' ? [56, 42] : [240, 180];
  return p.data ? <img src={p.data.dataUrl} alt={`#${photoId}`} style={{ width: w, height: h, objectFit: 'cover', borderRadius: 2 }} data-testid={`incident-photo-${photoId}`} /> : null;
}

export function statusTag(status: string, t: (k: MessageKey) => string) {
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{t(`inc.status.${status}` as MessageKey)}</Tag>;
}

export function IncidentTable({ rows, showRoom, action, testId }: { rows: IncidentRow[]; showRoom?: boolean; action?: (r: IncidentRow) => ReactNode; testId: string }) {
  const { t } = useI18n();
  return (
    <Table<IncidentRow>
      rowKey="id"
      size="small"
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: t('inc.empty') }}
      data-testid={testId}
      columns={[
        { title: '#', dataIndex: 'id', width: 40 },
        { title: t('inc.col.time'), dataIndex: 'occurredLocal', width: 76, render: (v: string, r) => (r.timeEditReason ? <span title={r.timeEditReason}>{v}*</span> : v) },
        ...(showRoom ? [{ title: t('inc.col.room'), width: 120, render: (_: unknown, r: IncidentRow) => `${r.sessionName} ${r.roomCode}` }] : []),
        {
          title: t('inc.col.who'),
          width: 160,
          render: (_: unknown, r) => (
            <div>
              <div>{r.candidateName ? `${r.candidateName} ${r.ticketNo ?? ''}` : (r.staffName ?? '—')}</div>
              <Tag color="volcano">{t(`inc.kind.${r.kind}`)}</Tag>
            </div>
          ),
        },
        { title: t('inc.col.description'), dataIndex: 'description', ellipsis: true },
        { title: t('inc.col.signers'), width: 110, render: (_: unknown, r) => `${r.recorderName}${r.secondName ? ` / ${r.secondName}` : ''}` },
        { title: t('inc.col.photos'), width: 64, render: (_: unknown, r) => (r.photoIds[0] ? <IncidentPhoto photoId={r.photoIds[0]} /> : null) },
        {
          title: t('inc.col.recording'),
          width: 130,
          render: (_: unknown, r) =>
            r.recordings.map((l) => (
              <Typography.Text key={l.id} style={{ fontSize: 12, display: 'block' }} data-testid={`recording-${r.id}`}>
                {l.channel} {l.fileName}
              </Typography.Text>
            )),
        },
        {
          title: t('inc.col.status'),
          width: 120,
          render: (_: unknown, r) => (
            <div>
              {statusTag(r.status, t)}
              {r.decision && (
                <Tag color="blue" style={{ marginTop: 2 }}>
                  {t(`inc.decision.${r.decision}`)}
                </Tag>
              )}
            </div>
          ),
        },
        ...(action ? [{ title: '', width: 76, render: (_: unknown, r: IncidentRow) => <Space>{action(r)}</Space> }] : []),
      ]}
    />
  );
}

export function SmallButton({ onClick, children, testId }: { onClick(): void; children: ReactNode; testId: string }) {
  return (
    <Button size="small" onClick={onClick} data-testid={testId}>
      {children}
    </Button>
  );
}
