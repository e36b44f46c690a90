// The sync screen (DOMAIN G5, G7, A1). Network state, each sealed package's state and progress, one
// button to sync all, and the platform's signed statements. Green only on a verified receipt. What
// the console says about a package (holds, refusals, failures) arrives as codes and is worded here.
import { CheckCircleFilled, CloudSyncOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Descriptions, Form, Input, List, Progress, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { describeIssue, useI18n, type MessageKey } from '../../i18n';
import { FormError, useFilled, useFormErrors } from '../../components/useFormErrors';

type Status = OutputOf<'sync.status'>;
type Pkg = Status['packages'][number];
type Stmt = Status['statements'][number];

const STATE_COLOR: Record<Pkg['state'], string> = {
  waiting: 'default',
  uploading: 'processing',
  delivered: 'gold',
  acknowledged: 'success',
  certified: 'green',
  rejected: 'error',
  blocked: 'red',
};

const OPEN = new Set<Pkg['state']>(['waiting', 'uploading', 'delivered']);

const NETWORK_BADGE: Record<Status['network']['state'], 'default' | 'success' | 'error' | 'warning'> = {
  unknown: 'default',
  online: 'success',
  offline: 'error',
  key_mismatch: 'warning',
};

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '';
}

export function SyncPage() {
  const { t, te, lang } = useI18n();
  const status = useQuery('sync.status', {}, { refreshMs: 1000 });
  // the network light: a light probe of the platform now and then (it changes nothing else)
  useQuery('sync.probe', {}, { refreshMs: 15_000 });
  const s = status.data;
  const [message, setMessage] = useState<{ type: 'success' | 'error' | 'info'; text: string } | null>(null);
  const [form] = Form.useForm<{ platformUrl: string; expectedFingerprint: string }>();
  const fe = useFormErrors({ platformUrl: 'sync.settings.url', expectedFingerprint: 'sync.settings.fingerprint' });
  const urlFilled = useFilled(form, ['platformUrl']);

  const syncAll = async () => {
    try {
      const r = await call('sync.run', {});
      setMessage({ type: 'info', text: r.open ? t('sync.started', { open: r.open }) : t('sync.started.poll') });
      void status.reload();
    } catch (e) {
      setMessage({ type: 'error', text: te(errorData(e)) });
    }
  };

  const save = async (v: { platformUrl: string; expectedFingerprint: string }) => {
    const r = await fe.run(() => call('sync.configure', { platformUrl: v.platformUrl, expectedFingerprint: v.expectedFingerprint ?? '' }));
    if (!r.ok) return;
    setMessage({ type: 'success', text: t('sync.settings.saved') });
    void status.reload();
  };

  // G5: a waiting results package whose publication has not yet ended says so, not just "waiting"
  const stateLabel = (p: Pkg) => (p.holds.length ? t('sync.state.held') : t(`sync.state.${p.state}` as MessageKey, { percent: p.percent }));

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('sync.title')}
        loading={!s}
        extra={
          // stays clickable while the runner rests between retries: a click wakes it at once
          <Button type="primary" size="large" icon={<CloudSyncOutlined spin={!!s?.running} />} onClick={() => void syncAll()} data-testid="sync-all" data-running={s?.running ? '1' : '0'}>
            {s?.running ? t('sync.syncing') : t('sync.syncAll')}
          </Button>
        }
      >
        {message && <Alert type={message.type} showIcon message={message.text} style={{ marginBottom: 16 }} data-testid="sync-message" closable onClose={() => setMessage(null)} />}
        {s && (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('sync.network')}>
              <span data-testid="sync-network" data-state={s.network.state}>
                <Badge status={NETWORK_BADGE[s.network.state]} text={t(`sync.network.${s.network.state}` as MessageKey)} />
              </span>
              {s.network.problem && <Typography.Text type="secondary" data-testid="sync-network-problem"> · {describeIssue(lang, s.network.problem, 'sync.problem.')}</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t('sync.platform')}>{s.platformUrl ?? t('sync.platform.notSet')}</Descriptions.Item>
            <Descriptions.Item label={t('sync.pinned')}>
              <code data-testid="sync-pinned">{s.pinnedFingerprint ?? t('sync.pinned.none')}</code>
            </Descriptions.Item>
            <Descriptions.Item label={t('sync.packages')}>
              <span data-testid="sync-summary">
                {t('sync.summary', { open: s.open, held: s.held, acknowledged: s.counts.acknowledged, certified: s.counts.certified, rejected: s.counts.rejected, blocked: s.counts.blocked })}
              </span>
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>

      {/* Lists, not antd Tables: rc-table measures the scrollbar with an un-nonced <style>, which our CSP blocks */}
      <Card title={t('sync.packages')} size="small">
        <List<Pkg>
          size="small"
          data-testid="sync-packages"
          dataSource={s?.packages ?? []}
          locale={{ emptyText: t('sync.packages.empty') }}
          pagination={(s?.packages.length ?? 0) > 20 ? { pageSize: 20, size: 'small' } : false}
          renderItem={(p) => (
            <List.Item key={p.id} data-hash={p.hash} data-state={p.state} data-held={p.holds.length ? '1' : '0'}>
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap size={12}>
                  <Typography.Text strong>{p.batchName}</Typography.Text>
                  <Typography.Text type="secondary">{t('sync.version', { version: p.version, kind: t(`sync.kind.${p.kind}` as MessageKey) })}</Typography.Text>
                  <Tag color={p.holds.length ? 'gold' : STATE_COLOR[p.state]} icon={p.state === 'acknowledged' || p.state === 'certified' ? <CheckCircleFilled /> : undefined} data-testid="sync-state">
                    {stateLabel(p)}
                  </Tag>
                  {p.recordId && (
                    <Typography.Text>
                      {t('sync.col.record')} <code>{p.recordId}</code>
                    </Typography.Text>
                  )}
                  <Typography.Text type="secondary">
                    {t('sync.col.attempts')} {p.attempts}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('sync.col.hash')} <code title={p.hash}>{p.hash.slice(0, 12)}</code>
                  </Typography.Text>
                </Space>
                <Progress
                  percent={p.percent}
                  size="small"
                  status={p.state === 'rejected' || p.state === 'blocked' ? 'exception' : p.percent === 100 && p.recordId ? 'success' : 'normal'}
                  style={{ maxWidth: 480 }}
                />
                <Space direction="vertical" size={0} data-testid="sync-detail">
                  {p.reason && <Typography.Text type="secondary">{t('sync.amendReason', { reason: p.reason })}</Typography.Text>}
                  {p.holds.map((h, i) => (
                    <Typography.Text type="warning" key={`held-${i}`} data-testid="sync-held">
                      {describeIssue(lang, h, 'sync.held.')}
                    </Typography.Text>
                  ))}
                  {/* the platform's own reasons, in its words */}
                  {p.rejections.map((r, i) => (
                    <Typography.Text type="danger" key={`rejected-${i}`} data-testid="sync-rejection">
                      {r.ref ? t('sync.rejection.ref', { ref: r.ref, message: r.message }) : r.message}
                    </Typography.Text>
                  ))}
                  {p.refusals.map((r, i) => (
                    <Typography.Text type="danger" key={`refused-${i}`} data-testid="sync-refusal" data-reason={r.reason}>
                      {describeIssue(lang, r, 'seal.problem.')}
                    </Typography.Text>
                  ))}
                  {p.certificates > 0 && <Typography.Text>{t('sync.certificates', { n: p.certificates })}</Typography.Text>}
                  {OPEN.has(p.state) && p.lastError && <Typography.Text type="secondary">{t('sync.lastError', { error: describeIssue(lang, p.lastError, 'sync.problem.') })}</Typography.Text>}
                  {OPEN.has(p.state) && p.nextAttemptAt && p.attempts > 0 && (
                    <Typography.Text type="secondary">{t('sync.nextAttempt', { at: when(p.nextAttemptAt) })}</Typography.Text>
                  )}
                </Space>
              </Space>
            </List.Item>
          )}
        />
      </Card>

      <Card title={t('sync.receipts')} size="small">
        <List<Stmt>
          size="small"
          data-testid="sync-receipts"
          dataSource={s?.statements ?? []}
          locale={{ emptyText: t('sync.receipts.empty') }}
          pagination={(s?.statements.length ?? 0) > 10 ? { pageSize: 10, size: 'small' } : false}
          renderItem={(st) => (
            <List.Item key={st.id}>
              <Space wrap size={12}>
                <Tag color={st.kind === 'rejection' ? 'red' : 'green'}>{t(`sync.stmt.${st.kind}` as MessageKey)}</Tag>
                {st.recordNo && <code>{st.recordNo}</code>}
                <Typography.Text type="secondary">
                  {t('sync.col.hash')} <code title={st.packageHash}>{st.packageHash.slice(0, 12)}</code>
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('sync.col.receivedAt')} {when(st.receivedAt)}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('sync.col.platformKey')} <code>{st.platformKey.slice(0, 16)}…</code>
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>

      <Card title={t('sync.settings')} size="small">
        {s && (
          <Form
            form={form}
            layout="vertical"
            initialValues={{ platformUrl: s.platformUrl ?? '', expectedFingerprint: s.expectedFingerprint ?? '' }}
            onFinish={(v) => void save(v)}
            onValuesChange={(ch: object) => fe.touched(Object.keys(ch))}
            style={{ maxWidth: 640 }}
          >
            <Form.Item name="platformUrl" {...fe.item('platformUrl')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
              <Input maxLength={2000} data-testid="sync-url" />
            </Form.Item>
            <Form.Item name="expectedFingerprint" {...fe.item('expectedFingerprint')}>
              <Input maxLength={200} data-testid="sync-fingerprint" />
            </Form.Item>
            <FormError text={fe.general} testId="sync-settings-error" />
            <Button htmlType="submit" disabled={!urlFilled} loading={fe.busy} data-testid="sync-save">
              {t('sync.settings.save')}
            </Button>
          </Form>
        )}
      </Card>
    </Space>
  );
}
