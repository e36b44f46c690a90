import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { OutputOf, Role } from '../../../electron/commands/api';
import { call } from '../api/client';
import { errorData, useQuery } from '../api/hooks';
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
  pin?: string;
}

export function StaffPage() {
  const { t, te } = useI18n();
  const { session } = useSession();
  const { message } = App.useApp();
  const canEdit = session.actor.role === 'site_head' || session.actor.role === 'admin';
  const list = useQuery('staff.list', {});
  const [adding, setAdding] = useState(false);
  const [pinFor, setPinFor] = useState<Person | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [addForm] = Form.useForm<NewPerson>();
  const [pinForm] = Form.useForm<{ pin: string }>();

  const add = async (v: NewPerson) => {
    try {
      await call('staff.create', { ...v, pin: v.pin || undefined, workUnit: v.workUnit || undefined });
      setAdding(false);
      addForm.resetFields();
      setError(null);
      void message.success(t('staff.saved'));
      void list.reload();
    } catch (e) {
      setError(te(errorData(e)));
    }
  };
  const savePin = async (v: { pin: string }) => {
    if (!pinFor) return;
    try {
      await call('staff.setPin', { staffId: pinFor.id, pin: v.pin });
      setPinFor(null);
      pinForm.resetFields();
      setError(null);
      void message.success(t('staff.saved'));
      void list.reload();
    } catch (e) {
      setError(te(errorData(e)));
    }
  };

  return (
    <Card
      title={t('staff.title')}
      extra={
        canEdit && (
          <Button type="primary" onClick={() => setAdding(true)} data-testid="staff-add">
            {t('staff.add')}
          </Button>
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
            width: 160,
            render: (has: boolean, p) => (
              <Space>
                <Tag color={has ? 'green' : 'default'}>{t(has ? 'staff.pin.set' : 'staff.pin.unset')}</Tag>
                {canEdit && (
                  <Button size="small" onClick={() => setPinFor(p)}>
                    {t('staff.setPin')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={adding} title={t('staff.add')} onCancel={() => setAdding(false)} onOk={() => addForm.submit()} okText={t('common.save')} cancelText={t('common.cancel')}>
        <Form<NewPerson> form={addForm} layout="vertical" onFinish={(v) => void add(v)}>
          <Form.Item name="staffNo" label={t('staff.col.staffNo')} rules={[{ required: true, message: t('form.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="name" label={t('staff.col.name')} rules={[{ required: true, message: t('form.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="roles" label={t('staff.col.roles')} rules={[{ required: true, message: t('form.required') }]}>
            <Select mode="multiple" options={ROLE_KEYS.map(([r, key]) => ({ value: r, label: t(key) }))} />
          </Form.Item>
          <Form.Item name="workUnit" label={t('staff.col.workUnit')}>
            <Input />
          </Form.Item>
          <Form.Item name="examinerGrade" label={t('staff.col.grade')}>
            <Select
              allowClear
              options={[
                { value: 'examiner', label: t('staff.grade.examiner') },
                { value: 'senior', label: t('staff.grade.senior') },
              ]}
            />
          </Form.Item>
          <Form.Item name="pin" label={t('setup.pin')} rules={[{ pattern: /^\d{6,12}$/, message: t('setup.pin') }]}>
            <Input.Password inputMode="numeric" autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!pinFor}
        title={`${t('staff.setPin')} · ${pinFor?.name ?? ''}`}
        onCancel={() => setPinFor(null)}
        onOk={() => pinForm.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
      >
        <Form<{ pin: string }> form={pinForm} layout="vertical" onFinish={(v) => void savePin(v)}>
          <Form.Item name="pin" label={t('setup.pin')} rules={[{ required: true, pattern: /^\d{6,12}$/, message: t('setup.pin') }]}>
            <Input.Password inputMode="numeric" autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
