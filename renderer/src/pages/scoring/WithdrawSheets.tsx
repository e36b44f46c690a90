// S5/S9 on the chief's review page: sheets signed by examiners replaced after submitting. The chief
// withdraws one with a reason and their PIN (the sheet stays on record, marked withdrawn), so the
// candidate's panel comes back to an odd number of sheets. Others see the list, not the button.
import { App, Button, Card, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { FormError, useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';

type Row = OutputOf<'scoring.withdraw.list'>[number];

export function WithdrawSheets() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { session } = useSession();
  const list = useQuery('scoring.withdraw.list', {}, { refreshMs: 15_000 });
  const [open, setOpen] = useState<Row | null>(null);
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  // S9: a wrong PIN under the chief's PIN, a short reason under 撤回原因; the rest beside the button
  const fe = useFormErrors({ reason: 'scoring.withdraw.reason', pin: 'scoring.withdraw.pin' }, { PIN_WRONG: 'pin', PIN_LOCKED: 'pin' });
  const canWithdraw = session.actor.role === 'chief_examiner';
  const rows = list.data ?? [];
  if (rows.length === 0) return null;

  const close = () => {
    setOpen(null);
    setReason('');
    setPin('');
    fe.clear();
  };
  const withdraw = async () => {
    if (!open) return;
    const r = await fe.run(() => call('scoring.sheet.withdraw', { sheetId: open.sheetId, reason, pin }));
    // the PIN never stays on screen after an attempt
    setPin('');
    if (!r.ok) return;
    void message.success(t('scoring.withdraw.done', { left: r.value.sheetsLeft }));
    close();
    await list.reload();
  };

  return (
    <Card title={t('scoring.withdraw.title')} data-testid="withdraw-card">
      <Typography.Paragraph type="secondary">{t('scoring.withdraw.intro')}</Typography.Paragraph>
      <List
        dataSource={rows}
        renderItem={(r) => (
          <List.Item
            key={r.sheetId}
            data-testid={`withdraw-${r.ticketNo}`}
            actions={
              canWithdraw
                ? [
                    <Button key="w" danger size="large" onClick={() => setOpen(r)} data-testid={`withdraw-open-${r.ticketNo}`}>
                      {t('scoring.withdraw.action')}
                    </Button>,
                  ]
                : []
            }
          >
            <Space orientation="vertical" size={2}>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {r.name} · {r.ticketNo}
              </Typography.Text>
              <Space wrap>
                <Typography.Text type="secondary">
                  {r.sessionName} · {r.roomCode}
                </Typography.Text>
                <Tag color="orange">{t('scoring.withdraw.by', { examiner: r.examinerName, total: r.total ?? '—' })}</Tag>
                <Tag color={r.sheets % 2 === 0 ? 'red' : 'default'}>{t('scoring.withdraw.count', { n: r.sheets })}</Tag>
              </Space>
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={open !== null}
        title={open ? t('scoring.withdraw.confirmTitle', { examiner: open.examinerName, name: open.name }) : ''}
        okText={t('scoring.withdraw.sign')}
        okButtonProps={{ danger: true, disabled: reason.trim() === '' || pin === '', loading: fe.busy, ...{ 'data-testid': 'withdraw-sign' } }}
        onOk={() => void withdraw()}
        onCancel={close}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('scoring.withdraw.confirmIntro')}</Typography.Paragraph>
        <Form layout="vertical" component="div" data-testid="withdraw-form">
          <Form.Item {...fe.item('reason')}>
            <Input.TextArea
              rows={3}
              maxLength={500}
              showCount
              placeholder={t('scoring.withdraw.reasonPlaceholder')}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                fe.touched(['reason']);
              }}
              data-testid="withdraw-reason"
            />
          </Form.Item>
          <Form.Item {...fe.item('pin')} style={{ marginBottom: 8 }}>
            <Input.Password
              size="large"
              inputMode="numeric"
              autoComplete="off"
              maxLength={64}
              value={pin}
              onChange={(e) => {
                setPin(e.target.value);
                fe.touched(['pin']);
              }}
              data-testid="withdraw-pin"
            />
          </Form.Item>
        </Form>
        <FormError text={fe.general} testId="withdraw-error" />
      </Modal>
    </Card>
  );
}
