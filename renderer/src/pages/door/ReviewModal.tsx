// The supervisor's review of a doubtful admission (S8): the registered photo, the one taken at the
// door and the ID card's (once a card reader gives one) side by side, an outcome to choose and a
// note. The button waits until both are given; an error shows beside it and clears on success.
import { Alert, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { useI18n, type MessageKey } from '../../i18n';

type Case = OutputOf<'checkin.doubtful'>[number];
type Outcome = 'confirmed' | 'impersonation' | 'unresolved';
const OUTCOMES: Outcome[] = ['confirmed', 'impersonation', 'unresolved'];

function Photo({ src, label, none, testId }: { src: string | null | undefined; label: string; none: string; testId: string }) {
  return (
    <figure style={{ margin: 0, textAlign: 'center', width: 150 }} data-testid={testId}>
      {src ? (
        <img src={src} alt={label} style={{ width: 144, height: 192, objectFit: 'cover', border: '1px solid #d9d9d9' }} />
      ) : (
        <div style={{ width: 144, height: 192, boxSizing: 'border-box', border: '1px dashed #d9d9d9', display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#8c8c8c', padding: 8, margin: '0 auto' }}>{none}</div>
      )}
      <figcaption>
        <Typography.Text type="secondary">{label}</Typography.Text>
      </figcaption>
    </figure>
  );
}

export function ReviewModal({ item, onDone }: { item: Case; onDone: (saved: boolean) => void }) {
  const { t, te } = useI18n();
  const photos = useQuery('checkin.casePhotos', { checkinId: item.checkinId });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ready = outcome !== null && note.trim() !== '';
  const save = async () => {
    if (!outcome) return;
    setBusy(true);
    try {
      await call('checkin.review', { checkinId: item.checkinId, outcome, note: note.trim() });
      setError(null);
      onDone(true);
    } catch (e) {
      setError(te(errorData(e)));
    } finally {
      setBusy(false);
    }
  };
  const p = photos.data;
  return (
    <Modal
      open
      width={720}
      title={`${t('cases.review')} · ${item.name}`}
      onCancel={() => onDone(false)}
      onOk={() => void save()}
      okText={t('cases.reviewSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ disabled: !ready, 'data-testid': 'review-submit' }}
    >
      <Typography.Paragraph type="secondary">
        {item.ticketNo} {item.docMasked} · {item.sessionName} {item.roomCode} · {item.reason}
      </Typography.Paragraph>
      <Space wrap size={16} align="start" data-testid="review-photos" style={{ marginBottom: 12 }}>
        <Photo src={p?.registered} label={t('cases.photo.registered')} none={t('cases.photo.none')} testId="review-photo-registered" />
        <Photo src={p?.door} label={t('cases.photo.door')} none={t('cases.photo.none')} testId="review-photo-door" />
        <Photo src={p?.card} label={t('cases.photo.card')} none={t('cases.photo.cardNone')} testId="review-photo-card" />
      </Space>
      <Form layout="vertical" component="div">
        <Form.Item label={t('cases.outcome')} required style={{ marginBottom: 8 }}>
          <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)} data-testid="review-outcome">
            <Space direction="vertical">
              {OUTCOMES.map((o) => (
                <Radio key={o} value={o}>
                  {t(`cases.outcome.${o}` as MessageKey)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('cases.reviewExplain')} htmlFor="review-note" required style={{ marginBottom: 8 }}>
          <Input.TextArea id="review-note" rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="review-error" />}
    </Modal>
  );
}
