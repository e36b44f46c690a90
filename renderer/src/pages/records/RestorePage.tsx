// A fresh install restores another PC's backup: the folder (a USB drive), one of its backups, the
// recovery code. The audit chain continues from the backup; the restore is its next event.
import { Alert, Button, Card, Form, Input, Radio, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { FoundBackupView, RestoreReport } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { beijingTime, megabytes, REASON_KEYS } from './common';

export function RestorePage({ onBack, onRestored }: { onBack(): void; onRestored(notice: string): void }) {
  const { t, te } = useI18n();
  const [folder, setFolder] = useState('');
  const [found, setFound] = useState<FoundBackupView[] | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const find = async () => {
    setBusy(true);
    setError(null);
    try {
      const list = await call('vault.restore.find', { folder: folder.trim() });
      setFound(list);
      setPicked(list.find((b) => b.restorable)?.dir ?? null);
    } catch (e) {
      setFound(null);
      setError(te(errorData(e)));
    } finally {
      setBusy(false);
    }
  };

  const restore = async (v: { code: string }) => {
    if (!picked) return;
    setBusy(true);
    setError(null);
    try {
      const r: RestoreReport = await call('vault.restore', { dir: picked, code: v.code });
      onRestored(t('restore.done', { site: r.siteName ?? '', date: beijingTime(r.createdAt), seq: r.restoreEventSeq }));
    } catch (e) {
      setError(te(errorData(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('restore.title')} style={{ maxWidth: 860, margin: '32px auto' }} data-testid="restore-page">
      <Typography.Paragraph>{t('restore.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="restore-error" />}
      <Form layout="vertical" onFinish={() => void find()}>
        <Form.Item label={t('restore.folder')} extra={t('restore.folder.hint')}>
          <Space.Compact style={{ width: '100%' }}>
            <Input value={folder} onChange={(e) => setFolder(e.target.value)} maxLength={1000} data-testid="restore-folder" />
            <Button htmlType="submit" loading={busy && !found} disabled={!folder.trim()} data-testid="restore-find">
              {t('restore.find')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
      {found && found.length === 0 && <Alert type="info" showIcon message={t('restore.none')} />}
      {found && found.length > 0 && (
        <>
          <Table<FoundBackupView>
            size="small"
            rowKey="dir"
            pagination={false}
            dataSource={found}
            data-testid="restore-list"
            columns={[
              {
                title: t('restore.pick'),
                key: 'pick',
                width: 70,
                render: (_v, b) => <Radio checked={picked === b.dir} disabled={!b.restorable} onChange={() => setPicked(b.dir)} aria-label={b.name} />,
              },
              { title: t('restore.col.createdAt'), key: 'at', render: (_v, b) => beijingTime(b.createdAt) },
              { title: t('restore.col.site'), dataIndex: 'siteName' },
              { title: t('restore.col.reason'), key: 'reason', render: (_v, b) => t(REASON_KEYS[b.reason]) },
              { title: t('restore.col.size'), key: 'size', render: (_v, b) => megabytes(b.bytes) },
              { title: t('restore.col.events'), dataIndex: 'auditSeq' },
            ]}
          />
          <Form layout="vertical" style={{ marginTop: 16 }} onFinish={(v: { code: string }) => void restore(v)} requiredMark={false}>
            <Form.Item name="code" label={t('restore.code')} rules={[{ required: true, message: t('form.required') }]}>
              <Input size="large" autoComplete="off" spellCheck={false} maxLength={64} style={{ fontFamily: 'monospace' }} data-testid="restore-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={busy} disabled={!picked} data-testid="restore-submit">
              {t('restore.submit')}
            </Button>
          </Form>
        </>
      )}
      <Button type="link" onClick={onBack} style={{ marginTop: 8, paddingLeft: 0 }}>
        {t('restore.back')}
      </Button>
    </Card>
  );
}
