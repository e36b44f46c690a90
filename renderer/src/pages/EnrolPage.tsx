// Public (S1): a staff member chooses their own PIN with the enrolment code on their slip. The QR
// on the slip opens this page with the staff number and the code filled in.
import { splitPath } from '../router';
import { Button, Card, Form, Input, Typography } from 'antd';
import { call } from '../api/client';
import { FormError, useFilled, useFormErrors } from '../components/useFormErrors';
import { useI18n } from '../i18n';

interface Values {
  staffNo: string;
  code: string;
  pin: string;
  pin2: string;
}

/** the staff number and code a slip's QR carries (#/enrol?staffNo=…&code=…) */
function fromLink(path: string): Partial<Values> {
  const q = splitPath(path).params;
  return { staffNo: q.get('staffNo')?.slice(0, 32) ?? '', code: q.get('code')?.slice(0, 32) ?? '' };
}

export function EnrolPage({ path, onDone, onBack }: { path: string; onDone(): void; onBack(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  // a wrong or used code under the code; a weak PIN under the new PIN
  const fe = useFormErrors({ staffNo: 'signin.staffNo', code: 'enrol.code', pin: 'enrol.pin', pin2: 'enrol.pin2' }, { PIN_WRONG: 'code', PIN_LOCKED: 'code', 'auth.pinWeak': 'pin' });
  const ready = useFilled(form, ['staffNo', 'code', 'pin', 'pin2']);
  const submit = async (v: Values) => {
    const r = await fe.run(async () => {
      try {
        return await call('auth.enrol', { staffNo: v.staffNo, code: v.code, pin: v.pin });
      } catch (e) {
        // a refused PIN is typed again (cleared before the refusal shows under it)
        form.setFieldsValue({ pin: '', pin2: '' });
        throw e;
      }
    });
    if (r.ok) onDone();
  };
  return (
    <Card title={t('enrol.title')} style={{ maxWidth: 460, margin: '48px auto' }} data-testid="enrol-page">
      <Typography.Paragraph type="secondary">{t('enrol.intro')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} onValuesChange={(ch: object) => fe.touched(Object.keys(ch))} requiredMark={false} initialValues={fromLink(path)}>
        <Form.Item name="staffNo" {...fe.item('staffNo')} rules={[{ required: true, message: t('form.required') }, { max: 32 }]}>
          <Input size="large" autoComplete="username" />
        </Form.Item>
        <Form.Item name="code" {...fe.item('code')} rules={[{ required: true, message: t('form.required') }, { max: 32 }]}>
          <Input size="large" autoComplete="off" style={{ textTransform: 'uppercase', letterSpacing: 2 }} />
        </Form.Item>
        <Form.Item name="pin" {...fe.item('pin')} rules={[{ required: true, pattern: /^\d{6,12}$/, message: t('setup.pin') }]}>
          <Input.Password size="large" inputMode="numeric" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="pin2"
          {...fe.item('pin2')}
          dependencies={['pin']}
          rules={[
            { required: true, message: t('form.required') },
            ({ getFieldValue }) => ({ validator: (_r, v: string) => (v === getFieldValue('pin') ? Promise.resolve() : Promise.reject(new Error(t('enrol.mismatch')))) }),
          ]}
        >
          <Input.Password size="large" inputMode="numeric" autoComplete="new-password" />
        </Form.Item>
        <FormError text={fe.general} testId="enrol-error" />
        <Button type="primary" htmlType="submit" block size="large" loading={fe.busy} disabled={!ready} data-testid="enrol-submit">
          {t('enrol.submit')}
        </Button>
        <Button type="link" block onClick={onBack} style={{ marginTop: 8 }}>
          {t('enrol.back')}
        </Button>
      </Form>
    </Card>
  );
}
