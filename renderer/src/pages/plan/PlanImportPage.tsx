// The plan import (P5): files checked (nothing written) or a plan code downloaded from the platform,
// then imported. A refusal shows beside the button pressed (check, download, import, the template),
// a refused plan code under 认定计划编号 by its label; one request at a time.
import { CloudDownloadOutlined, FolderOpenOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, Form, Input, List, Progress, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { FormError, useFormErrors } from '../../components/useFormErrors';
import { describeIssue, hasKey, useI18n, type MessageKey } from '../../i18n';
import { navigate } from '../../router';
import { PlanNav, XLSX_TYPE, downloadBase64, statusKey } from './common';

type Check = OutputOf<'plan.check'>;
type Problem = Check['problems'][number];
type Reimport = NonNullable<Check['reimport']>;
type Diff = Reimport['diff'];
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

/** Where a problem is: the file's own sheet name, or a place that is not a sheet (photos, the files handed in). */
function sheetText(t: (k: MessageKey) => string, sheet: string): string {
  const key = `plan.place.${sheet}`;
  return hasKey(key) ? t(key) : sheet;
}

function ProblemTable({ rows, testId }: { rows: Problem[]; testId: string }) {
  const { t, lang } = useI18n();
  return (
    <Table<Problem>
      data-testid={testId}
      rowKey={(_r, i) => String(i)}
      size="small"
      dataSource={rows}
      pagination={{ pageSize: 100, hideOnSinglePage: true, showSizeChanger: false }}
      columns={[
        { title: t('plan.problem.rule'), dataIndex: 'rule', width: 80, render: (r: string) => <Tag>{r}</Tag> },
        { title: t('plan.problem.sheet'), key: 'sheet', width: 110, render: (_v, p) => sheetText(t, p.at.sheet) },
        { title: t('plan.problem.row'), key: 'row', width: 60, render: (_v, p) => p.at.row ?? '' },
        { title: t('plan.problem.column'), key: 'column', width: 110, render: (_v, p) => p.at.column ?? '' },
        { title: t('plan.problem.message'), key: 'message', render: (_v, p) => describeIssue(lang, p, 'issue.') },
      ]}
    />
  );
}

/** Fields whose values are codes (kinds, roles, grades, levels) read in the UI's language; others are data. */
const CODED_FIELDS: Record<string, (v: string) => string> = {
  subjects: (v) => `plan.kind.${v}`,
  roles: (v) => `plan.role.${v}`,
  examinerGrade: (v) => `plan.grade.${v}`,
  kind: (v) => `plan.roomKind.${v}`,
  level: (v) => `plan.level.${v}`,
};

function fieldValue(t: (k: MessageKey) => string, field: string, value: string): string {
  if (!value) return '∅';
  const keyOf = CODED_FIELDS[field];
  if (!keyOf) return value;
  return value
    .split(', ')
    .map((v) => (hasKey(keyOf(v)) ? t(keyOf(v) as MessageKey) : v))
    .join(', ');
}

function fieldName(t: (k: MessageKey) => string, field: string): string {
  const key = `plan.field.${field}`;
  return hasKey(key) ? t(key) : field;
}

type Part = Diff['candidates'];

function partItems(t: (k: MessageKey) => string, p: Part) {
  return [
    ...p.added.map((a) => ({ key: `+${a.key}`, tag: <Tag color="green">+</Tag>, text: `${a.name} ${a.label}` })),
    ...p.removed.map((a) => ({ key: `-${a.key}`, tag: <Tag color="red">−</Tag>, text: `${a.name} ${a.label}` })),
    ...p.changed.map((c) => ({
      key: `~${c.key}`,
      tag: <Tag color="orange">~</Tag>,
      text: `${c.name} ${c.label}: ${c.fields.map((f) => `${fieldName(t, f.field)} ${fieldValue(t, f.field, f.before)} → ${fieldValue(t, f.field, f.after)}`).join('; ')}`,
    })),
  ];
}

function PartLabel({ name, p }: { name: MessageKey; p: Part }) {
  const { t } = useI18n();
  return (
    <Space>
      <Typography.Text strong>{t(name)}</Typography.Text>
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
  );
}

function DiffView({ diff }: { diff: Diff }) {
  const { t } = useI18n();
  const parts = (['candidates', 'staff', 'rooms', 'sessions', 'photos'] as const).map((k) => ({ k, p: diff[k] }));
  return (
    <Collapse
      data-testid="plan-diff"
      items={parts.map(({ k, p }) => ({
        key: k,
        label: <PartLabel name={`plan.diff.${k}`} p={p} />,
        children: (
          <List
            size="small"
            dataSource={partItems(t, p)}
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

/** A plan already held: its version, why it cannot be replaced (state, sign-in), or what would change. */
function ReimportView({ re, planCode }: { re: Reimport; planCode: string }) {
  const { t } = useI18n();
  const stop = { marginBottom: 12 };
  return (
    <div style={{ marginTop: 12 }}>
      <Alert type="info" showIcon message={t('plan.import.reimport', { code: planCode, version: re.version })} style={stop} />
      {re.status !== 'draft' && <Alert type="error" showIcon data-testid="plan-not-draft" message={t('plan.import.notDraft', { status: `@${statusKey(re.status)}` })} style={stop} />}
      {re.blocked.length > 0 && <Alert type="error" showIcon message={t('plan.import.locked', { sessions: re.blocked.join(', ') })} style={stop} />}
      {re.unchanged ? <Alert type="success" showIcon message={t('plan.import.unchanged')} /> : <DiffView diff={re.diff} />}
    </div>
  );
}

function Verdict({ check }: { check: Check }) {
  const { t } = useI18n();
  const message =
    check.errors > 0
      ? t('plan.import.hasErrors', { errors: check.errors, warnings: check.warnings })
      : check.warnings > 0
        ? t('plan.import.warningsOnly', { warnings: check.warnings })
        : t('plan.import.ok');
  return <Alert data-testid="plan-verdict" showIcon type={check.errors > 0 ? 'error' : check.warnings > 0 ? 'warning' : 'success'} message={message} style={{ marginBottom: 12 }} />;
}

/** The check's report: summary, verdict, problems by severity, the re-import view and the import button. */
function ImportReport({ check, stage, error, onImport }: { check: Check; stage: Stage; error: string | null; onImport: () => void }) {
  const { t } = useI18n();
  const errors = check.problems.filter((p) => p.severity === 'error');
  const warnings = check.problems.filter((p) => p.severity === 'warning');
  const re = check.reimport;
  const busy = stage === 'reading' || stage === 'checking' || stage === 'importing';
  const canImport = check.ok && !busy && !(re && (re.unchanged || re.blocked.length > 0 || re.status !== 'draft'));
  const s = check.summary;
  return (
    <Card style={{ marginTop: 16 }} data-testid="plan-report">
      {s && (
        <Typography.Paragraph strong>
          {t('plan.import.summary', { name: s.name, candidates: s.candidates, rooms: s.rooms, sessions: s.sessions, staff: s.staff, photos: s.photos })}
        </Typography.Paragraph>
      )}
      <Verdict check={check} />
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
      {re && check.ok && <ReimportView re={re} planCode={s?.planCode ?? ''} />}
      {check.ok && (
        <Button type="primary" size="large" style={{ marginTop: 16 }} disabled={!canImport} loading={stage === 'importing'} onClick={onImport} data-testid="plan-import">
          {re ? t('plan.import.confirm') : t('plan.import.go')}
        </Button>
      )}
      <FormError text={error} testId="plan-import-error" />
    </Card>
  );
}

/** Which button a refusal belongs beside: the check of files, the download, the import, the template and export. */
type Pressed = 'check' | 'download' | 'import' | 'file';

/** The import's state and steps: files chosen, check (nothing written), import or confirm; one request at a time. */
function usePlanImport() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [files, setFiles] = useState<File[]>([]);
  const [stage, setStage] = useState<Stage>('idle');
  const [progress, setProgress] = useState(0);
  const [check, setCheck] = useState<Check | null>(null);
  const [payload, setPayload] = useState<{ name: string; data: string }[] | null>(null);
  // P5: a plan code the platform refuses (its form, or no such plan) is about the code itself
  const fe = useFormErrors({ planCode: 'plan.download.code' }, { 'plan.downloadNotFound': 'planCode' });
  const [pressed, setPressed] = useState<Pressed>('check');
  const inflight = useRef(false);
  /** the plan code when the plan came from the platform instead of files */
  const [remote, setRemote] = useState<string | null>(null);
  /** Runs one step: none while another runs; its refusal beside `at`; success clears every refusal. */
  const step = async <T,>(at: Pressed, fn: () => Promise<T>, failed: Stage): Promise<T | null> => {
    if (inflight.current) return null;
    inflight.current = true;
    setPressed(at);
    try {
      const r = await fe.run(fn);
      if (!r.ok) {
        setStage(failed);
        return null;
      }
      return r.value;
    } finally {
      inflight.current = false;
    }
  };
  const add = (f: File) => {
    setFiles((prev) => [...prev.filter((p) => p.name !== f.name || p.size !== f.size), f]);
    setRemote(null);
    setCheck(null);
    setPayload(null);
    return false;
  };
  const clear = () => (setFiles([]), setCheck(null), setPayload(null), setStage('idle'), fe.clear());
  const runCheck = async () => {
    setCheck(null);
    const r = await step(
      'check',
      async () => {
        setStage('reading');
        setProgress(0);
        const data = await readAll(files, (p) => setProgress(Math.round(p * 60)));
        setStage('checking');
        setProgress(70);
        return { data, check: await call('plan.check', { files: data }) };
      },
      'idle',
    );
    if (!r) return;
    setPayload(r.data);
    setCheck(r.check);
    setProgress(100);
    setStage('done');
  };
  const runDownload = async (code: string) => {
    if (!code.trim()) return;
    const r = await step(
      'download',
      async () => {
        setCheck(null);
        setPayload(null);
        setRemote(null);
        setStage('checking');
        setProgress(40);
        return call('plan.download.check', { planCode: code.trim() });
      },
      'idle',
    );
    if (!r) return;
    setRemote(r.planCode);
    setCheck(r);
    setProgress(100);
    setStage('done');
  };
  const runImport = async () => {
    if (!payload && !remote) return;
    const confirm = !!check?.reimport;
    const r = await step(
      'import',
      async () => {
        setStage('importing');
        setProgress(85);
        return remote ? call('plan.download', { planCode: remote, confirm }) : call('plan.import', { files: payload ?? [], confirm });
      },
      'done',
    );
    if (!r) return;
    setProgress(100);
    setStage('done');
    void message.success(t('plan.import.success', { version: r.version }));
    navigate('/plan');
  };
  const download = async (command: 'plan.template' | 'plan.export') => {
    const r = await step('file', async () => (command === 'plan.template' ? { ...(await call('plan.template', {})), photos: null } : call('plan.export', { photos: true })), stage);
    if (!r) return;
    downloadBase64(r.fileName, r.data, XLSX_TYPE);
    if (r.photos) downloadBase64(r.photos.fileName, r.photos.data, 'application/zip');
  };
  /** the refusal beside one button, when that button was the one pressed */
  const errorAt = (at: Pressed) => (pressed === at ? fe.general : null);
  return { files, stage, progress, check, fe, errorAt, busy: fe.busy, add, clear, runCheck, runDownload, runImport, download };
}

/** Files from this computer: drop or pick them (a folder of photos too), then check. */
function FilePicker({ files, busy, error, onAdd, onClear, onCheck }: { files: File[]; busy: boolean; error: string | null; onAdd: (f: File) => boolean; onClear: () => void; onCheck: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <div data-testid="plan-drop">
        <Upload.Dragger multiple showUploadList={false} beforeUpload={onAdd} accept=".xlsx,.csv,.txt,.json,.zip,.jpg,.jpeg,.png">
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('plan.import.drop')}</p>
          <p className="ant-upload-hint">{t('plan.import.dropHint')}</p>
        </Upload.Dragger>
      </div>
      <Space style={{ marginTop: 12 }} wrap>
        <span data-testid="plan-folder">
          <Upload directory showUploadList={false} beforeUpload={onAdd}>
            <Button icon={<FolderOpenOutlined />}>{t('plan.import.folder')}</Button>
          </Upload>
        </span>
        {files.length > 0 && <Typography.Text data-testid="plan-files">{t('plan.import.files', { n: files.length, size: sizeText(files.reduce((a, f) => a + f.size, 0)) })}</Typography.Text>}
        <Button onClick={onClear} disabled={files.length === 0 || busy}>
          {t('plan.import.clear')}
        </Button>
        <Button type="primary" onClick={onCheck} disabled={files.length === 0 || busy} data-testid="plan-check">
          {t('plan.import.check')}
        </Button>
      </Space>
      <FormError text={error} testId="plan-error" />
    </>
  );
}

/** A plan from the provincial platform, by its code: a refused code under 认定计划编号, other refusals beside the button. */
function DownloadRow({ busy, fe, error, onDownload }: { busy: boolean; fe: ReturnType<typeof useFormErrors>; error: string | null; onDownload: (code: string) => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const send = () => {
    if (code.trim() && !busy) onDownload(code);
  };
  return (
    <Form layout="vertical" style={{ marginTop: 16 }} onFinish={send} data-testid="plan-download-form">
      <Form.Item {...fe.item('planCode')} htmlFor="plan-download-code" extra={t('plan.download.hint')} style={{ marginBottom: 8 }}>
        <Space wrap>
          <Input
            id="plan-download-code"
            style={{ width: 240 }}
            maxLength={64}
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              fe.touched(['planCode']);
            }}
            onPressEnter={send}
            data-testid="plan-download-code"
          />
          <Button icon={<CloudDownloadOutlined />} onClick={send} disabled={!code.trim() || busy} data-testid="plan-download">
            {t('plan.download.go')}
          </Button>
        </Space>
      </Form.Item>
      <FormError text={error} testId="plan-download-error" />
    </Form>
  );
}

/** Import: choose files, check (nothing written), read the report, import or confirm the changes. */
export function PlanImportPage() {
  const { t } = useI18n();
  const f = usePlanImport();
  const busy = f.busy || f.stage === 'reading' || f.stage === 'checking' || f.stage === 'importing';
  const extra = (
    <Space wrap>
      <Button onClick={() => void f.download('plan.template')} disabled={busy} data-testid="plan-template">
        {t('plan.import.template')}
      </Button>
      <Button onClick={() => void f.download('plan.export')} disabled={busy} data-testid="plan-export">
        {t('plan.import.export')}
      </Button>
    </Space>
  );
  return (
    <div>
      <PlanNav />
      <Card title={t('plan.import.title')} extra={extra}>
        <Typography.Paragraph type="secondary">{t('plan.import.intro')}</Typography.Paragraph>
        <FormError text={f.errorAt('file')} testId="plan-file-error" />
        <FilePicker files={f.files} busy={busy} error={f.errorAt('check')} onAdd={f.add} onClear={f.clear} onCheck={() => void f.runCheck()} />
        <DownloadRow busy={busy} fe={f.fe} error={f.errorAt('download')} onDownload={(code) => void f.runDownload(code)} />
        {f.stage !== 'idle' && (
          <div style={{ marginTop: 12 }} data-testid="plan-progress">
            <Typography.Text type="secondary">{t(STAGE_KEY[f.stage])}</Typography.Text>
            <Progress percent={f.progress} status={busy ? 'active' : 'normal'} />
          </div>
        )}
      </Card>
      {f.check && <ImportReport check={f.check} stage={f.stage} error={f.errorAt('import')} onImport={() => void f.runImport()} />}
    </div>
  );
}
