// A2/A3: per batch, its archive package (create, verify, download) and each class of material with
// its period, the day it falls due and its state; due material is destroyed from here (A4).
import { Alert, App, Button, Card, Checkbox, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { downloadBase64 } from '../../components/download';
import { FormError, useFormErrors, type FieldLabels } from '../../components/useFormErrors';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { classKey, holdKey, type MaterialClass } from './text';

type Overview = OutputOf<'records.overview'>;
type BatchSchedule = Overview['schedule'][number];

type Who = 'destroyer' | 'signer';
interface Person {
  staffNo: string;
  pin: string;
}

// A4: each refusal under the field it names (the service says which signature's staff number or PIN)
const DESTROY_LABELS: FieldLabels = {
  classes: 'records.destroy.classes',
  reason: 'records.destroy.reason',
  method: 'records.destroy.method',
  'destroyer.staffNo': 'records.destroy.destroyerStaffNo',
  'destroyer.pin': 'records.destroy.destroyerPin',
  'signer.staffNo': 'records.destroy.signerStaffNo',
  'signer.pin': 'records.destroy.signerPin',
};

function DestroyModal(props: { batch: BatchSchedule; methods: readonly string[]; onClose(destroyed: number): void }) {
  const { t } = useI18n();
  const due = props.batch.items.filter((i) => i.state === 'due').map((i) => i.class as MaterialClass);
  const [classes, setClasses] = useState<MaterialClass[]>(due);
  const [reason, setReason] = useState(t('records.destroy.reason.default'));
  const [method, setMethod] = useState(props.methods[0] ?? '');
  const [people, setPeople] = useState<Record<Who, Person>>({ destroyer: { staffNo: '', pin: '' }, signer: { staffNo: '', pin: '' } });
  const fe = useFormErrors(DESTROY_LABELS, { 'records.noClasses': 'classes' });
  const complete = classes.length > 0 && reason.trim() !== '' && method.trim() !== '' && (['destroyer', 'signer'] as const).every((w) => people[w].staffNo.trim() !== '' && people[w].pin !== '');
  const submit = async () => {
    const r = await fe.run(() => call('records.destroy', { batchId: props.batch.batchId, classes, reason, method, destroyer: people.destroyer, signer: people.signer }));
    // PINs never stay on screen after an attempt
    setPeople((p) => ({ destroyer: { ...p.destroyer, pin: '' }, signer: { ...p.signer, pin: '' } }));
    if (r.ok) props.onClose(r.value.classes.length);
  };
  const set = (who: Who, patch: Partial<Person>) => {
    setPeople((p) => ({ ...p, [who]: { ...p[who], ...patch } }));
    fe.touched(Object.keys(patch).map((k) => `${who}.${k}`));
  };
  const person = (who: Who) => (
    <div data-testid={`${who}-signature`}>
      <Typography.Text strong>{t(who === 'destroyer' ? 'records.destroy.destroyer' : 'records.destroy.signer')}</Typography.Text>
      <Space wrap align="start" style={{ marginTop: 4 }}>
        <Form.Item {...fe.item(`${who}.staffNo`)} style={{ marginBottom: 0 }}>
          <Input size="large" style={{ width: 180 }} maxLength={32} autoComplete="off" value={people[who].staffNo} onChange={(e) => set(who, { staffNo: e.target.value })} data-testid={`${who}-staffNo`} />
        </Form.Item>
        <Form.Item {...fe.item(`${who}.pin`)} style={{ marginBottom: 0 }}>
          <Input.Password size="large" style={{ width: 180 }} maxLength={64} inputMode="numeric" autoComplete="off" value={people[who].pin} onChange={(e) => set(who, { pin: e.target.value })} data-testid={`${who}-pin`} />
        </Form.Item>
      </Space>
    </div>
  );
  return (
    <Modal open title={t('records.destroy.title', { batch: props.batch.name })} onCancel={() => props.onClose(0)} footer={null} width={640} destroyOnHidden>
      <Form layout="vertical" component="div" data-testid="destroy-modal">
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Alert type="warning" showIcon message={t('records.destroy.intro')} />
          <Form.Item {...fe.item('classes')} style={{ marginBottom: 0 }}>
            <Checkbox.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              value={classes}
              onChange={(v) => {
                setClasses(v as MaterialClass[]);
                fe.touched(['classes']);
              }}
            >
              {due.map((c) => (
                <Checkbox key={c} value={c} data-testid={`destroy-class-${c}`}>
                  {t(classKey(c))}
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
          <Space wrap align="start">
            <Form.Item {...fe.item('reason')} style={{ marginBottom: 0 }}>
              <Input
                style={{ width: 260 }}
                maxLength={500}
                value={reason}
                onChange={(e) => {
                  setReason(e.target.value);
                  fe.touched(['reason']);
                }}
                data-testid="destroy-reason"
              />
            </Form.Item>
            <Form.Item {...fe.item('method')} style={{ marginBottom: 0 }}>
              <Select
                style={{ width: 200 }}
                value={method}
                onChange={(m: string) => {
                  setMethod(m);
                  fe.touched(['method']);
                }}
                options={props.methods.map((m) => ({ value: m, label: m }))}
                data-testid="destroy-method"
              />
            </Form.Item>
          </Space>
          {person('destroyer')}
          {person('signer')}
          <div>
            <Button type="primary" danger size="large" disabled={!complete} loading={fe.busy} onClick={() => void submit()} data-testid="destroy-submit">
              {t('records.destroy.submit')}
            </Button>
            <FormError text={fe.general} testId="destroy-error" />
          </div>
        </Space>
      </Form>
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
  // the refusal of the button pressed, beside the buttons (not only a toast); one request at a time
  const [refusal, setRefusal] = useState<string | null>(null);
  const run = async (what: string, fn: () => Promise<void>) => {
    if (busy) return;
    setBusy(what);
    setRefusal(null);
    try {
      await fn();
    } catch (e) {
      setRefusal(te(errorData(e)));
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
        <FormError text={refusal} testId="archive-error" />
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
