// The supervisor's desk (S8): incidents to rule, the door's alarm drafts (impersonation suspects)
// to turn into incidents, and the doubtful admissions (存疑考生) to open a case for. The ruling
// dialog signs with the PIN; a ruling is final, a change supersedes it.
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Radio, Segmented, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { describeIssue, useI18n } from '../../i18n';
import { FormError, useFormErrors } from '../../components/useFormErrors';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { RareNameFonts } from '../door/fonts';
import { IncidentPhoto, IncidentTable, SmallButton, statusTag } from './IncidentTable';

type Cases = OutputOf<'incidents.cases'>;

export function CasesDeskPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const cases = useQuery('incidents.cases', {}, { refreshMs: 10_000 });
  const [filter, setFilter] = useState<'unruled' | 'all'>('unruled');
  const [ruling, setRuling] = useState<number | null>(null);
  const [taking, setTaking] = useState<{ kind: 'alert' | 'doubtful'; id: number; name: string } | null>(null);
  const supervisor = session.actor.role === 'supervisor';
  const rows = (cases.data?.incidents ?? []).filter((r) => filter === 'all' || r.status !== 'ruled');
  return (
    <RareNameFonts>
      <Card
        title={t('cases.desk.title')}
        style={{ marginBottom: 12 }}
        extra={
          <Segmented
            value={filter}
            onChange={(v) => setFilter(v as 'unruled' | 'all')}
            options={[
              { value: 'unruled', label: t('cases.filter.unruled') },
              { value: 'all', label: t('cases.filter.all') },
            ]}
          />
        }
      >
        <IncidentTable
          rows={rows}
          showRoom
          testId="case-incidents"
          action={(r) => (
            <SmallButton onClick={() => setRuling(r.id)} testId={`rule-${r.id}`}>
              {r.status === 'open' && supervisor ? t('cases.rule') : t('cases.view')}
            </SmallButton>
          )}
        />
      </Card>
      <Card title={t('cases.desk.alarms')} size="small" style={{ marginBottom: 12 }}>
        <Table<Cases['alarms'][number]>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={cases.data?.alarms ?? []}
          locale={{ emptyText: t('inc.empty') }}
          scroll={{ x: 720 }}
          data-testid="case-alarms"
          columns={[
            { title: t('inc.col.time'), dataIndex: 'atLocal', width: 90 },
            { title: t('inc.col.kind'), render: (_: unknown, a) => <Tag color="red">{t(`door.alert.kind.${a.kind}`)}</Tag> },
            { title: t('inc.col.who'), render: (_: unknown, a) => `${a.name} ${a.ticketNo}` },
            { title: t('inc.col.room'), render: (_: unknown, a) => `${a.sessionName} ${a.roomCode}` },
            { title: t('inc.col.signers'), dataIndex: 'proctorName' },
            {
              title: '',
              render: (_: unknown, a) =>
                a.incidentId ? (
                  <Tag>{t('cases.desk.opened', { id: a.incidentId })}</Tag>
                ) : supervisor ? (
                  <SmallButton onClick={() => setTaking({ kind: 'alert', id: a.id, name: a.name })} testId={`alarm-take-${a.id}`}>
                    {t('cases.desk.toIncident')}
                  </SmallButton>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card title={t('cases.desk.doubtful')} size="small" extra={<Button type="link" onClick={() => navigate('/door-cases')}>{t('cases.desk.reviewAtDoor')}</Button>}>
        <Table<Cases['doubtful'][number]>
          rowKey="checkinId"
          size="small"
          pagination={false}
          dataSource={cases.data?.doubtful ?? []}
          locale={{ emptyText: t('inc.empty') }}
          scroll={{ x: 760 }}
          data-testid="case-doubtful"
          columns={[
            { title: t('inc.col.time'), dataIndex: 'atLocal', width: 90 },
            { title: t('inc.col.who'), render: (_: unknown, d) => `${d.name} ${d.ticketNo}` },
            { title: t('inc.col.room'), render: (_: unknown, d) => `${d.sessionName} ${d.roomCode}` },
            { title: t('inc.col.description'), dataIndex: 'reason' },
            { title: t('inc.col.ruling'), render: (_: unknown, d) => d.reviewNote ?? '' },
            {
              title: '',
              render: (_: unknown, d) =>
                d.incidentId ? (
                  <Tag>{t('cases.desk.opened', { id: d.incidentId })}</Tag>
                ) : supervisor ? (
                  <SmallButton onClick={() => setTaking({ kind: 'doubtful', id: d.checkinId, name: d.name })} testId={`doubtful-take-${d.checkinId}`}>
                    {t('cases.desk.open')}
                  </SmallButton>
                ) : null,
            },
          ]}
        />
      </Card>
      {ruling !== null && (
        <RulingModal
          incidentId={ruling}
          canRule={supervisor}
          onClose={() => {
            setRuling(null);
            void cases.reload();
          }}
        />
      )}
      {taking && (
        <TakeModal
          taking={taking}
          onClose={() => {
            setTaking(null);
            void cases.reload();
          }}
        />
      )}
    </RareNameFonts>
  );
}

function TakeModal({ taking, onClose }: { taking: { kind: 'alert' | 'doubtful'; id: number; name: string }; onClose(): void }) {
  const { t } = useI18n();
  const [description, setDescription] = useState('');
  const fe = useFormErrors({ description: 'cases.desk.description' });
  const save = async () => {
    const r = await fe.run(() => (taking.kind === 'alert' ? call('incidents.fromAlert', { alertId: taking.id, description }) : call('incidents.fromDoubtful', { checkinId: taking.id, description })));
    if (r.ok) onClose();
  };
  return (
    <Modal
      open
      title={`${t(taking.kind === 'alert' ? 'cases.desk.toIncident' : 'cases.desk.open')} · ${taking.name}`}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={fe.busy}
      okButtonProps={{ disabled: description.trim() === '', 'data-testid': 'take-submit' }}
    >
      <Form layout="vertical">
        <Form.Item {...fe.item('description')}>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            value={description}
            onChange={(e) => {
              setDescription(e.target.value);
              fe.touched(['description']);
            }}
            data-testid="take-description"
          />
        </Form.Item>
      </Form>
      <FormError text={fe.general} />
    </Modal>
  );
}

export function RulingModal({ incidentId, canRule, onClose }: { incidentId: number; canRule: boolean; onClose(): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const detail = useQuery('incidents.get', { incidentId });
  // a wrong PIN under the PIN (S8: the ruling is signed with it)
  const fe = useFormErrors({ decision: 'cases.rule.decision', reason: 'cases.rule.reason', pin: 'cases.rule.pin' }, { PIN_WRONG: 'pin', PIN_LOCKED: 'pin' });
  const catalogue = useQuery('incidents.catalogue', {});
  const [decision, setDecision] = useState<string>('');
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const [changing, setChanging] = useState(false);
  const d = detail.data;
  if (!d) return null;
  const current = d.rulings.find((r) => r.supersededBy === null);
  const codes = catalogue.data;
  const decisions = codes ? codes.decisions.filter((k) => d.subjectType === 'candidate' || codes.nonCandidateDecisions.includes(k)) : [];
  const open = canRule && (d.status === 'open' || (d.status === 'ruled' && changing));
  const ready = decision !== '' && reason.trim() !== '' && pin !== '';
  const submit = async () => {
    const input = { incidentId, decision: decision as 'none', reason, pin };
    const r = await fe.run(() => (current ? call('incidents.supersede', { ...input, rulingId: current.id }) : call('incidents.rule', input)));
    if (!r.ok) return;
    void message.success(t('cases.rule.saved'));
    onClose();
  };
  return (
    <Modal
      open
      width={900}
      style={{ top: 16 }}
      title={t('cases.rule.title', { id: d.id })}
      onCancel={onClose}
      footer={
        open
          ? [
              <Button key="c" onClick={onClose}>
                {t('common.cancel')}
              </Button>,
              <Button key="ok" type="primary" size="large" onClick={() => void submit()} disabled={!ready} loading={fe.busy} data-testid="ruling-submit">
                {t('cases.rule.submit')}
              </Button>,
            ]
          : [
              <Button key="c" onClick={onClose}>
                {t('common.ok')}
              </Button>,
            ]
      }
    >
      <div data-testid="ruling-dialog">
        <Descriptions size="small" column={2} bordered style={{ marginBottom: 10 }}>
          <Descriptions.Item label={t('inc.col.who')}>{d.candidateName ? `${d.candidateName} ${d.ticketNo ?? ''} ${d.docMasked ?? ''}` : (d.staffName ?? '—')}</Descriptions.Item>
          <Descriptions.Item label={t('inc.col.room')}>{`${d.sessionName} ${d.roomCode}`}</Descriptions.Item>
          <Descriptions.Item label={t('inc.col.kind')}>
            <Tag color="volcano">{t(`inc.kind.${d.kind}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('inc.col.time')}>{d.timeEditReason ? `${d.occurredLocal}（${d.timeEditReason}）` : d.occurredLocal}</Descriptions.Item>
          <Descriptions.Item label={t('inc.col.description')} span={2}>
            {d.description}
            {d.witnesses ? `（${t('inc.col.witnesses')}：${d.witnesses}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('inc.col.signers')}>{`${d.recorderName}${d.secondName ? ` / ${d.secondName}` : ''}${d.signerNote ? `（${describeIssue(lang, d.signerNote, 'inc.signerNote.')}）` : ''}`}</Descriptions.Item>
          <Descriptions.Item label={t('inc.col.status')}>{statusTag(d.status, t)}</Descriptions.Item>
          <Descriptions.Item label={t('inc.col.recording')} span={2}>
            {d.recordings.map((l) => `${l.channel} ${l.fileName} ${l.startsLocal}–${l.endsLocal}`).join('；') || '—'}
          </Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginBottom: 10 }}>
          {d.photoIds.map((p) => (
            <IncidentPhoto key={p} photoId={p} size="large" />
          ))}
        </Space>
        {d.rulings.length > 0 && (
          <>
            <Typography.Title level={5}>{t('cases.rule.history')}</Typography.Title>
            <Timeline
              data-testid="ruling-history"
              items={d.rulings.map((r) => ({
                color: r.supersededBy === null ? 'green' : 'gray',
                children: (
                  <span>
                    #{r.id} {r.decidedLocal} <Tag color={r.supersededBy === null ? 'blue' : 'default'}>{t(`inc.decision.${r.decision}`)}</Tag>
                    {r.reason}（{r.deciderName}）{' '}
                    <Typography.Text type="secondary">{r.supersededBy === null ? t('cases.rule.current') : t('cases.rule.superseded', { id: r.supersededBy })}</Typography.Text>
                  </span>
                ),
              }))}
            />
            {canRule && !changing && (
              <Button onClick={() => setChanging(true)} data-testid="ruling-change">
                {t('cases.rule.change')}
              </Button>
            )}
          </>
        )}
        {open && (
          <div>
            <Alert type="info" showIcon message={t('cases.rule.final')} style={{ marginBottom: 8 }} />
            <Form layout="vertical">
              <Form.Item {...fe.item('decision')} style={{ marginBottom: 10 }}>
                <Radio.Group
                  value={decision}
                  onChange={(e) => {
                    setDecision(e.target.value as string);
                    fe.touched(['decision']);
                  }}
                  optionType="button"
                  buttonStyle="solid"
                  size="large"
                  data-testid="ruling-decision"
                >
                  {decisions.map((k) => (
                    <Radio.Button key={k} value={k} data-testid={`decision-${k}`}>
                      {t(`inc.decision.${k}`)}
                    </Radio.Button>
                  ))}
                </Radio.Group>
              </Form.Item>
              <Form.Item {...fe.item('reason')} style={{ marginBottom: 8 }}>
                <Input.TextArea
                  rows={2}
                  maxLength={1000}
                  value={reason}
                  onChange={(e) => {
                    setReason(e.target.value);
                    fe.touched(['reason']);
                  }}
                  data-testid="ruling-reason"
                />
              </Form.Item>
              <Form.Item {...fe.item('pin')} style={{ marginBottom: 0 }}>
                <Input.Password
                  value={pin}
                  maxLength={64}
                  onChange={(e) => {
                    setPin(e.target.value);
                    fe.touched(['pin']);
                  }}
                  style={{ width: 260 }}
                  autoComplete="off"
                  data-testid="ruling-pin"
                />
              </Form.Item>
            </Form>
            <FormError text={fe.general} testId="ruling-error" />
          </div>
        )}
      </div>
    </Modal>
  );
}
