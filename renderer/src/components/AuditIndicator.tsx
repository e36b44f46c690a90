import { SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { Badge, Button, Popover, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { OutputOf } from '../../../electron/commands/api';
import { call } from '../api/client';
import { errorData } from '../api/hooks';
import { useI18n } from '../i18n';

type Report = OutputOf<'audit.verify'>;

/** The header's light for the audit chain (A1): green when the last check passed. */
export function AuditIndicator() {
  const { t, te } = useI18n();
  const [report, setReport] = useState<Report | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const check = async () => {
    setBusy(true);
    try {
      setReport(await call('audit.verify', {}));
      setFailure(null);
    } catch (e) {
      setFailure(te(errorData(e)));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void check();
    const id = setInterval(() => void check(), 60_000);
    return () => clearInterval(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const state = report ? (report.ok ? 'ok' : 'bad') : 'unknown';
  const label = t(state === 'ok' ? 'audit.indicator.ok' : state === 'bad' ? 'audit.indicator.bad' : 'audit.indicator.unknown');
  const detail = !report
    ? failure
    : report.ok
      ? t('audit.verify.ok', { count: report.chain.count })
      : report.chain.firstBad
        ? t('audit.verify.bad', { seq: report.chain.firstBad.seq, reason: `@audit.bad.${report.chain.firstBad.reason}` })
        : t('audit.verify.integrity', { detail: report.integrity.join('; ') });
  return (
    <Popover
      content={
        <Space direction="vertical" style={{ maxWidth: 360 }}>
          <Typography.Text>{detail}</Typography.Text>
          {report && (
            <Typography.Text type="secondary" copyable={{ text: report.chain.headHash }}>
              {t('audit.head')}: {report.chain.headHash.slice(0, 16)}…
            </Typography.Text>
          )}
          <Button size="small" loading={busy} onClick={() => void check()}>
            {t('audit.verify')}
          </Button>
        </Space>
      }
    >
      <Button type="text" data-testid="audit-indicator" data-state={state} icon={state === 'bad' ? <WarningOutlined /> : <SafetyCertificateOutlined />}>
        <Badge status={state === 'ok' ? 'success' : state === 'bad' ? 'error' : 'default'} text={label} />
      </Button>
    </Popover>
  );
}
