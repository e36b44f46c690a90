// S4/S5: the chief examiner's review of candidates whose examiners' totals spread too far.
// The chief reads the locked sheets' totals and records a note; no sheet is changed here.
import { Alert, App, Button, Card, Empty, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { FormError, useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { WithdrawSheets } from './WithdrawSheets';

export function ReviewPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const list = useQuery('scoring.review.list', {}, { refreshMs: 15_000 });
  const canRecord = session.actor.role === 'chief_examiner';
  const rows = list.data ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <WithdrawSheets />
      <Card title={t('scoring.review.title')}>
        <Typography.Paragraph type="secondary">{t('scoring.review.intro')}</Typography.Paragraph>
        {rows.length === 0 && !list.loading ? (
          <Empty description={t('scoring.review.none')} />
        ) : (
          <List
            dataSource={rows}
            renderItem={(r) => {
              const k = `${r.candidateId}:${r.subjectId}`;
              return (
                <List.Item key={k} data-testid={`review-${r.ticketNo}`}>
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    <Space wrap>
                      <Typography.Text strong style={{ fontSize: 16 }}>
                        {r.name} · {r.ticketNo}
                      </Typography.Text>
                      <Typography.Text type="secondary">
                        {r.sessionName} · {r.roomCode}
                      </Typography.Text>
                      <Tag color="red">{t('scoring.review.spread', { spread: r.spread, threshold: r.threshold })}</Tag>
                    </Space>
                    <Space wrap>
                      {r.totals.map((x, i) => (
                        <Tag key={i}>
                          {x.examiner}：{x.total}
                        </Tag>
                      ))}
                    </Space>
                    {r.reviewed ? (
                      <Alert type="success" showIcon title={t('scoring.review.done', { chief: r.reviewed.chief, at: new Date(r.reviewed.at).toLocaleString() })} description={r.reviewed.note} />
                    ) : canRecord ? (
                      <ReviewNote ticketNo={r.ticketNo} candidateId={r.candidateId} subjectId={r.subjectId} onRecorded={list.reload} />
                    ) : (
                      <Tag color="orange">{t('scoring.review.waiting')}</Tag>
                    )}
                  </Space>
                </List.Item>
              );
            }}
          />
        )}
      </Card>
    </Space>
  );
}

/** S4: the chief's note for one candidate: refused under 复核意见, or beside its button. */
function ReviewNote(props: { ticketNo: string; candidateId: number; subjectId: number; onRecorded(): Promise<void> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const fe = useFormErrors({ note: 'scoring.review.note' });
  const record = async () => {
    const r = await fe.run(() => call('scoring.review.record', { candidateId: props.candidateId, subjectId: props.subjectId, note }));
    if (!r.ok) return;
    void message.success(t('scoring.review.recorded'));
    await props.onRecorded();
  };
  return (
    <Form layout="vertical" component="div" style={{ width: '100%' }} data-testid={`review-form-${props.ticketNo}`}>
      <Form.Item {...fe.item('note')} style={{ marginBottom: 8 }}>
        <Input.TextArea
          rows={2}
          maxLength={1000}
          placeholder={t('scoring.review.notePlaceholder')}
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
            fe.touched(['note']);
          }}
          data-testid={`review-note-${props.ticketNo}`}
        />
      </Form.Item>
      <Button type="primary" size="large" disabled={note.trim() === ''} loading={fe.busy} onClick={() => void record()} data-testid={`review-save-${props.ticketNo}`}>
        {t('scoring.review.record')}
      </Button>
      <FormError text={fe.general} />
    </Form>
  );
}
