// The printable sign-in sheet (签到表) and door list: the same columns as the xlsx, masked ID numbers.
import { DrawNote } from './DrawNote';
import { Button, Space } from 'antd';
import type { OutputOf } from '../../../../electron/commands/api';
import { useQuery } from '../../api/hooks';
import { useI18n, type MessageKey } from '../../i18n';
import { navigate } from '../../router';
import './door.css';

type Row = OutputOf<'checkin.door'>['roster'][number];

const STATUS: Record<Row['status'], MessageKey> = { missing: 'door.status.missing', in: 'door.status.in', doubtful: 'door.status.doubtful', absent: 'door.status.absent', left: 'door.status.left' };

export function PrintPage({ kind, sessionId, roomId }: { kind: 'signSheet' | 'doorList'; sessionId: number; roomId: number }) {
  const { t } = useI18n();
  const door = useQuery('checkin.door', { sessionId, roomId });
  const site = useQuery('auth.me', {});
  const v = door.data;
  if (!v) return null;
  const remark = (r: Row) =>
    [r.status === 'absent' && t('door.remark.absent'), r.status === 'doubtful' && t('door.remark.doubtful'), r.late && t('door.remark.late')].filter(Boolean).join('，');
  const present = v.roster.filter((r) => r.status !== 'missing' && r.status !== 'absent').length;
  return (
    <div>
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Button type="primary" size="large" onClick={() => window.print()} data-testid="print-now">
          {t('door.print.print')}
        </Button>
        <Button size="large" onClick={() => navigate(`/door/room/${sessionId}/${roomId}`)}>
          {t('door.backToDoor')}
        </Button>
      </Space>
      <div className="door-print" data-testid="print-sheet">
        <h1>
          {site.data?.siteName} {t(kind === 'signSheet' ? 'door.print.signSheet' : 'door.print.doorList')}
        </h1>
        <div className="sub">{t('door.print.session', { session: v.door.sessionName, date: v.door.startsAt.slice(0, 10), time: `${v.startsLocal}–${v.endsLocal}` })}</div>
        <div className="sub">{t('door.print.room', { room: v.door.roomCode, location: v.door.roomLocation })}</div>
        <DrawNote draw={v.draw} plain />
        <table>
          <thead>
            {kind === 'signSheet' ? (
              <tr>
                <th>{t('door.col.no')}</th>
                <th>{t('door.col.name')}</th>
                <th>{t('door.col.ticket')}</th>
                <th>{t('door.col.doc')}</th>
                <th>{t('door.col.seat')}</th>
                <th>{t('door.col.signature')}</th>
                <th>{t('door.col.remark')}</th>
              </tr>
            ) : (
              <tr>
                <th>{t('door.col.no')}</th>
                <th>{t('door.col.seat')}</th>
                <th>{t('door.col.name')}</th>
                <th>{t('door.col.gender')}</th>
                <th>{t('door.col.ticket')}</th>
                <th>{t('door.col.doc')}</th>
                <th>{t('door.col.status')}</th>
              </tr>
            )}
          </thead>
          <tbody>
            {v.roster.map((r, i) =>
              kind === 'signSheet' ? (
                <tr key={r.candidateId} className="row">
                  <td>{i + 1}</td>
                  <td>{r.name}</td>
                  <td>{r.ticketNo}</td>
                  <td>{r.docMasked}</td>
                  <td>{r.seat}</td>
                  <td className="sign" />
                  <td>{remark(r)}</td>
                </tr>
              ) : (
                <tr key={r.candidateId}>
                  <td>{i + 1}</td>
                  <td>{r.seat}</td>
                  <td>{r.name}</td>
                  <td>{r.gender}</td>
                  <td>{r.ticketNo}</td>
                  <td>{r.docMasked}</td>
                  <td>{t(STATUS[r.status])}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
        <p>{t('door.print.summary', { expected: v.counts.expected, present, absent: v.counts.absent })}</p>
        <p>{t('door.print.signers')}</p>
      </div>
    </div>
  );
}
