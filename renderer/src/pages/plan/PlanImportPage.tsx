import { CloudDownloadOutlined, FolderOpenOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, Input, List, Progress, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData } from '../../api/hooks';
import { useI18n, type MessageKey } from '../../i18n';
import { navigate } from '../../router';
import { PlanNav, XLSX_TYPE, downloadBase64 } from './common';

type Check = OutputOf<'plan.check'>;
type Problem = Check['problems'][number];
type Diff = NonNullable<Check['reimport']>['diff'];
type Stage = 'idle' | 'reading' | 'checking' | 'importing' | 'done';

const STAGE_KEY: Record<Exclude<Stage, 'idle'>, MessageKey> = {
  reading: 'plan.import.reading',
  checking: 'plan.import.checking',
  importing: 'plan.import.importing',
  done: 'plan.import.done',
};

function readAll(files: File[], onProgress: (p: number) => void): Promise<{ name: string; data: string }[]> {
  const total = files.reduce((a, f) => a + f.size, 0) || 1;
  let done = 0;
  return Promise.all(
    files.map(
      (f) =>
        new Promise<{ name: string; data: string }>((resolve, reject) => {
          const r = new FileReader();
          let seen = 0;
          r.onprogress = (e) => {
            done += e.loaded - seen;
            seen = e.loaded;
            onProgress(done / total);
          };
          r.onload = () => {
            done += f.size - seen;
            onProgress(done / total);
            const url = String(r.result);
            resolve({ name: (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name, data: url.slice(url.indexOf(',') + 1) });
          };
          r.onerror = () => reject(r.error ?? new Error('read failed'));
          r.readAsDataURL(f);
        }),
    ),
  );
}

const sizeText = (n: number) => (n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

function ProblemTable({ rows, testId }: { rows: Problem[]; testId: string }) {
  const { t } = useI18n();
  return (
    <Table<Problem>
      data-testid={testId}
      rowKey={(_r, i) => String(i)}
      size="small"
      dataSource={rows}
      pagination={{ pageSize: 100, hideOnSinglePage: true, showSizeChanger: false }}
      columns={[
        { title: t('plan.problem.rule'), dataIndex: 'rule', width: 80, render: (r: string) => <Tag>{r}</Tag> },
        { title: t('plan.problem.sheet'), dataIndex: 'sheet', width: 110 },
        { title: t('plan.problem.row'), dataIndex: 'row', width: 60, render: (r: number | null) => r ?? '' },
        { title: t('plan.problem.column'), dataIndex: 'column', width: 110, render: (c: string | null) => c ?? '' },
        { title: t('plan.problem.message'), dataIndex: 'message' },
      ]}
    />
  );
}

function DiffView({ diff }: { diff: Diff }) {
  const { t } = useI18n();
  const parts = (['candidates', 'staff', 'rooms', 'sessions'] as const).map((k) => ({ k, p: diff[k] }));
  return (
    <Collapse
      data-testid="plan-diff"
      items={parts.map(({ k, p }) => ({
        key: k,
        label: (
          <Space>
            <Typography.Text strong>{t(`plan.diff.${k}`)}</Typography.Text>
            {p.added.length + p.removed.length + p.changed.length === 0 ? (
              <Tag>{t('plan.diff.none')}</Tag>
            ) : (
              <>
                <Tag color="green">{t('plan.diff.added', { n: p.added.length })}</Tag>
                <Tag color="red">{t('plan.diff.removed', { n: p.removed.length })}</Tag>
                <Tag color="orange">{t('plan.diff.changed', { n: p.changed.length })}</Tag>
              </>
            )}
          </Space>
        ),
        children: (
          <List
            size="small"
            dataSource={[
              ...p.added.map((a) => ({ key: `+${a.key}`, tag: <Tag color="green">+</Tag>, text: `${a.name} ${a.label}` })),
              ...p.removed.map((a) => ({ key: `-${a.key}`, tag: <Tag color="red">−</Tag>, text: `${a.name} ${a.label}` })),
              ...p.changed.map((c) => ({
                key: `~${c.key}`,
                tag: <Tag color="orange">~</Tag>,
                text: `${c.name} ${c.label}：${c.fields.map((f) => `${f.field} ${f.before || '∅'} → ${f.after || '∅'}`).join('；')}`,
              })),
            ]}
            renderItem={(i) => (
              <List.Item>
                <Space align="start">
                  {i.tag}
                  <span>{i.text}</span>
                </Space>
              </List.Item>
            )}
          />
        ),
      }))}
    />
  );
}

/** Import: choose files, check (nothing written), read the report, import or confirm the changes. */
export function PlanImportPage() {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const [files, setFiles] = useState<File[]>([]);
  const [stage, setStage] = useState<Stage>('idle');
  const [progress, setProgress] = useState(0);
  const [check, setCheck] = useState<Check | null>(null);
  const [payload, setPayload] = useState<{ name: string; data: string }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** issue 8 §5: the plan code when the plan came from the platform instead of files */
  const [remote, setRemote] = useState<string | null>(null);
  const [code, setCode] = useState('');

  const add = (f: File) => {
    setFiles((prev) => [...prev.filter((p) => p.name !== f.name || p.size !== f.size), f]);
    setRemote(null);
    setCheck(null);
    setPayload(null);
    return false;
  };

  const runCheck = async () => {
    setError(null);
    setCheck(null);
    try {
      setStage('reading');
      setProgress(0);
      const data = await readAll(files, (p) => setProgress(Math.round(p * 60)));
      setStage('checking');
      setProgress(70);
      const r = await call('plan.check', { files: data });
      setPayload(data);
      setCheck(r);
      setProgress(100);
      setStage('done');
    } catch (e) {
      setError(te(errorData(e)));
      setStage('idle');
    }
  };

  const runDownload = async () => {
    setError(null);
    setCheck(null);
    setPayload(null);
    setRemote(null);
    try {
      setStage('checking');
      setProgress(40);
      const r = await call('plan.download.check', { planCode: code.trim() });
      setRemote(r.planCode);
      setCheck(r);
      setProgress(100);
      setStage('done');
    } catch (e) {
      setError(te(errorData(e)));
      setStage('idle');
    }
  };

  const runImport = async () => {
    if (!payload && !remote) return;
    setError(null);
    try {
      setStage('importing');
      setProgress(85);
      const r = remote
        ? await call('plan.download', { planCode: remote, confirm: !!check?.reimport })
        : await call('plan.import', { files: payload ?? [], confirm: !!check?.reimport });
      setProgress(100);
      setStage('done');
      void message.success(t('plan.import.success', { version: r.version }));
      navigate('/plan');
    } catch (e) {
      setError(te(errorData(e)));
      setStage('done');
    }
  };

  const template = async () => {
    try {
      const r = await call('plan.template', {});
      downloadBase64(r.fileName, r.data, XLSX_TYPE);
    } catch (e) {
      setError(te(errorData(e)));
    }
  };
  const exportPlan = async () => {
    try {
      const r = await call('plan.export', { photos: true });
      downloadBase64(r.fileName, r.data, XLSX_TYPE);
      if (r.photos) downloadBase64(r.photos.fileName, r.photos.data, 'application/zip');
    } catch (e) {
      setError(te(errorData(e)));
    }
  };

  const errors = check?.problems.filter((p) => p.severity === 'error') ?? [];
  const warnings = check?.problems.filter((p) => p.severity === 'warning') ?? [];
  const re = check?.reimport ?? null;
  const busy = stage === 'reading' || stage === 'checking' || stage === 'importing';
  const canImport = !!check?.ok && !busy && !(re && (re.unchanged || re.blocked.length > 0));

  return (
    <div>
      <PlanNav />
      <Card
        title={t('plan.import.title')}
        extra={
          <Space>
            <Button onClick={() => void template()} data-testid="plan-template">
              {t('plan.import.template')}
            </Button>
            <Button onClick={() => void exportPlan()} data-testid="plan-export">
              {t('plan.import.export')}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('plan.import.intro')}</Typography.Paragraph>
        <div data-testid="plan-drop">
          <Upload.Dragger multiple showUploadList={false} beforeUpload={add} accept=".xlsx,.csv,.txt,.json,.zip,.jpg,.jpeg,.png">
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('plan.import.drop')}</p>
            <p className="ant-upload-hint">{t('plan.import.dropHint')}</p>
          </Upload.Dragger>
        </div>
        <Space style={{ marginTop: 12 }} wrap>
          <span data-testid="plan-folder">
            <Upload directory showUploadList={false} beforeUpload={add}>
              <Button icon={<FolderOpenOutlined />}>{t('plan.import.folder')}</Button>
            </Upload>
          </span>
          {files.length > 0 && (
            <Typography.Text data-testid="plan-files">{t('plan.import.files', { n: files.length, size: sizeText(files.reduce((a, f) => a + f.size, 0)) })}</Typography.Text>
          )}
          <Button onClick={() => (setFiles([]), setCheck(null), setPayload(null), setStage('idle'))} disabled={files.length === 0 || busy}>
            {t('plan.import.clear')}
          </Button>
          <Button type="primary" onClick={() => void runCheck()} disabled={files.length === 0 || busy} data-testid="plan-check">
            {t('plan.import.check')}
          </Button>
        </Space>
        <Space style={{ marginTop: 12 }} wrap>
          <Input
            style={{ width: 240 }}
            placeholder={t('plan.download.code')}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            onPressEnter={() => void runDownload()}
            data-testid="plan-download-code"
          />
          <Button icon={<CloudDownloadOutlined />} onClick={() => void runDownload()} disabled={!code.trim() || busy} data-testid="plan-download">
            {t('plan.download.go')}
          </Button>
          <Typography.Text type="secondary">{t('plan.download.hint')}</Typography.Text>
        </Space>
        {stage !== 'idle' && (
          <div style={{ marginTop: 12 }} data-testid="plan-progress">
            <Typography.Text type="secondary">{t(STAGE_KEY[stage])}</Typography.Text>
            <Progress percent={progress} status={busy ? 'active' : 'normal'} />
          </div>
        )}
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} data-testid="plan-error" />}
      </Card>

      {check && (
        <Card style={{ marginTop: 16 }} data-testid="plan-report">
          {check.summary && (
            <Typography.Paragraph strong>
              {t('plan.import.summary', {
                name: check.summary.name,
                candidates: check.summary.candidates,
                rooms: check.summary.rooms,
                sessions: check.summary.sessions,
                staff: check.summary.staff,
                photos: check.summary.photos,
              })}
            </Typography.Paragraph>
          )}
          <Alert
            data-testid="plan-verdict"
            showIcon
            type={check.errors > 0 ? 'error' : check.warnings > 0 ? 'warning' : 'success'}
            message={
              check.errors > 0
                ? t('plan.import.hasErrors', { errors: check.errors, warnings: check.warnings })
                : check.warnings > 0
                  ? t('plan.import.warningsOnly', { warnings: check.warnings })
                  : t('plan.import.ok')
            }
            style={{ marginBottom: 12 }}
          />
          {check.problems.length > 0 && (
            <Tabs
              key={check.digest ?? 'report'}
              defaultActiveKey={errors.length > 0 ? 'e' : 'w'}
              items={[
                { key: 'e', label: t('plan.problems.errors', { n: errors.length }), children: <ProblemTable rows={errors} testId="plan-errors" /> },
                { key: 'w', label: t('plan.problems.warnings', { n: warnings.length }), children: <ProblemTable rows={warnings} testId="plan-warnings" /> },
              ]}
            />
          )}
          {re && check.ok && (
            <div style={{ marginTop: 12 }}>
              <Alert type="info" showIcon message={t('plan.import.reimport', { code: check.summary?.planCode ?? '', version: re.version })} style={{ marginBottom: 12 }} />
              {re.blocked.length > 0 && <Alert type="error" showIcon message={t('plan.import.locked', { sessions: re.blocked.join('、') })} style={{ marginBottom: 12 }} />}
              {re.unchanged ? <Alert type="success" showIcon message={t('plan.import.unchanged')} /> : <DiffView diff={re.diff} />}
            </div>
          )}
          {check.ok && (
            <Button type="primary" size="large" style={{ marginTop: 16 }} disabled={!canImport} loading={stage === 'importing'} onClick={() => void runImport()} data-testid="plan-import">
              {re ? t('plan.import.confirm') : t('plan.import.go')}
            </Button>
          )}
        </Card>
      )}
    </div>
  );
}
