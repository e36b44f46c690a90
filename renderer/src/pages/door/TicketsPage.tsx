// Admission tickets (准考证) for sites that print their own: photo, sittings and a QR code the
// door's scanner reads (qrcode renders it in the page; nothing leaves the PC).
import { Button, Space } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import './door.css';

export function TicketsPage({ sessionId, roomId }: { sessionId: number; roomId: number }) {
  const { t } = useI18n();
  const data = useQuery('checkin.tickets', { sessionId, roomId });
  const [qrs, setQrs] = useState<Record<number, string>>({});
  useEffect(() => {
    const list = data.data?.tickets ?? [];
    let cancelled = false;
    void Promise.all(list.map(async (x) => [x.candidateId, await QRCode.toDataURL(x.qr, { margin: 1, width: 240, errorCorrectionLevel: 'M' })] as const)).then((pairs) => {
      if (!cancelled) setQrs(Object.fromEntries(pairs));
    });
    return () => {
      cancelled = true;
    };
  }, [data.data]);
  const d = data.data;
  if (!d) return null;
  return (
    <div>
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Button type="primary" size="large" onClick={() => window.print()}>
          {t('door.print.print')}
        </Button>
        <Button size="large" onClick={() => navigate(`/door/room/${sessionId}/${roomId}`)}>
          {t('door.backToDoor')}
        </Button>
      </Space>
      <div className="door-tickets" data-testid="tickets">
        {d.tickets.map((x) => (
          <div className="door-ticket" key={x.candidateId} data-testid={`ticket-${x.candidateId}`}>
            <h2>{t('door.ticket.title')}</h2>
            <div className="grid">
              <div>
                <div>{d.batchName}</div>
                <div>
                  {t('door.field.name')}：<strong style={{ fontSize: 18 }}>{x.name}</strong>　{t('door.field.gender')}：{x.gender}
                </div>
                <div>
                  {t('door.field.ticket')}：<strong>{x.ticketNo}</strong>
                </div>
                <div>
                  {t('door.ticket.docType')}：{x.docType}　{x.docMasked}
                </div>
                <div>
                  {t('door.ticket.occupation')}：{x.occupation}　{t('door.ticket.level')}：{x.level}
                </div>
                <div style={{ marginTop: 6 }}>{t('door.ticket.sittings')}：</div>
                {x.sittings.map((s, i) => (
                  <div key={i}>{t('door.ticket.sitting', { session: s.sessionName, date: s.date, time: s.time, room: s.roomCode ?? '', location: s.location ?? '', seat: s.seat ?? '' })}</div>
                ))}
                <div>{d.siteName}</div>
              </div>
              <div>{x.photo && <img className="photo" src={x.photo} alt={x.name} />}</div>
              <div>{qrs[x.candidateId] && <img className="qr" src={qrs[x.candidateId]} alt={x.ticketNo} data-testid="ticket-qr" />}</div>
            </div>
            <div className="rules">{t('door.ticket.rules')}</div>
          </div>
        ))}
      </div>
    </div>
  );
}
