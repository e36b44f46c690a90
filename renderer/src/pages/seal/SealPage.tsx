// S9/G7: the seal ceremony. Readiness (what is missing, worded from the service's codes), the signatures of the site head,
// the chief examiner(s) and the supervisor collected on one screen, the sealed versions, amendments.
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { navigate } from '../../router';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { describeIssue, useI18n, type MessageKey } from '../../i18n';
import { FormError, useFormErrors, type FieldLabels, type FormItemErrorProps } from '../../components/useFormErrors';
import { useSession } from '../../session';

type Readiness = OutputOf<'seal.readiness'>;
type Sig = { staffNo: string; pin: string };

/** What stops the seal, one line each, worded from the readiness codes (seal.issue.*). */
function MissingList(props: { missing: Readiness['missing'] }) {
  const { lang } = useI18n();
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }}>
      {props.missing.map((m, i) => (
        <li key={`${m.reason}-${i}`} data-reason={m.reason}>
          {describeIssue(lang, m, 'seal.issue.')}
        </li>
      ))}
    </ul>
  );
}

/** Each signer's staff number and PIN, keyed as the seal's input names them (a refusal names the signature's field). */
function signerLabels(n: number): FieldLabels {
  const out: FieldLabels = { reason: 'seal.amend.reason' };
  for (let i = 0; i < n; i++) {
    out[`signatures.${i}.staffNo`] = 'seal.staffNo';
    out[`signatures.${i}.pin`] = 'seal.pin';
  }
  return out;
}

function Signatures(props: {
  readiness: Readiness;
  busy: boolean;
  okKey: MessageKey;
  item(key: string): FormItemErrorProps;
  touched(keys: string[]): void;
  general: string | null;
  /** a field of the page that must be filled as well (the amendment's reason) */
  blocked?: boolean;
  onSubmit(sigs: Sig[]): Promise<boolean>;
}) {
  const { t } = useI18n();
  const [sigs, setSigs] = useState<Sig[]>(() => props.readiness.signers.map(() => ({ staffNo: '', pin: '' })));
  const set = (i: number, patch: Partial<Sig>) => {
    setSigs((s) => s.map((x, k) => (k === i ? { ...x, ...patch } : x)));
    props.touched(Object.keys(patch).map((k) => `signatures.${i}.${k}`));
  };
  const complete = sigs.every((s) => s.staffNo.trim() && s.pin);
  return (
    <Card size="small" title={t('seal.signatures')} data-testid="seal-signatures">
      <Form layout="vertical" component="div">
      <Space direction="vertical" style={{ width: '100%' }}>
        {props.readiness.signers.map((s, i) => (
          <Space key={`${s.role}-${s.staffNo ?? i}`} wrap align="start" data-testid={`signer-${i}`}>
            <Tag color="blue" style={{ minWidth: 84, textAlign: 'center' }}>
              {t(`role.${s.role}`)}
            </Tag>
            <Typography.Text type="secondary" style={{ minWidth: 180, display: 'inline-block' }}>
              {s.staffNo ? t('seal.signer.expected', { name: s.name ?? '', staffNo: s.staffNo }) : t('seal.signer.none')}
            </Typography.Text>
            <Form.Item {...props.item(`signatures.${i}.staffNo`)} style={{ marginBottom: 0 }}>
              <Input size="large" style={{ width: 160 }} maxLength={32} autoComplete="off" value={sigs[i]?.staffNo} onChange={(e) => set(i, { staffNo: e.target.value })} data-testid={`signer-${i}-staffNo`} />
            </Form.Item>
            <Form.Item {...props.item(`signatures.${i}.pin`)} style={{ marginBottom: 0 }}>
              <Input.Password
                size="large"
                style={{ width: 160 }}
                maxLength={64}
                inputMode="numeric"
                autoComplete="off"
                value={sigs[i]?.pin}
                onChange={(e) => set(i, { pin: e.target.value })}
                data-testid={`signer-${i}-pin`}
              />
            </Form.Item>
          </Space>
        ))}
        <FormError text={props.general} testId="seal-error" />
        <Button
          type="primary"
          size="large"
          disabled={!complete || props.blocked}
          loading={props.busy}
          data-testid="seal-submit"
          onClick={() =>
            void props.onSubmit(sigs).then((ok) => {
              // PINs never stay on screen after an attempt
              void ok;
              setSigs((s) => s.map((x) => ({ ...x, pin: '' })));
            })
          }
        >
          {t(props.okKey)}
        </Button>
      </Space>
      </Form>
    </Card>
  );
}

export function SealPage() {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  // the site head runs the ceremony; chief examiners and supervisors see what is missing and come to sign
  const head = useSession().session.actor.role === 'site_head';
  const batches = useQuery('seal.batches', {});
  const [batchId, setBatchId] = useState<number | null>(null);
  useEffect(() => {
    if (!batchId && batches.data?.length) setBatchId(batches.data[0]!.id);
  }, [batches.data, batchId]);
  const ready = useQuery('seal.readiness', { batchId: batchId ?? 0 }, { skip: !batchId });
  const versions = useQuery('seal.packages', { batchId: batchId ?? 0 }, { skip: !batchId });
  const [error, setError] = useState<string | null>(null);
  const [amendOpen, setAmendOpen] = useState(false);
  const [reason, setReason] = useState('');
  const batch = batches.data?.find((b) => b.id === batchId);

  const reload = async () => {
    await Promise.all([batches.reload(), ready.reload(), versions.reload()]);
  };
  const signers = ready.data?.signers.length ?? 0;
  // the signatures' refusals under the signer's staff number or PIN; the rest beside the button
  const fe = useFormErrors(signerLabels(signers));
  const seal = async (sigs: Sig[], kind: 'seal' | 'amendment') => {
    if (!batchId) return false;
    const r = await fe.run(() => (kind === 'seal' ? call('seal.seal', { batchId, signatures: sigs }) : call('seal.amend', { batchId, reason, signatures: sigs })));
    if (!r.ok) return false;
    void message.success(t('seal.sealed', { version: r.value.version, hash: r.value.hash.slice(0, 12) }));
    setError(null);
    setReason('');
    await reload();
    return true;
  };
  const busy = fe.busy;
  const openAmend = async () => {
    if (!batchId) return;
    try {
      await call('seal.amend.open', { batchId, reason });
      setAmendOpen(false);
      setError(null);
      void message.info(t('seal.amend.opened'));
      await reload();
    } catch (e) {
      setError(te(errorData(e)));
    }
  };

  const r = ready.data;
  const status = batch?.status;
  const statusTag =
    status === 'sealed' ? (
      <Tag color="green" data-testid="seal-status">
        {t('seal.status.sealed', { version: batch?.version ?? 1 })}
      </Tag>
    ) : status === 'amending' ? (
      <Tag color="orange" data-testid="seal-status">
        {t('seal.status.amending', { version: batch?.version ?? 1 })}
      </Tag>
    ) : (
      <Tag data-testid="seal-status">{t('seal.status.open')}</Tag>
    );

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Card
        title={t('seal.title')}
        extra={
          <Space>
            {statusTag}
            <Select
              style={{ minWidth: 320 }}
              value={batchId ?? undefined}
              onChange={(v: number) => setBatchId(v)}
              options={(batches.data ?? []).map((b) => ({ value: b.id, label: `${b.name}（${b.planCode}）` }))}
              data-testid="seal-batch"
            />
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="seal-error" closable onClose={() => setError(null)} />}
        {!batches.data?.length && <Empty />}
        {r && status !== 'sealed' && status !== 'amending' && (
          <Space direction="vertical" style={{ width: '100%' }}>
            {r.ready ? (
              <Alert type="success" showIcon title={t('seal.ready', { candidates: r.candidates, results: r.subjectResults })} data-testid="seal-ready" />
            ) : (
              <Alert
                type="warning"
                showIcon
                title={t('seal.notReady')}
                data-testid="seal-missing"
                description={<MissingList missing={r.missing} />}
              />
            )}
            {r.ready && head && <Signatures key={`seal-${batchId}`} readiness={r} busy={busy} okKey="seal.seal" item={fe.item} touched={fe.touched} general={fe.general} onSubmit={(s) => seal(s, 'seal')} />}
          </Space>
        )}
        {r && status === 'sealed' && (
          <Space wrap>
            {/* G5: the sealed version is what goes on the publication; upload follows its end */}
            <Button type="primary" onClick={() => navigate('/publication')} data-testid="seal-to-publication">
              {t('seal.toPublication')}
            </Button>
            <Button onClick={() => navigate('/sync')} data-testid="seal-to-sync">
              {t('seal.toSync')}
            </Button>
            <Button onClick={() => setAmendOpen(true)} disabled={!head} data-testid="seal-amend-open">
              {t('seal.amend.open')}
            </Button>
          </Space>
        )}
        {r && status === 'amending' && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="info" showIcon title={t('seal.amending')} />
            {!r.ready && r.missing.length > 0 && (
              <Alert
                type="warning"
                showIcon
                title={t('seal.notReady')}
                description={<MissingList missing={r.missing} />}
              />
            )}
            <Form layout="vertical" component="div">
              <Form.Item {...fe.item('reason')} style={{ marginBottom: 0 }}>
                <Input.TextArea
                  rows={2}
                  maxLength={1000}
                  placeholder={t('seal.amend.reasonHint')}
                  value={reason}
                  onChange={(e) => {
                    setReason(e.target.value);
                    fe.touched(['reason']);
                  }}
                  data-testid="seal-amend-reason"
                />
              </Form.Item>
            </Form>
            {head && <Signatures key={`amend-${batchId}-${batch?.version ?? 0}`} readiness={r} busy={busy} okKey="seal.amend.seal" item={fe.item} touched={fe.touched} general={fe.general} blocked={reason.trim() === ''} onSubmit={(s) => seal(s, 'amendment')} />}
          </Space>
        )}
      </Card>
      <Card title={t('seal.versions')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          data-testid="seal-versions"
          locale={{ emptyText: t('seal.versions.empty') }}
          dataSource={versions.data ?? []}
          columns={[
            { title: t('seal.col.version'), dataIndex: 'version', width: 70 },
            { title: t('seal.col.kind'), dataIndex: 'kind', width: 80, render: (k: string) => t(k === 'amendment' ? 'seal.kind.amendment' : 'seal.kind.seal') },
            { title: t('seal.col.hash'), dataIndex: 'hash', render: (h: string) => <Typography.Text code>{h.slice(0, 16)}…</Typography.Text> },
            { title: t('seal.col.reason'), dataIndex: 'reason', render: (x: string | null) => x ?? '—' },
            { title: t('seal.col.createdAt'), dataIndex: 'createdAt', render: (x: string) => new Date(x).toLocaleString('zh-CN', { hour12: false }) },
            { title: t('seal.col.size'), dataIndex: 'byteSize', render: (n: number) => `${(n / 1024).toFixed(1)} KB` },
            {
              title: t('seal.col.state'),
              dataIndex: 'state',
              render: (s: string | null, row: { held: boolean }) =>
                row.held ? (
                  <Tag color="gold">{t('sync.state.held')}</Tag>
                ) : s ? (
                  <Tag color={s === 'acknowledged' || s === 'certified' ? 'green' : s === 'rejected' || s === 'blocked' ? 'red' : 'default'}>{t(`sync.state.${s}` as MessageKey, { percent: '' })}</Tag>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
      <Modal open={amendOpen} title={t('seal.amend.openTitle')} onCancel={() => setAmendOpen(false)} onOk={() => void openAmend()} okText={t('seal.amend.open')} cancelText={t('common.cancel')}>
        <Typography.Paragraph>{t('seal.amend.reason')}</Typography.Paragraph>
        <Input.TextArea rows={3} placeholder={t('seal.amend.reasonHint')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="seal-amend-open-reason" />
      </Modal>
    </div>
  );
}
