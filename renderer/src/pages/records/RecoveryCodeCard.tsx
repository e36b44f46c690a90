// The recovery code, shown once: read, printed (a sheet of its own), confirmed. Setup shows it
// before the first sign-in; a plain database encrypted at start shows it on the site head's home.
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import './records.css';

export function printRecovery(): void {
  document.body.classList.add('printing-recovery');
  const done = () => {
    document.body.classList.remove('printing-recovery');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

export function RecoverySheet({ code, siteName }: { code: string; siteName: string | null }) {
  const { t } = useI18n();
  return (
    <div className="recovery-sheet" data-testid="recovery-sheet">
      <h2>{t('recovery.printTitle')}</h2>
      {siteName && <p>{t('recovery.printSite', { site: siteName })}</p>}
      <p>{t('recovery.printDate', { date: new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) })}</p>
      <div className="recovery-code">{code}</div>
      <p>{t('recovery.printNote')}</p>
    </div>
  );
}

export function RecoveryCodeCard({ code, siteName, onDone, doneKey = 'recovery.continue' }: { code: string; siteName: string | null; onDone(): void; doneKey?: 'recovery.continue' | 'recovery.pending.ack' }) {
  const { t } = useI18n();
  const [confirmed, setConfirmed] = useState(false);
  return (
    <>
      <div className="recovery-screen">
        <Alert type="warning" showIcon message={t('recovery.intro')} style={{ marginBottom: 16 }} />
        <Typography.Text type="secondary">{t('recovery.code')}</Typography.Text>
        <div className="recovery-code" data-testid="recovery-code">
          {code}
        </div>
        <Space direction="vertical" style={{ marginTop: 16, width: '100%' }}>
          <Button icon={<PrinterOutlined />} onClick={printRecovery} data-testid="recovery-print">
            {t('recovery.print')}
          </Button>
          <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="recovery-confirm">
            {t('recovery.confirm')}
          </Checkbox>
          <Button type="primary" block size="large" disabled={!confirmed} onClick={onDone} data-testid="recovery-continue">
            {t(doneKey)}
          </Button>
        </Space>
      </div>
      <RecoverySheet code={code} siteName={siteName} />
    </>
  );
}
