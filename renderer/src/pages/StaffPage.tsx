import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { EnrolmentSlips, type Slip } from '../components/EnrolmentSlips';
import type { OutputOf, Role } from '../../../electron/commands/api';
import { call } from '../api/client';
import { errorData, useQuery } from '../api/hooks';
import { FormError, useFilled, useFormErrors } from '../components/useFormErrors';
import { useI18n } from '../i18n';
import { ROLE_KEYS, roleKey } from '../roles';
import { useSession } from '../session';

type Person = OutputOf<'staff.list'>[number];

interface NewPerson {
  staffNo: string;
  name: string;
  roles: Role[];
  workUnit?: string;
  examinerGrade?: 'examiner' | 'senior';
}

export function StaffPage() {
  const { t, te } = useI18n();
  const { session } = useSession();
  const { message, modal } = App.useApp();
  const isHead = session.actor.role === 'site_head';
  const canEdit = session.actor.role === 'site_head' || session.actor.role === 'admin';
  const list = useQuery('staff.list', {});
  const [adding, setAdding] = useState(false);
  const [slips, setSlips] = useState<Slip[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [addForm] = Form.useForm<NewPerson>();
  const addErrors = useFormErrors(
    { staffNo: 'staff.col.staffNo', name: 'staff.col.name', roles: 'staff.col.roles', workUnit: 'staff.col.workUnit', examinerGrade: 'staff.col.grade' },
    { 'staff.exists': 'staffNo', 'staff.siteHeadOnly': 'roles' },
  );
  const addReady = useFilled(addForm, ['staffNo', 'name', 'roles']);

  const add = async (v: NewPerson) => {
    const r = await addErrors.run(() => call('staff.create', { ...v, workUnit: v.workUnit || undefined }));
    if (!r.ok) return;
    setAdding(false);
    addForm.resetFields();
    void message.success(t('staff.saved'));
    void list.reload();
  };
  /** S1: a code, never a PIN; for someone with a PIN this is the reset (their PIN stops working) */
  const issue = async (staffIds: number[]) => {
    try {
      const r = await call('staff.issueEnrolment', { staffIds });
      setSlips(r.slips);
      setError(null);
      void list.reload();
    } catch (e) {
      setError(te(errorData(e)));
    }
  };
  const issueFor = (p: Person) => {
    if (!p.hasPin) return void issue([p.id]);
    modal.confirm({ title: t('staff.code.reissue'), content: t('staff.code.confirmReset', { name: p.name }), okText: t('common.ok'), cancelText: t('common.cancel'), onOk: () => issue([p.id]) });
  };
  const unlock = async (p: Person) => {
    try {
      await call('auth.unlock', { staffId: p.id });
      void message.success(t('staff.unlocked'));
      void list.reload();
    } catch (e) {
      setError(te(errorData(e)));
    }
  };
  const withoutPin = (list.data ?? []).filter((p) => !p.hasPin && p.active).map((p) => p.id);

  return (
    <Card
      title={t('staff.title')}
      extra={
        canEdit && (
          <Space>
            <Button disabled={withoutPin.length === 0} onClick={() => void issue(withoutPin.slice(0, 500))} data-testid="staff-issue-all">
              {t('staff.code.issueAll')}
            </Button>
            <Button type="primary" onClick={() => setAdding(true)} data-testid="staff-add">
              {t('staff.add')}
            </Button>
          </Space>
        )
      }
    >
      {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} style={{ marginBottom: 16 }} />}
      <Table<Person>
        rowKey="id"
        size="small"
        dataSource={list.data ?? []}
        loading={list.loading && !list.data}
        columns={[
          { title: t('staff.col.staffNo'), dataIndex: 'staffNo', width: 110 },
          { title: t('staff.col.name'), dataIndex: 'name', width: 120 },
          { title: t('staff.col.roles'), dataIndex: 'roles', render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{t(roleKey(r))}</Tag>) },
          { title: t('staff.col.workUnit'), dataIndex: 'workUnit' },
          {
            title: t('staff.col.grade'),
            dataIndex: 'examinerGrade',
            width: 110,
            render: (g: string | null) => (g ? t(g === 'senior' ? 'staff.grade.senior' : 'staff.grade.examiner') : ''),
          },
          {
            title: t('staff.col.pin'),
            dataIndex: 'hasPin',
            width: 300,
            render: (has: boolean, p) => (
              <Space wrap>
                <Tag color={has ? 'green' : 'default'}>{t(has ? 'staff.pin.set' : 'staff.pin.unset')}</Tag>
                {p.codeValidOn && <Tag color="blue">{t('staff.code.open', { date: p.codeValidOn })}</Tag>}
                {p.locked && <Tag color="red">{t('staff.locked')}</Tag>}
                {canEdit && (
                  <Button size="small" onClick={() => issueFor(p)} data-testid={`staff-code-${p.staffNo}`}>
                    {t(has ? 'staff.code.reissue' : 'staff.code.issue')}
                  </Button>
                )}
                {isHead && p.locked && (
                  <Button size="small" danger onClick={() => void unlock(p)}>
                    {t('staff.unlock')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('staff.add')}
        onCancel={() => {
          setAdding(false);
          addErrors.clear();
        }}
        onOk={() => addForm.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={addErrors.busy}
        okButtonProps={{ disabled: !addReady, 'data-testid': 'staff-add-submit' }}
      >
        <Form<NewPerson> form={addForm} layout="vertical" onFinish={(v) => void add(v)} onValuesChange={(ch: object) => addErrors.touched(Object.keys(ch))}>
          <Form.Item name="staffNo" {...addErrors.item('staffNo')} rules={[{ required: true, message: t('form.required') }]}>
            <Input maxLength={32} data-testid="staff-add-staffNo" />
          </Form.Item>
          <Form.Item name="name" {...addErrors.item('name')} rules={[{ required: true, message: t('form.required') }]}>
            <Input maxLength={64} data-testid="staff-add-name" />
          </Form.Item>
          <Form.Item name="roles" {...addErrors.item('roles')} rules={[{ required: true, message: t('form.required') }]}>
            <Select mode="multiple" options={ROLE_KEYS.map(([r, key]) => ({ value: r, label: t(key) }))} data-testid="staff-add-roles" />
          </Form.Item>
          <Form.Item name="workUnit" {...addErrors.item('workUnit')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="examinerGrade" {...addErrors.item('examinerGrade')}>
            <Select
              allowClear
              options={[
                { value: 'examiner', label: t('staff.grade.examiner') },
                { value: 'senior', label: t('staff.grade.senior') },
              ]}
            />
          </Form.Item>
        </Form>
        <FormError text={addErrors.general} />
      </Modal>
      <Modal open={!!slips} title={t('staff.code.print')} width="90%" footer={null} onCancel={() => setSlips(null)} destroyOnHidden>
        {slips && <EnrolmentSlips slips={slips} siteName={session.siteName} />}
      </Modal>
    </Card>
  );
}
