// Backups: the folder the site head chooses (a USB drive), how often and how many to keep, a
// backup now, the recent runs; and the recovery code made anew when lost.
import { Alert, Button, Card, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { BackupStatusCard } from '../../components/BackupStatusCard';
import { FormError, useFilled, useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { beijingTime, failureText, megabytes, REASON_KEYS } from './common';
import { RecoverySheet, printRecovery } from './RecoveryCodeCard';

interface Values {
  folder: string;
  everyMinutes: number;
  keep: number;
}

export function BackupPage() {
  const { t, te } = useI18n();
  const { session } = useSession();
  const isHead = session.actor.role === 'site_head';
  // once a folder is saved the first backup follows at once (it runs on its own, after the answer):
  // the runs are asked for every second until a run newer than the saved moment's shows, instead of
  // leaving the site head looking at an empty list until the next 10 s refresh
  const [awaiting, setAwaiting] = useState<{ newest: number | null } | null>(null);
  const q = useQuery('backup.status', { runs: 20 }, { refreshMs: awaiting ? 1_000 : 10_000 });
  const newest = q.data?.runs[0]?.id ?? null;
  useEffect(() => {
    if (awaiting && newest !== null && newest !== awaiting.newest) setAwaiting(null);
  }, [awaiting, newest]);
  const drives = useQuery('backup.drives', {}, { skip: !isHead });
  const [form] = Form.useForm<Values>();
  const [message, setMessage] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const settings = q.data?.status?.settings ?? null;
  // a folder the console cannot use (not absolute, not writable) under 文件夹
  const fe = useFormErrors(
    { folder: 'backup.folder', everyMinutes: 'backup.every', keep: 'backup.keep' },
    { 'backup.folderInsideData': 'folder', 'backup.folderMissing': 'folder', 'backup.folderNotAbsolute': 'folder', 'backup.folderNotFolder': 'folder' },
  );
  const ready = useFilled(form, ['folder', 'everyMinutes', 'keep']);

  useEffect(() => {
    if (settings) form.setFieldsValue(settings);
  }, [settings, form]);

  if (q.data && !q.data.available) return <Alert type="info" showIcon message={t('backup.unavailable')} />;

  const save = async (v: Values) => {
    setMessage(null);
    const r = await fe.run(() => call('backup.configure', { folder: v.folder.trim(), everyMinutes: v.everyMinutes, keep: v.keep }));
    if (!r.ok) return;
    setMessage({ type: 'success', text: t('backup.saved') });
    setAwaiting({ newest });
    void q.reload();
  };

  const now = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await call('backup.run', {});
      setMessage(r.state === 'ok' ? { type: 'success', text: t('backup.ok', { name: r.name ?? '' }) } : { type: 'error', text: t('backup.failed', { error: failureText(t, r) }) });
    } catch (e) {
      setMessage({ type: 'error', text: te(errorData(e)) });
    } finally {
      setBusy(false);
      void q.reload();
    }
  };

  return (
    <>
      <Card title={t('backup.title')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('backup.intro')}</Typography.Paragraph>
        <BackupStatusCard compact data={q.data} />
        {message && <Alert type={message.type} showIcon message={message.text} style={{ marginBottom: 16 }} data-testid="backup-message" />}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} onValuesChange={(ch: object) => fe.touched(Object.keys(ch))} initialValues={{ everyMinutes: 30, keep: 20 }} disabled={!isHead} requiredMark={false}>
          <Form.Item name="folder" {...fe.item('folder')} extra={t('backup.folder.hint')} rules={[{ required: true, message: t('form.required') }]}>
            <Input maxLength={1000} data-testid="backup-folder" />
          </Form.Item>
          {drives.data && drives.data.length > 0 && (
            <Form.Item label={t('backup.drives')}>
              <Space wrap>
                {drives.data.map((d) => (
                  <Tag key={d} style={{ cursor: 'pointer' }} onClick={() => form.setFieldValue('folder', d)}>
                    {d}
                  </Tag>
                ))}
              </Space>
            </Form.Item>
          )}
          <Space size="large" wrap>
            <Form.Item name="everyMinutes" {...fe.item('everyMinutes')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber min={5} max={1440} precision={0} data-testid="backup-every" />
            </Form.Item>
            <Form.Item name="keep" {...fe.item('keep')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber min={2} max={200} precision={0} data-testid="backup-keep" />
            </Form.Item>
          </Space>
          {isHead && (
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={fe.busy} disabled={!ready || busy} data-testid="backup-save">
                {t('backup.save')}
              </Button>
              <Button onClick={() => void now()} loading={busy} disabled={!settings} data-testid="backup-now">
                {t('backup.now')}
              </Button>
            </Space>
          )}
        </Form>
        {q.data?.siteFolder && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            {t('backup.siteFolder')}：<Typography.Text code>{q.data.siteFolder}</Typography.Text>
          </Typography.Paragraph>
        )}
      </Card>
      <Card title={t('backup.runs')} style={{ marginBottom: 16 }}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={q.data?.runs ?? []}
          data-testid="backup-runs"
          scroll={{ x: true }}
          columns={[
            { title: t('backup.col.at'), key: 'at', render: (_v, r) => beijingTime(r.finishedAt) },
            { title: t('backup.col.reason'), key: 'reason', render: (_v, r) => t(REASON_KEYS[r.reason]) },
            {
              title: t('backup.col.state'),
              key: 'state',
              render: (_v, r) => (r.state === 'ok' ? <Tag color="green">{t('backup.state.ok')}</Tag> : <Tag color="red">{t('backup.state.failed')}</Tag>),
            },
            { title: t('backup.col.size'), key: 'size', render: (_v, r) => megabytes(r.bytes) },
            { title: t('backup.col.events'), dataIndex: 'auditSeq' },
            { title: t('backup.col.name'), key: 'name', render: (_v, r) => r.name ?? failureText(t, r) },
          ]}
        />
      </Card>
      {isHead && <RotateRecoveryCard />}
    </>
  );
}

function RotateRecoveryCard() {
  const { t } = useI18n();
  const { session } = useSession();
  const [code, setCode] = useState<string | null>(null);
  const [form] = Form.useForm<{ pin: string }>();
  const fe = useFormErrors({ pin: 'recovery.rotate.pin' }, { PIN_WRONG: 'pin', PIN_LOCKED: 'pin' });
  const ready = useFilled(form, ['pin']);
  const rotate = async (v: { pin: string }) => {
    const r = await fe.run(() => call('vault.recovery.rotate', { pin: v.pin }));
    form.resetFields();
    if (r.ok) setCode(r.value.recoveryCode);
  };
  return (
    <Card title={t('recovery.rotate.title')} className="no-print">
      <Typography.Paragraph type="secondary">{t('recovery.rotate.body')}</Typography.Paragraph>
      {code ? (
        <>
          <Typography.Paragraph>{t('recovery.rotate.done')}</Typography.Paragraph>
          <div className="recovery-code" data-testid="rotated-code">
            {code}
          </div>
          <Button style={{ marginTop: 12 }} onClick={printRecovery}>
            {t('recovery.print')}
          </Button>
          <RecoverySheet code={code} siteName={session.siteName} />
        </>
      ) : (
        <Form form={form} layout="inline" onFinish={(v) => void rotate(v)} onValuesChange={(ch: object) => fe.touched(Object.keys(ch))}>
          <Form.Item name="pin" {...fe.item('pin')} rules={[{ required: true, message: t('form.required') }]}>
            <Input.Password inputMode="numeric" autoComplete="off" maxLength={64} data-testid="rotate-pin" />
          </Form.Item>
          <Button htmlType="submit" loading={fe.busy} disabled={!ready} data-testid="rotate-submit">
            {t('recovery.rotate.submit')}
          </Button>
          <FormError text={fe.general} />
        </Form>
      )}
    </Card>
  );
}
