// S4/S5: the chief examiner's review of candidates whose examiners' totals spread too far.
// The chief reads the locked sheets' totals and records a note; no sheet is changed here.
import { Alert, App, Button, Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { WithdrawSheets } from './WithdrawSheets';

export function ReviewPage() {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const { session } = useSession();
  const list = useQuery('scoring.review.list', {}, { refreshMs: 15_000 });
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const canRecord = session.actor.role === 'chief_examiner';
  const record = async (candidateId: number, subjectId: number) => {
    try {
      await call('scoring.review.record', { candidateId, subjectId, note: notes[`${candidateId}:${subjectId}`] ?? '' });
      void message.success(t('scoring.review.recorded'));
      await list.reload();
    } catch (e) {
      setError(te(errorData(e)));
    }
  };
  const rows = list.data ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <WithdrawSheets />
      <Card title={t('scoring.review.title')}>
        <Typography.Paragraph type="secondary">{t('scoring.review.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} style={{ marginBottom: 12 }} />}
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
                      <Space.Compact style={{ width: '100%' }}>
                        <Input.TextArea
                          rows={2}
                          placeholder={t('scoring.review.notePlaceholder')}
                          value={notes[k] ?? ''}
                          onChange={(e) => setNotes({ ...notes, [k]: e.target.value })}
                          data-testid={`review-note-${r.ticketNo}`}
                        />
                        <Button type="primary" size="large" onClick={() => void record(r.candidateId, r.subjectId)} data-testid={`review-save-${r.ticketNo}`}>
                          {t('scoring.review.record')}
                        </Button>
                      </Space.Compact>
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
