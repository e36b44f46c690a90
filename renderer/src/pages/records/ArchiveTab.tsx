// A2/A3: per batch, its archive package (create, verify, download) and each class of material with
// its period, the day it falls due and its state; due material is destroyed from here (A4).
import { Alert, App, Button, Card, Checkbox, Empty, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { downloadBase64 } from '../../components/download';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { classKey, holdKey, type MaterialClass } from './text';

type Overview = OutputOf<'records.overview'>;
type BatchSchedule = Overview['schedule'][number];

function DestroyModal(props: { batch: BatchSchedule; methods: readonly string[]; onClose(destroyed: number): void }) {
  const { t, te } = useI18n();
  const due = props.batch.items.filter((i) => i.state === 'due').map((i) => i.class as MaterialClass);
  const [classes, setClasses] = useState<MaterialClass[]>(due);
  const [reason, setReason] = useState(t('records.destroy.reason.default'));
  const [method, setMethod] = useState(props.methods[0] ?? '');
  const [destroyer, setDestroyer] = useState({ staffNo: '', pin: '' });
  const [signer, setSigner] = useState({ staffNo: '', pin: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const complete = classes.length > 0 && reason.trim().length >= 2 && method && destroyer.staffNo && destroyer.pin && signer.staffNo && signer.pin;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await call('records.destroy', { batchId: props.batch.batchId, classes, reason, method, destroyer, signer });
      props.onClose(r.classes.length);
    } catch (e) {
      setError(te(errorData(e)));
      // PINs never stay on screen after an attempt
      setDestroyer((d) => ({ ...d, pin: '' }));
      setSigner((s) => ({ ...s, pin: '' }));
    } finally {
      setBusy(false);
    }
  };
  const person = (label: string, v: { staffNo: string; pin: string }, set: (v: { staffNo: string; pin: string }) => void, id: string) => (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Typography.Text strong>{label}</Typography.Text>
      <Space wrap>
        <Input size="large" style={{ width: 150 }} placeholder={t('records.destroy.staffNo')} autoComplete="off" value={v.staffNo} onChange={(e) => set({ ...v, staffNo: e.target.value })} data-testid={`${id}-staffNo`} />
        <Input.Password size="large" style={{ width: 150 }} placeholder={t('records.destroy.pin')} inputMode="numeric" autoComplete="off" value={v.pin} onChange={(e) => set({ ...v, pin: e.target.value })} data-testid={`${id}-pin`} />
      </Space>
    </Space>
  );
  return (
    <Modal open title={t('records.destroy.title', { batch: props.batch.name })} onCancel={() => props.onClose(0)} footer={null} width={640} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="destroy-modal">
        <Alert type="warning" showIcon message={t('records.destroy.intro')} />
        {error && <Alert type="error" showIcon message={error} data-testid="destroy-error" />}
        <div>
          <Typography.Text strong>{t('records.destroy.classes')}</Typography.Text>
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 4 }} value={classes} onChange={(v) => setClasses(v as MaterialClass[])}>
            {due.map((c) => (
              <Checkbox key={c} value={c} data-testid={`destroy-class-${c}`}>
                {t(classKey(c))}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </div>
        <Space wrap>
          <Space direction="vertical" size={4}>
            <Typography.Text strong>{t('records.destroy.reason')}</Typography.Text>
            <Input style={{ width: 260 }} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="destroy-reason" />
          </Space>
          <Space direction="vertical" size={4}>
            <Typography.Text strong>{t('records.destroy.method')}</Typography.Text>
            <Select style={{ width: 200 }} value={method} onChange={setMethod} options={props.methods.map((m) => ({ value: m, label: m }))} data-testid="destroy-method" />
          </Space>
        </Space>
        {person(t('records.destroy.destroyer'), destroyer, setDestroyer, 'destroyer')}
        {person(t('records.destroy.signer'), signer, setSigner, 'signer')}
        <Button type="primary" danger size="large" disabled={!complete} loading={busy} onClick={() => void submit()} data-testid="destroy-submit">
          {t('records.destroy.submit')}
        </Button>
      </Space>
    </Modal>
  );
}

function BatchCard(props: { batch: BatchSchedule; head: boolean; methods: readonly string[]; onChanged(): void }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const b = props.batch;
  const [busy, setBusy] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[] | null>(null);
  const [destroying, setDestroying] = useState(false);
  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    try {
      await fn();
    } catch (e) {
      message.error(te(errorData(e)));
    } finally {
      setBusy(null);
    }
  };
  const anyDue = b.items.some((i) => i.state === 'due');
  return (
    <Card
      size="small"
      data-testid={`records-batch-${b.batchId}`}
      title={
        <Space wrap>
          <span>{b.name}</span>
          <Typography.Text type="secondary">
            {b.planCode} · {b.examDate}
          </Typography.Text>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          {b.archive ? (
            <>
              <Tag color="green" data-testid="archive-state">
                {t('records.archive.current', { file: b.archive.fileName.split(/[\\/]/).pop() ?? '' })}
              </Tag>
              <Typography.Text type="secondary" code>
                {t('records.archive.manifest', { hash: b.archive.manifestSha256.slice(0, 16) })}
              </Typography.Text>
            </>
          ) : (
            <Tag data-testid="archive-state">{t('records.archive.none')}</Tag>
          )}
        </Space>
        <Space wrap>
          {props.head && (
            <Button
              type={b.archive ? 'default' : 'primary'}
              disabled={b.status !== 'sealed' || b.items.some((i) => i.state === 'destroyed')}
              loading={busy === 'create'}
              data-testid="archive-create"
              onClick={() =>
                void run('create', async () => {
                  const r = await call('records.archive.create', { batchId: b.batchId });
                  message.success(t('records.archive.created', { file: r.fileName.split(/[\\/]/).pop() ?? '', files: r.payloadOxum.split('.')[1] ?? '' }));
                  props.onChanged();
                })
              }
            >
              {t(b.archive ? 'records.archive.recreate' : 'records.archive.create')}
            </Button>
          )}
          {b.archive && (
            <Button
              loading={busy === 'verify'}
              data-testid="archive-verify"
              onClick={() =>
                void run('verify', async () => {
                  const r = await call('records.archive.verify', { batchId: b.batchId });
                  setProblems(r.ok ? [] : r.problems.map((p) => p.detail));
                  if (r.ok) message.success(t('records.archive.verified', { files: r.files }));
                })
              }
            >
              {t('records.archive.verify')}
            </Button>
          )}
          {b.archive && props.head && (
            <Button
              loading={busy === 'download'}
              data-testid="archive-download"
              onClick={() =>
                void run('download', async () => {
                  const r = await call('records.archive.download', { batchId: b.batchId });
                  downloadBase64(r.fileName, r.base64, 'application/zip');
                })
              }
            >
              {t('records.archive.download')}
            </Button>
          )}
          {props.head && anyDue && (
            <Button danger data-testid="destroy-open" onClick={() => setDestroying(true)}>
              {t('records.destroy')}
            </Button>
          )}
        </Space>
        {b.status !== 'sealed' && <Typography.Text type="secondary">{t('records.archive.notSealed')}</Typography.Text>}
        {problems && problems.length > 0 && <Alert type="error" showIcon message={t('records.archive.broken')} description={problems.slice(0, 10).join('；')} data-testid="archive-problems" />}
        {problems && problems.length === 0 && <Alert type="success" showIcon message={t('records.archive.ok')} data-testid="archive-ok" />}
        <Table
          size="small"
          rowKey="class"
          pagination={false}
          scroll={{ x: 560 }}
          dataSource={b.items}
          columns={[
            { title: t('records.col.class'), dataIndex: 'class', render: (c: string) => t(classKey(c)) },
            { title: t('records.col.years'), dataIndex: 'years', width: 80, render: (y: number) => t('records.years', { years: y }) },
            { title: t('records.col.due'), dataIndex: 'dueOn', width: 110 },
            {
              title: t('records.col.state'),
              key: 'state',
              render: (_: unknown, i: BatchSchedule['items'][number]) => (
                <Space wrap size={4} data-testid={`state-${i.class}`}>
                  <Tag color={i.state === 'destroyed' ? 'default' : i.state === 'due' ? 'orange' : 'blue'}>{i.state === 'destroyed' ? t('records.state.destroyed', { date: i.destroyedOn ?? '' }) : t(`records.state.${i.state}`)}</Tag>
                  {i.holds.map((h) => (
                    <Tag key={h.code} color="red">
                      {t(holdKey(h.code))}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Space>
      {destroying && (
        <DestroyModal
          batch={b}
          methods={props.methods}
          onClose={(destroyed) => {
            setDestroying(false);
            if (destroyed > 0) {
              message.success(t('records.destroy.done', { count: destroyed }));
              props.onChanged();
            }
          }}
        />
      )}
    </Card>
  );
}

export function ArchiveTab() {
  const { t, te } = useI18n();
  const head = useSession().session.actor.role === 'site_head';
  const q = useQuery('records.overview', {});
  if (q.error) return <Alert type="error" showIcon message={te(q.error)} />;
  if (!q.data) return null;
  const o = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Typography.Text>{t('records.today', { today: o.today })}</Typography.Text>
        <Typography.Text type="secondary">{t('records.province', { province: t(`records.province.${o.policy.province}`) })}</Typography.Text>
      </Space>
      {o.schedule.length === 0 && <Empty description={t('records.empty')} />}
      {o.schedule.map((b) => (
        <BatchCard key={b.batchId} batch={b} head={head} methods={o.methods} onChanged={() => void q.reload()} />
      ))}
    </Space>
  );
}
