// S5/S9 on the chief's review page: sheets signed by examiners replaced after submitting. The chief
// withdraws one with a reason and their PIN (the sheet stays on record, marked withdrawn), so the
// candidate's panel comes back to an odd number of sheets. Others see the list, not the button.
import { Alert, App, Button, Card, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { OutputOf } from '../../../../electron/commands/api';
import { call } from '../../api/client';
import { errorData, useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';

type Row = OutputOf<'scoring.withdraw.list'>[number];

export function WithdrawSheets() {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const { session } = useSession();
  const list = useQuery('scoring.withdraw.list', {}, { refreshMs: 15_000 });
  const [open, setOpen] = useState<Row | null>(null);
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canWithdraw = session.actor.role === 'chief_examiner';
  const rows = list.data ?? [];
  if (rows.length === 0) return null;

  const close = () => {
    setOpen(null);
    setReason('');
    setPin('');
    setError(null);
  };
  const withdraw = async () => {
    if (!open) return;
    setBusy(true);
    try {
      const r = await call('scoring.sheet.withdraw', { sheetId: open.sheetId, reason, pin });
      void message.success(t('scoring.withdraw.done', { left: r.sheetsLeft }));
      close();
      await list.reload();
    } catch (e) {
      setError(te(errorData(e)));
      setPin('');
    } finally {
      setBusy(false);
    }
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
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 || pin.length === 0, loading: busy, ...{ 'data-testid': 'withdraw-sign' } }}
        onOk={() => void withdraw()}
        onCancel={close}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>{t('scoring.withdraw.confirmIntro')}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} data-testid="withdraw-error" />}
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('scoring.withdraw.reasonPlaceholder')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="withdraw-reason" />
          <Input.Password size="large" inputMode="numeric" autoComplete="off" placeholder={t('scoring.withdraw.pin')} value={pin} onChange={(e) => setPin(e.target.value)} data-testid="withdraw-pin" />
        </Space>
      </Modal>
    </Card>
  );
}
