import { Button, Space, Typography } from 'antd';
import { useI18n } from '../../../i18n';
import type { Verdict } from './types';

/**
 * The buttons under a verdict: confirm or admit as doubtful on green, late admission after the
 * cut-off, next. While a next code is held (PendingNotice offers confirm and dismiss) only the doubtful admission stays here.
 */
export function VerdictActions({ verdict, busy, held = false, onConfirm, onDoubt, onLate, onNext }: { verdict: Verdict; busy: boolean; held?: boolean; onConfirm: () => void; onDoubt: () => void; onLate: () => void; onNext: () => void }) {
  const { t } = useI18n();
  return (
    <Space style={{ marginTop: 10 }} wrap>
      {verdict.code === 'ok' && (
        <>
          {!held && (
            <Button type="primary" size="large" style={{ height: 56, minWidth: 200, fontSize: 20, background: '#389e0d' }} loading={busy} onClick={onConfirm} data-testid="confirm">
              {t('door.confirm')}
            </Button>
          )}
          <Button size="large" style={{ height: 56 }} onClick={onDoubt} data-testid="doubtful">
            {t('door.doubtful')}
          </Button>
        </>
      )}
      {verdict.code === 'entry_closed' && (
        <Button size="large" danger style={{ height: 56 }} onClick={onLate} data-testid="late-admit">
          {t('door.lateAdmit')}
        </Button>
      )}
      {!held && (
        <Button size="large" style={{ height: 56 }} onClick={onNext} data-testid="next">
          {t('door.next')}
        </Button>
      )}
      {verdict.code === 'ok' && !held && <Typography.Text type="secondary">{t('door.confirmHint')}</Typography.Text>}
    </Space>
  );
}
