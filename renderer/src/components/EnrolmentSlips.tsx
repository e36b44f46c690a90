// Enrolment slips (S1): one per person, the code as text and as a QR that opens the enrolment page
// with the staff number and code filled in. The code is shown only here, right after it is issued.
import { Button, Card, Space, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { OutputOf } from '../../../electron/commands/api';
import { useI18n } from '../i18n';

export type Slip = OutputOf<'staff.issueEnrolment'>['slips'][number];

/** where the QR leads: this console's enrolment page, pre-filled */
export function enrolUrl(s: Pick<Slip, 'staffNo' | 'code'>): string {
  const base = `${window.location.origin}${window.location.pathname}`;
  return `${base}#/enrol?staffNo=${encodeURIComponent(s.staffNo)}&code=${encodeURIComponent(s.code)}`;
}

export function EnrolmentSlips({ slips, siteName }: { slips: Slip[]; siteName: string | null }) {
  const { t } = useI18n();
  const [qrs, setQrs] = useState<Record<number, string>>({});
  useEffect(() => {
    let live = true;
    void Promise.all(slips.map(async (s) => [s.staffId, await QRCode.toDataURL(enrolUrl(s), { margin: 1, width: 200, errorCorrectionLevel: 'M' })] as const)).then((pairs) => {
      if (live) setQrs(Object.fromEntries(pairs));
    });
    return () => {
      live = false;
    };
  }, [slips]);
  return (
    <div>
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => window.print()} data-testid="slips-print">
          {t('staff.code.print')}
        </Button>
      </Space>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))', gap: 12 }}>
        {slips.map((s) => (
          <Card key={s.staffId} size="small" title={`${t('slip.title')} · ${siteName ?? ''}`} style={{ breakInside: 'avoid' }} data-testid="enrol-slip">
            <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
              {qrs[s.staffId] ? <img src={qrs[s.staffId]} alt={t('enrol.code')} width={120} height={120} /> : <div style={{ width: 120, height: 120 }} />}
              <div>
                <Typography.Text strong style={{ fontSize: 18 }}>
                  {s.name}
                </Typography.Text>
                <div>
                  {t('signin.staffNo')}：{s.staffNo}
                </div>
                <div>
                  {t('enrol.code')}：
                  <Typography.Text code style={{ fontSize: 20, letterSpacing: 2, whiteSpace: 'nowrap' }} data-testid="slip-code">
                    {s.code}
                  </Typography.Text>
                </div>
                <div>
                  {t('slip.validOn')}：{s.validOn}
                </div>
              </div>
            </div>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
              {t('slip.note', { date: s.validOn })}
            </Typography.Paragraph>
          </Card>
        ))}
      </div>
    </div>
  );
}
