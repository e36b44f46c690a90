import { Alert, Form, Input, Modal, Radio, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../../api/client';
import { errorData, useQuery } from '../../../api/hooks';
import { useI18n } from '../../../i18n';

/** No picture could be taken: the proctor says why, and the sign-in goes on without one. */
export function NoPhotoModal({ open, onCancel, onOk }: { open: boolean; onCancel: () => void; onOk: (reason: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string; other?: string }>();
  const reasons = [t('door.noPhoto.noCamera'), t('door.noPhoto.broken'), t('door.noPhoto.other')];
  return (
    <Modal open={open} title={t('door.noPhoto.title')} onCancel={onCancel} onOk={() => form.submit()} okText={t('door.confirm')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ reason: reasons[0] }} onFinish={(v) => onOk(v.reason === t('door.noPhoto.other') && v.other ? v.other : v.reason)}>
        <Form.Item name="reason" label={t('door.noPhoto.reason')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={reasons.map((r) => ({ value: r, label: r }))} data-testid="no-photo-reason" />
        </Form.Item>
        <Form.Item name="other">
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Admitted as doubtful (E3: the identity check could not settle it): a reason and a second proctor's staff number and PIN. */
export function DoubtModal({ open, name, error, busy, onCancel, onOk }: { open: boolean; name: string; error: string | null; busy: boolean; onCancel: () => void; onOk: (v: { reason: string; secondStaffNo: string; secondPin: string }) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string; secondStaffNo: string; secondPin: string }>();
  const reasons = (['door.doubt.r.face', 'door.doubt.r.doc', 'door.doubt.r.info', 'door.doubt.r.noDoc'] as const).map((k) => t(k));
  // the button waits for every required field; the error shows by it
  const values = Form.useWatch([], form) as Partial<{ reason: string; secondStaffNo: string; secondPin: string }> | undefined;
  const ready = !!values?.reason && !!values.secondStaffNo?.trim() && !!values.secondPin;
  return (
    <Modal open={open} title={t('door.doubt.title', { name })} onCancel={onCancel} onOk={() => form.submit()} okText={t('door.doubt.submit')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden okButtonProps={{ size: 'large', disabled: !ready }}>
      <Typography.Paragraph type="secondary">{t('door.doubt.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ reason: reasons[0] }} onFinish={onOk}>
        <Form.Item name="reason" label={t('door.doubt.reason')} rules={[{ required: true, message: t('form.required') }]}>
          <Select size="large" options={reasons.map((r) => ({ value: r, label: r }))} />
        </Form.Item>
        <Form.Item name="secondStaffNo" label={t('door.doubt.secondNo')} rules={[{ required: true, message: t('form.required') }]}>
          <Input size="large" autoComplete="off" />
        </Form.Item>
        <Form.Item name="secondPin" label={t('door.doubt.secondPin')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password size="large" inputMode="numeric" autoComplete="off" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="doubt-error" />}
    </Modal>
  );
}

/** Admitted after the cut-off (E4): a reason and the supervisor's signature. */
export function LateModal({ open, name, error, busy, onCancel, onOk }: { open: boolean; name: string; error: string | null; busy: boolean; onCancel: () => void; onOk: (v: { reason: string; supervisorStaffNo: string; supervisorPin: string }) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string; supervisorStaffNo: string; supervisorPin: string }>();
  const values = Form.useWatch([], form) as Partial<{ reason: string; supervisorStaffNo: string; supervisorPin: string }> | undefined;
  const ready = !!values?.reason?.trim() && !!values.supervisorStaffNo?.trim() && !!values.supervisorPin;
  return (
    <Modal open={open} title={t('door.late.title', { name })} onCancel={onCancel} onOk={() => form.submit()} okText={t('door.late.submit')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden okButtonProps={{ size: 'large', danger: true, disabled: !ready }}>
      <Typography.Paragraph type="secondary">{t('door.late.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onOk}>
        <Form.Item name="reason" label={t('door.late.reason')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input size="large" />
        </Form.Item>
        <Form.Item name="supervisorStaffNo" label={t('door.late.supervisorNo')} rules={[{ required: true, message: t('form.required') }]}>
          <Input size="large" autoComplete="off" />
        </Form.Item>
        <Form.Item name="supervisorPin" label={t('door.late.supervisorPin')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password size="large" inputMode="numeric" autoComplete="off" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="late-error" />}
    </Modal>
  );
}

/** After the cut-off: the missing candidates, marked absent together once the second proctor confirms with their PIN (E4, S2). */
export function AbsentModal({ sessionId, roomId, onClose }: { sessionId: number; roomId: number; onClose: (marked: number) => void }) {
  const { t, te } = useI18n();
  const missing = useQuery('checkin.missing', { sessionId, roomId });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [staffNo, setStaffNo] = useState('');
  const [pin, setPin] = useState('');
  const list = missing.data ?? [];
  const ready = list.length > 0 && staffNo.trim() !== '' && pin !== '';
  const submit = async () => {
    setBusy(true);
    try {
      const out = await call('checkin.markAbsent', { sessionId, roomId, candidateIds: list.map((m) => m.candidateId), second: { staffNo: staffNo.trim(), pin } });
      setError(null);
      onClose(out.marked);
    } catch (e) {
      setError(te(errorData(e)));
      void missing.reload();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('door.absent.title', { n: list.length })}
      onCancel={() => onClose(0)}
      onOk={() => void submit()}
      okText={t('door.absent.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ size: 'large', disabled: !ready, danger: true, 'data-testid': 'absent-submit' }}
      width={640}
    >
      <Typography.Paragraph data-testid="absent-intro">{t('door.absent.introPin')}</Typography.Paragraph>
      <Table
        rowKey="candidateId"
        size="small"
        pagination={false}
        dataSource={list}
        data-testid="absent-list"
        columns={[
          { title: t('door.col.seat'), dataIndex: 'seat', width: 60 },
          { title: t('door.col.name'), dataIndex: 'name' },
          { title: t('door.col.ticket'), dataIndex: 'ticketNo' },
          { title: t('door.col.doc'), dataIndex: 'docMasked' },
        ]}
      />
      <Form layout="vertical" style={{ marginTop: 12 }} component="div">
        <Form.Item label={t('door.absent.secondNo')} htmlFor="absent-second-no" required style={{ marginBottom: 8 }}>
          <Input id="absent-second-no" size="large" autoComplete="off" value={staffNo} onChange={(e) => setStaffNo(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('door.absent.secondPin')} htmlFor="absent-second-pin" required style={{ marginBottom: 8 }}>
          <Input.Password id="absent-second-pin" size="large" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
        </Form.Item>
      </Form>
      {/* the error sits by the button that was pressed */}
      {error && <Alert type="error" showIcon message={error} data-testid="absent-error" />}
    </Modal>
  );
}

/** A duplicate alarm closed as a false alarm: why (a double read, a re-entry) and a note; no incident is made. */
export function CloseAlertModal({ alertId, name, onClose }: { alertId: number; name: string; onClose: (closed: boolean) => void }) {
  const { t, te } = useI18n();
  const [reason, setReason] = useState<'double_read' | 're_entry' | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ready = reason !== null && note.trim() !== '';
  const submit = async () => {
    if (!reason) return;
    setBusy(true);
    try {
      await call('checkin.closeAlert', { alertId, reason, note: note.trim() });
      setError(null);
      onClose(true);
    } catch (e) {
      setError(te(errorData(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('door.alert.closeTitle', { name })}
      onCancel={() => onClose(false)}
      onOk={() => void submit()}
      okText={t('door.alert.closeSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ size: 'large', disabled: !ready, 'data-testid': 'close-alert-submit' }}
    >
      <Typography.Paragraph type="secondary">{t('door.alert.closeIntro')}</Typography.Paragraph>
      <Form layout="vertical" component="div">
        <Form.Item label={t('door.alert.reason')} required style={{ marginBottom: 8 }}>
          <Radio.Group value={reason} onChange={(e) => setReason(e.target.value as 'double_read' | 're_entry')} data-testid="close-alert-reason">
            <Space direction="vertical">
              <Radio value="double_read">{t('door.alert.reason.double_read')}</Radio>
              <Radio value="re_entry">{t('door.alert.reason.re_entry')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('door.alert.note')} htmlFor="close-alert-note" required style={{ marginBottom: 8 }}>
          <Input.TextArea id="close-alert-note" rows={2} maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="close-alert-error" />}
    </Modal>
  );
}
