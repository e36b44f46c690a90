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
  const cards = useMemo(() => {
    if (!data || !draw) return [];
    return data.sessions.filter((s) => draw.sessionIds.includes(s.id)).flatMap((s) => s.rooms.map((r) => ({ s, r })));
  }, [data, draw]);

  useEffect(() => {
    if (revealed >= cards.length) return;
    const id = setTimeout(() => setRevealed((n) => n + 1), REVEAL_MS);
    return () => clearTimeout(id);
  }, [revealed, cards.length]);

  if (!draw) return <Empty description={t('screen.waiting')} />;
  const seedGroups = draw.seed.match(/.{8}/g) ?? [draw.seed];
  const confirmed = draw.status === 'confirmed';
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
          {confirmed ? t('draw.status.confirmed', { name: draw.confirmedBy ?? '' }) : t('draw.status.drawn')}
        </Tag>
        {!confirmed && (
          <Button type="primary" size="large" onClick={() => setConfirming(true)} data-testid="screen-confirm">
            {t('draw.confirm')}
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
          }}
        />
      )}
    </div>
  );
}
