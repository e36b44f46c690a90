// The roster beside the scan box: every candidate of the door with photo, seat and status, a
// filter for who is still missing, hand-in per candidate; under it the paper forms (the alarms: DoorAlerts.tsx).
import { Button, Card, Segmented, Space, Tag } from 'antd';
import { memo, useMemo } from 'react';
import { useI18n, type MessageKey } from '../../../i18n';
import { navigate } from '../../../router';
import type { DoorView, RosterFilter, RosterRow } from './types';

const STATUS_TAG: Record<RosterRow['status'], [MessageKey, string]> = {
  missing: ['door.status.missing', 'default'],
  in: ['door.status.in', 'green'],
  doubtful: ['door.status.doubtful', 'gold'],
  absent: ['door.status.absent', 'red'],
  left: ['door.status.left', 'blue'],
};

interface Props {
  view: DoorView;
  photos: Record<number, string | null> | null | undefined;
  filter: RosterFilter;
  onFilter: (f: RosterFilter) => void;
  onHandIn: (row: RosterRow) => void;
}

/** memo: a scan re-renders the verdict, not thirty roster rows */
export const RosterCard = memo(function RosterCard({ view, photos, filter, onFilter, onHandIn }: Props) {
  const { t } = useI18n();
  const counts = view.counts;
  const rows = useMemo(() => {
    const all = view.roster;
    if (filter === 'missing') return all.filter((r) => r.status === 'missing');
    if (filter === 'in') return all.filter((r) => r.status !== 'missing' && r.status !== 'absent');
    return all;
  }, [view, filter]);
  return (
    <Card
      size="small"
      className="door-roster"
      title={t('door.roster.title')}
      extra={
        <Segmented
          size="small"
          value={filter}
          onChange={(v) => onFilter(v as RosterFilter)}
          options={[
            { value: 'all', label: t('door.roster.all') },
            { value: 'missing', label: `${t('door.roster.missing')} ${counts.missing}` },
            { value: 'in', label: t('door.roster.in') },
          ]}
          data-testid="roster-filter"
        />
      }
      styles={{ body: { padding: 0 } }}
    >
      {/* a plain list, not a table component: the door's first load stays small on a tablet (rows keep their columns by CSS grid) */}
      <div className="door-roster-list" style={{ maxHeight: view.absentToConfirm ? 300 : 350 }} data-testid="roster" role="table" aria-label={t('door.roster.title')}>
        <div className="door-roster-row door-roster-head" role="row">
          <span role="columnheader">{t('door.col.photo')}</span>
          <span role="columnheader">{t('door.col.seat')}</span>
          <span role="columnheader">{t('door.col.name')}</span>
          <span role="columnheader">{t('door.col.status')}</span>
          <span role="columnheader" />
        </div>
        {rows.map((r) => {
          const src = photos?.[r.candidateId];
          return (
            <div key={r.candidateId} className="door-roster-row" role="row" data-row-key={r.candidateId}>
              <span role="cell">{src ? <img src={src} alt={r.name} style={{ width: 36, height: 48, objectFit: 'cover', borderRadius: 2, display: 'block' }} /> : null}</span>
              <span role="cell">{r.seat}</span>
              <span role="cell" style={{ fontSize: 15, fontWeight: 500, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                {r.name}
              </span>
              <span role="cell">
                <Space size={2} wrap>
                  <Tag color={STATUS_TAG[r.status][1]} style={{ marginInlineEnd: 0 }}>
                    {t(STATUS_TAG[r.status][0])}
                  </Tag>
                  {r.late && <Tag color="volcano">{t('door.status.late')}</Tag>}
                  {r.checkinId && !r.photoId && <Tag>{t('door.status.noPhoto')}</Tag>}
                </Space>
                {r.atLocal && <div style={{ fontSize: 12, color: '#8c8c8c' }}>{r.atLocal}</div>}
              </span>
              <span role="cell">
                {(r.status === 'in' || r.status === 'doubtful') && (
                  <Button size="small" onClick={() => onHandIn(r)} data-testid={`hand-in-${r.candidateId}`}>
                    {t('door.handIn')}
                  </Button>
                )}
              </span>
            </div>
          );
        })}
        {rows.length === 0 && <div className="door-roster-empty">{t('door.roster.empty')}</div>}
      </div>
    </Card>
  );
});

/** The door's paper forms: sign-in sheet and door list (print and xlsx), admission tickets. */
export function PaperButtons({ sessionId, roomId, onDownload }: { sessionId: number; roomId: number; onDownload: (kind: 'signSheet' | 'doorList') => void }) {
  const { t } = useI18n();
  return (
    <Space wrap size={[6, 6]} style={{ marginTop: 6 }}>
      <Button size="small" onClick={() => navigate(`/door/print/signSheet/${sessionId}/${roomId}`)} data-testid="print-sign-sheet">
        {t('door.paper.signSheet')}
      </Button>
      <Button size="small" onClick={() => onDownload('signSheet')} data-testid="xlsx-sign-sheet">
        {t('door.paper.signSheetXlsx')}
      </Button>
      <Button size="small" onClick={() => navigate(`/door/print/doorList/${sessionId}/${roomId}`)}>{t('door.paper.doorList')}</Button>
      <Button size="small" onClick={() => onDownload('doorList')}>{t('door.paper.doorListXlsx')}</Button>
      <Button size="small" onClick={() => navigate(`/door/tickets/${sessionId}/${roomId}`)} data-testid="print-tickets">
        {t('door.paper.tickets')}
      </Button>
    </Space>
  );
}
