// The site head's page of vendor card-reader services (E3): each profile says where the reader's
// software answers and where the card's fields are in its JSON; 测试读卡 shows what a door would get.
// A refusal shows under the field it is about, by the label shown (a reader that does not answer under
// the address, a name in use under the name, an answer without a valid number under its path); the
// buttons wait for the required fields and send one request at a time.
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { InputOf, OutputOf } from '../../../../../electron/commands/api';
import { call } from '../../../api/client';
import { useQuery } from '../../../api/hooks';
import { FormError, useFilled, useFormErrors, type FieldAliases, type FieldLabels, type ReasonFields } from '../../../components/useFormErrors';
import { useI18n } from '../../../i18n';

type Row = OutputOf<'cardreader.profiles'>[number];
type Profile = InputOf<'cardreader.profile.save'>['profile'];

interface FormValues {
  name: string;
  active: boolean;
  url: string;
  method: 'GET' | 'POST';
  body: string;
  timeoutMs: number;
  number: string;
  personName?: string;
  sex?: string;
  birthDate?: string;
  photo?: string;
  successPath?: string;
  successEquals?: string;
  message?: string;
}

const LABELS: FieldLabels = {
  name: 'cardreader.field.name',
  active: 'cardreader.field.active',
  url: 'cardreader.field.url',
  method: 'cardreader.field.method',
  timeoutMs: 'cardreader.field.timeout',
  body: 'cardreader.field.body',
  number: 'cardreader.field.number',
  personName: 'cardreader.field.personName',
  sex: 'cardreader.field.sex',
  birthDate: 'cardreader.field.birth',
  photo: 'cardreader.field.photo',
  message: 'cardreader.field.message',
  successPath: 'cardreader.field.successPath',
  successEquals: 'cardreader.field.successEquals',
};
/** the command's input paths → the form's fields (the card's name path is not the reader's name) */
const ALIASES: FieldAliases = {
  'profile.fields.number': 'number',
  'profile.fields.name': 'personName',
  'profile.fields.sex': 'sex',
  'profile.fields.birthDate': 'birthDate',
  'profile.fields.photo': 'photo',
  'profile.success.path': 'successPath',
  'profile.success.equals': 'successEquals',
  'profile.message': 'message',
};
/** E3: what a reader's refusal is about — its address (nothing answers there), a path, the name */
const REASONS: ReasonFields = {
  'cardreader.profileNameTaken': 'name',
  'cardreader.unreachable': 'url',
  'cardreader.timeout': 'url',
  'cardreader.httpStatus': 'url',
  'cardreader.notJson': 'url',
  'cardreader.wsUnsupported': 'url',
  'cardreader.noNumber': 'number',
  'cardreader.sexMismatch': 'sex',
  'cardreader.birthMismatch': 'birthDate',
};

const opt = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

function toProfile(v: FormValues): Profile {
  const successPath = opt(v.successPath);
  const eq = v.successEquals ?? '';
  return {
    url: v.url,
    method: v.method,
    body: v.body ?? '',
    timeoutMs: v.timeoutMs,
    fields: { number: v.number, name: opt(v.personName), sex: opt(v.sex), birthDate: opt(v.birthDate), photo: opt(v.photo) },
    // a flag compared as a number when it is one (resultFlag = 0), else as text
    success: successPath ? { path: successPath, equals: /^-?\d+$/.test(eq.trim()) ? Number(eq) : eq } : undefined,
    message: opt(v.message),
  };
}

function toForm(r: Row | null): FormValues {
  if (!r) return { name: '', active: true, url: 'http://127.0.0.1:', method: 'GET', body: '', timeoutMs: 5000, number: '' };
  const p = r.profile;
  return {
    name: r.name,
    active: r.active,
    url: p.url,
    method: p.method,
    body: p.body,
    timeoutMs: p.timeoutMs,
    number: p.fields.number,
    personName: p.fields.name,
    sex: p.fields.sex,
    birthDate: p.fields.birthDate,
    photo: p.fields.photo,
    successPath: p.success?.path,
    successEquals: p.success === undefined ? undefined : String(p.success.equals),
    message: p.message,
  };
}

export function ProfilesPage() {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const list = useQuery('cardreader.profiles', {});
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const [form] = Form.useForm<FormValues>();
  const fe = useFormErrors(LABELS, REASONS, ALIASES);
  const canTest = useFilled(form, ['url', 'number']);
  const canSave = useFilled(form, ['name', 'url', 'number']);
  const [pressed, setPressed] = useState<'test' | 'save'>('save');
  const [tested, setTested] = useState<OutputOf<'cardreader.profile.test'> | null>(null);

  const open = (r: Row | 'new') => {
    setEditing(r);
    fe.clear();
    setTested(null);
    form.setFieldsValue(toForm(r === 'new' ? null : r));
  };
  const save = async (v: FormValues) => {
    setPressed('save');
    const name = v.name.trim();
    const r = await fe.run(() => call('cardreader.profile.save', { ...(editing && editing !== 'new' ? { id: editing.id } : {}), name, active: v.active, profile: toProfile(v) }));
    if (!r.ok) return;
    void message.success(t('cardreader.saved', { name }));
    setEditing(null);
    await list.reload();
  };
  const test = async () => {
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setPressed('test');
    setTested(null);
    const r = await fe.run(() => call('cardreader.profile.test', { profile: toProfile(v) }));
    if (r.ok) setTested(r.value);
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('cardreader.page.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>
        {t('cardreader.page.intro')}
      </Typography.Paragraph>
      {list.error && <Alert type="error" showIcon title={te(list.error)} />}
      <Card
        extra={
          <Button type="primary" onClick={() => open('new')} data-testid="cardreader-add">
            {t('cardreader.add')}
          </Button>
        }
      >
        <Table<Row>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={list.data ?? []}
          locale={{ emptyText: t('cardreader.empty') }}
          columns={[
            { title: t('cardreader.col.name'), dataIndex: 'name' },
            { title: t('cardreader.col.url'), render: (_, r) => <Typography.Text code>{r.profile.url}</Typography.Text> },
            { title: t('cardreader.col.active'), render: (_, r) => (r.active ? <Tag color="green">✓</Tag> : <Tag>—</Tag>) },
            { title: t('cardreader.col.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => new Date(v).toLocaleString() },
            { title: '', render: (_, r) => <Button onClick={() => open(r)}>{t('cardreader.edit')}</Button> },
          ]}
        />
      </Card>
      <Modal
        open={editing !== null}
        width={720}
        title={editing === 'new' ? t('cardreader.add') : t('cardreader.edit')}
        onCancel={() => setEditing(null)}
        footer={[
          <Button key="test" onClick={() => void test()} disabled={!canTest || (fe.busy && pressed !== 'test')} loading={fe.busy && pressed === 'test'} data-testid="cardreader-test">
            {t('cardreader.test')}
          </Button>,
          <Button key="save" type="primary" onClick={() => form.submit()} disabled={!canSave || (fe.busy && pressed !== 'save')} loading={fe.busy && pressed === 'save'} data-testid="cardreader-save">
            {t('cardreader.save')}
          </Button>,
        ]}
      >
        <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void save(v)} onValuesChange={(ch: object) => fe.touched(Object.keys(ch))} data-testid="cardreader-form">
          <Space wrap align="start">
            <Form.Item name="name" {...fe.item('name')} rules={[{ required: true, whitespace: true, max: 60, message: t('form.required') }]}>
              <Input style={{ width: 260 }} maxLength={60} data-testid="cardreader-name" />
            </Form.Item>
            <Form.Item name="active" {...fe.item('active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item name="url" {...fe.item('url')} rules={[{ required: true, whitespace: true, max: 500, message: t('form.required') }]}>
            <Input maxLength={500} data-testid="cardreader-url" />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="method" {...fe.item('method')}>
              <Select style={{ width: 110 }} options={[{ value: 'GET' }, { value: 'POST' }]} />
            </Form.Item>
            <Form.Item name="timeoutMs" {...fe.item('timeoutMs')}>
              <InputNumber min={500} max={20000} step={500} />
            </Form.Item>
          </Space>
          <Form.Item name="body" {...fe.item('body')}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
          <Typography.Paragraph type="secondary">{t('cardreader.pathHint')}</Typography.Paragraph>
          <Space wrap align="start">
            <Form.Item name="number" {...fe.item('number')} rules={[{ required: true, whitespace: true, max: 120, message: t('form.required') }]}>
              <Input style={{ width: 220 }} maxLength={120} data-testid="cardreader-path-number" />
            </Form.Item>
            <Form.Item name="personName" {...fe.item('personName')}>
              <Input style={{ width: 220 }} data-testid="cardreader-path-name" />
            </Form.Item>
            <Form.Item name="sex" {...fe.item('sex')}>
              <Input style={{ width: 220 }} data-testid="cardreader-path-sex" />
            </Form.Item>
            <Form.Item name="birthDate" {...fe.item('birthDate')}>
              <Input style={{ width: 220 }} data-testid="cardreader-path-birth" />
            </Form.Item>
            <Form.Item name="photo" {...fe.item('photo')}>
              <Input style={{ width: 220 }} data-testid="cardreader-path-photo" />
            </Form.Item>
            <Form.Item name="message" {...fe.item('message')}>
              <Input style={{ width: 220 }} data-testid="cardreader-path-message" />
            </Form.Item>
            <Form.Item name="successPath" {...fe.item('successPath')}>
              <Input style={{ width: 220 }} data-testid="cardreader-path-success" />
            </Form.Item>
            <Form.Item name="successEquals" {...fe.item('successEquals')}>
              <Input style={{ width: 120 }} data-testid="cardreader-success-equals" />
            </Form.Item>
          </Space>
          <FormError text={fe.general} testId="cardreader-error" />
          {tested && (
            <Alert
              type="success"
              showIcon
              data-testid="cardreader-tested"
              title={t('cardreader.testOk', { docType: tested.card.docType, name: tested.card.name ?? '—', number: tested.card.numberMasked })}
              description={tested.chipPhoto ? <img src={tested.chipPhoto} alt={t('door.card.chipPhoto')} style={{ height: 96, border: '1px solid #d9d9d9' }} /> : null}
            />
          )}
        </Form>
      </Modal>
    </Space>
  );
}
