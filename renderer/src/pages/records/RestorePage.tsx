// A fresh install restores another PC's backup: the folder (a USB drive), one of its backups, the
// recovery code. The audit chain continues from the backup; the restore is its next event.
import { Alert, Button, Card, Form, Input, Radio, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { FoundBackupView } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { FormError, useFilled, useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n';
import { beijingTime, megabytes, REASON_KEYS } from './common';

export function RestorePage({ onBack, onRestored }: { onBack(): void; onRestored(notice: string): void }) {
  const { t } = useI18n();
  const [folder, setFolder] = useState('');
  const [found, setFound] = useState<FoundBackupView[] | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [codeForm] = Form.useForm<{ code: string }>();
  // a folder that is not there under the folder; a wrong code under 恢复码; the rest beside each button
  const findFe = useFormErrors({ folder: 'restore.folder' }, { 'restore.folderMissing': 'folder' });
  const restoreFe = useFormErrors({ code: 'restore.code' }, { RECOVERY_CODE_WRONG: 'code' });
  const codeReady = useFilled(codeForm, ['code']);

  const find = async () => {
    const r = await findFe.run(() => call('vault.restore.find', { folder: folder.trim() }));
    if (!r.ok) {
      setFound(null);
      return;
    }
    setFound(r.value);
    setPicked(r.value.find((b) => b.restorable)?.dir ?? null);
  };

  const restore = async (v: { code: string }) => {
    if (!picked) return;
    const r = await restoreFe.run(() => call('vault.restore', { dir: picked, code: v.code }));
    if (r.ok) onRestored(t('restore.done', { site: r.value.siteName ?? '', date: beijingTime(r.value.createdAt), seq: r.value.restoreEventSeq }));
  };

  return (
    <Card title={t('restore.title')} style={{ maxWidth: 860, margin: '32px auto' }} data-testid="restore-page">
      <Typography.Paragraph>{t('restore.intro')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={() => void find()}>
        <Form.Item {...findFe.item('folder')} extra={t('restore.folder.hint')}>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              value={folder}
              onChange={(e) => {
                setFolder(e.target.value);
                findFe.touched(['folder']);
              }}
              maxLength={1000}
              data-testid="restore-folder"
            />
            <Button htmlType="submit" loading={findFe.busy} disabled={!folder.trim()} data-testid="restore-find">
              {t('restore.find')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <FormError text={findFe.general} testId="restore-find-error" />
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
          <Form form={codeForm} layout="vertical" style={{ marginTop: 16 }} onFinish={(v) => void restore(v)} onValuesChange={(ch: object) => restoreFe.touched(Object.keys(ch))} requiredMark={false}>
            <Form.Item name="code" {...restoreFe.item('code')} rules={[{ required: true, message: t('form.required') }]}>
              <Input size="large" autoComplete="off" spellCheck={false} maxLength={64} style={{ fontFamily: 'monospace' }} data-testid="restore-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={restoreFe.busy} disabled={!picked || !codeReady} data-testid="restore-submit">
              {t('restore.submit')}
            </Button>
            <FormError text={restoreFe.general} testId="restore-error" />
          </Form>
        </>
      )}
      <Button type="link" onClick={onBack} style={{ marginTop: 8, paddingLeft: 0 }}>
        {t('restore.back')}
      </Button>
    </Card>
  );
}
