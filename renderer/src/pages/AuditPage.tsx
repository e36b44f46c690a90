import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { OutputOf } from '../../../electron/commands/api';
import { call } from '../api/client';
import { errorData, useQuery } from '../api/hooks';
import { hasKey, useI18n } from '../i18n';
import { auditSubject } from './auditWords';

type Row = OutputOf<'audit.list'>[number];

/** The trail (A1): recent events and the same check as `npm run verify`. */
export function AuditPage() {
  const { t, te } = useI18n();
  const list = useQuery('audit.list', { limit: 200 });
  const [result, setResult] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const verify = async () => {
    try {
      const r = await call('audit.verify', {});
      if (r.ok) setResult({ type: 'success', text: t('audit.verify.ok', { count: r.chain.count }) });
      else if (r.chain.firstBad) setResult({ type: 'error', text: t('audit.verify.bad', { seq: r.chain.firstBad.seq, reason: `@audit.bad.${r.chain.firstBad.reason}` }) });
      else setResult({ type: 'error', text: t('audit.verify.integrity', { detail: r.integrity.join('; ') }) });
    } catch (e) {
      setResult({ type: 'error', text: te(errorData(e)) });
    }
  };
  return (
    <Card
      title={t('nav.audit')}
      extra={
        <Space>
          <Button onClick={() => void list.reload()}>{t('common.refresh')}</Button>
          <Button type="primary" onClick={() => void verify()} data-testid="audit-verify">
            {t('audit.verify')}
          </Button>
        </Space>
      }
    >
      {result && <Alert type={result.type} showIcon message={result.text} style={{ marginBottom: 16 }} data-testid="audit-result" />}
      <Table<Row>
        rowKey="seq"
        size="small"
        loading={list.loading && !list.data}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: t('audit.col.seq'), dataIndex: 'seq', width: 70 },
          { title: t('audit.col.at'), dataIndex: 'at', width: 190, render: (v: string) => new Date(v).toLocaleString() },
          // people in words: the actor with the role they acted in, and whom the event concerns
          { title: t('audit.col.actor'), width: 150, render: (_: unknown, r) => (r.actorName ? `${r.actorName}${r.role && hasKey(`role.${r.role}`) ? `（${t(`role.${r.role}` as 'role.proctor')}）` : ''}` : '') },
          { title: t('audit.col.subject'), width: 200, render: (_: unknown, r) => auditSubject(r.detail), onCell: () => ({ 'data-testid': 'audit-subject' }) as object },
          { title: t('audit.col.command'), dataIndex: 'command', width: 150 },
          {
            title: t('audit.col.outcome'),
            dataIndex: 'outcome',
            width: 90,
            render: (v: string) => <Tag color={v === 'ok' ? 'green' : 'orange'}>{t(v === 'ok' ? 'audit.outcome.ok' : 'audit.outcome.refused')}</Tag>,
          },
          { title: t('audit.col.device'), dataIndex: 'device', ellipsis: true },
          { title: t('audit.col.hash'), dataIndex: 'hash', width: 130, render: (v: string) => <code>{v.slice(0, 12)}</code> },
        ]}
      />
    </Card>
  );
}
