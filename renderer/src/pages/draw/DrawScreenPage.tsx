// The projector: the draw is done in front of the staff. The seed first, then each room's
// result revealed in turn, then the supervisor's confirmation with their PIN.
import { Button, Card, Col, Empty, Row, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { navigate, usePath } from '../../router';
import { ConfirmModal } from './ConfirmModal';
import { useBatch } from './useBatch';

type Verify = OutputOf<'draw.verify'>;

const REVEAL_MS = 350;

export function DrawScreenPage() {
  const { t } = useI18n();
  const path = usePath();
  const { batchId } = useBatch();
  const board = useQuery('draw.board', { batchId: batchId ?? 0 }, { skip: !batchId });
  const [revealed, setRevealed] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [verify, setVerify] = useState<Verify | null>(null);
  const data = board.data;
  const wanted = Number(path.split('/')[3]) || null;
  const draw = data?.draws.find((d) => d.id === wanted) ?? data?.draws[data.draws.length - 1] ?? null;
  // S2/S8: the draw's own people (a pending redraw shows what it drew, not the draw in force)
  const result = useQuery('draw.result', { drawId: draw?.id ?? 0 }, { skip: !draw });
  const own = result.data?.drawId === draw?.id ? result.data : undefined;
  const cards = useMemo(() => (own ? own.sessions.flatMap((s) => s.rooms.map((r) => ({ s, r }))) : []), [own]);

  useEffect(() => {
    if (revealed >= cards.length) return;
    const id = setTimeout(() => setRevealed((n) => n + 1), REVEAL_MS);
    return () => clearTimeout(id);
  }, [revealed, cards.length]);

  if (!draw) return <Empty description={t('screen.waiting')} />;
  const seedGroups = draw.seed.match(/.{8}/g) ?? [draw.seed];
  const confirmed = draw.status === 'confirmed';
  const canConfirm = draw.status === 'drawn' || draw.status === 'pending';
  const instead = own?.usedInstead ?? [];
  const fmt = (at: string | null) => (at ? new Date(at).toLocaleString() : '');
  return (
    <div className="draw-screen" style={{ background: '#0b1f3a', color: '#fff', minHeight: 'calc(100vh - 96px)', borderRadius: 8 }} data-testid="draw-screen">
      <Typography.Title level={2} style={{ color: '#fff', margin: 0 }}>
        {`${t('screen.title')} · ${data?.batch.name ?? ''}`}
      </Typography.Title>
      <div style={{ marginTop: 10, fontSize: 18, display: 'flex', alignItems: 'baseline', flexWrap: 'wrap', gap: 12 }}>
        <span>{t('screen.seed')}</span>
        <span style={{ fontFamily: 'monospace', fontSize: 24, letterSpacing: 0.5, color: '#ffd666', overflowWrap: 'anywhere', minWidth: 0 }} data-testid="screen-seed">
          {seedGroups.join(' ')}
        </span>
      </div>
      <div style={{ opacity: 0.75, marginTop: 4, overflowWrap: 'anywhere' }}>{`${t('screen.algorithm')}：${draw.algorithm}`}</div>
      <div style={{ opacity: 0.75, overflowWrap: 'anywhere' }}>{`${t('screen.digest')}：${draw.inputsDigest}`}</div>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginTop: 12 }}>
        <Tag color={confirmed ? 'green' : 'orange'} style={{ fontSize: 18, padding: '6px 12px' }} data-testid="screen-status">
          {confirmed ? t('draw.status.confirmed', { name: draw.confirmedBy ?? '' }) : t(`draw.status.${draw.status}`)}
        </Tag>
        {canConfirm && (
          <Button type="primary" size="large" onClick={() => setConfirming(true)} data-testid="screen-confirm">
            {draw.status === 'pending' ? t('draw.reconfirm') : t('draw.confirm')}
          </Button>
        )}
        <Button onClick={() => setRevealed(cards.length)} data-testid="screen-reveal-all">
          {t('screen.revealAll')}
        </Button>
        <Button onClick={() => setRevealed(0)}>{t('screen.replay')}</Button>
        <Button onClick={() => void call('draw.verify', { drawId: draw.id }).then(setVerify)} data-testid="screen-verify">
          {t('draw.verify')}
        </Button>
        <Button onClick={() => navigate('/draw')}>{t('screen.back')}</Button>
        {verify && (
          <Tag color={verify.same ? 'green' : 'red'} style={{ fontSize: 16, padding: '4px 10px' }} data-testid="screen-verify-result">
            {verify.same ? t('draw.verify.same') : t('draw.verify.differs')}
          </Tag>
        )}
      </div>
      <div style={{ marginTop: 12, fontSize: 18 }} data-testid="screen-in-force">
        {own?.inForce
          ? own.confirmedAt
            ? t('draw.inForce.confirmed', { id: draw.id, at: fmt(own.confirmedAt) })
            : t('draw.inForce.unconfirmed', { id: draw.id })
          : instead.map((x) => (
              <div key={x.drawId} style={{ color: '#ffd666' }}>
                {draw.status === 'pending' ? t('draw.inForce.pendingInstead', { id: x.drawId, at: fmt(x.confirmedAt) }) : t('draw.inForce.replacedBy', { id: x.drawId })}
              </div>
            ))}
      </div>
      <Row gutter={[12, 12]} style={{ marginTop: 20 }}>
        {cards.map(({ s, r }, i) => (
          <Col key={`${s.id}:${r.id}`} xs={24} sm={12} md={8} lg={6}>
            <Card size="small" style={{ minHeight: 118, opacity: i < revealed ? 1 : 0.25, transition: 'opacity 300ms' }} data-testid={i < revealed ? 'screen-room-revealed' : 'screen-room-hidden'}>
              <div style={{ fontSize: 14, color: '#666' }}>{s.name}</div>
              <div style={{ fontSize: 22, fontWeight: 600 }}>{r.code}</div>
              <div style={{ fontSize: 20 }}>{i < revealed ? r.proctors.map((p) => p.name).join('、') : '？ ？'}</div>
              {i < revealed && r.chief && <div style={{ fontSize: 15, color: '#444' }}>{[`${t('draw.col.chief')} ${r.chief.name}`, r.examiners.map((p) => p.name).join('、')].join(' · ')}</div>}
            </Card>
          </Col>
        ))}
      </Row>
      {confirming && (
        <ConfirmModal
          drawId={draw.id}
          onClose={() => setConfirming(false)}
          onDone={() => {
            setConfirming(false);
            void board.reload();
            void result.reload();
          }}
        />
      )}
    </div>
  );
}
