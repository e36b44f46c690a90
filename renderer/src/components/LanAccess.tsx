// How a door tablet reaches this console with its camera: the https addresses to type, the
// certificate's fingerprint to compare aloud, the certificate to install once. On the About page,
// and on the door chooser when the page was opened over http (no secure context, no camera).
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import type { OutputOf } from '../../../electron/commands/api';
import { useQuery } from '../api/hooks';
import { useI18n } from '../i18n';
import { downloadBase64 } from './download';
import { httpsHere } from './httpsHere';

type LanInfo = OutputOf<'system.lanInfo'>;

const CERT_MIME = 'application/x-x509-ca-cert';

export { httpsHere };

function Fingerprint({ info, labelled = false }: { info: LanInfo; labelled?: boolean }) {
  const { t } = useI18n();
  if (!info.cert) return null;
  return (
    <div>
      {labelled && <Typography.Text strong>{t('lan.fingerprint')}</Typography.Text>}
      <pre data-testid="lan-fingerprint" style={{ fontSize: 18, lineHeight: 1.5, letterSpacing: 1, margin: '4px 0', fontFamily: 'ui-monospace, Consolas, monospace' }}>
        {info.cert.fingerprintGrouped}
      </pre>
      <Typography.Text type="secondary">{t('lan.fingerprint.hint')}</Typography.Text>
    </div>
  );
}

function DownloadCert({ info, size = 'middle' }: { info: LanInfo; size?: 'middle' | 'large' }) {
  const { t } = useI18n();
  const cert = info.cert;
  if (!cert) return null;
  return (
    <Button icon={<DownloadOutlined />} size={size} onClick={() => downloadBase64(cert.fileName, cert.derBase64, CERT_MIME)} data-testid="lan-download-cert">
      {t('lan.download')}
    </Button>
  );
}

/** The About page's card: every address, the fingerprint, the download and how to install. */
export function LanAccessCard() {
  const { t, lang } = useI18n();
  const q = useQuery('system.lanInfo', {});
  const info = q.data;
  return (
    <Card title={<Space><SafetyCertificateOutlined />{t('lan.title')}</Space>} loading={!info} style={{ marginTop: 16 }} data-testid="lan-card">
      {info && !info.serving && <Alert type="info" showIcon message={t('lan.notServing')} data-testid="lan-not-serving" />}
      {info?.serving && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {info.httpsPort === null && <Alert type="warning" showIcon message={t('lan.httpsOff')} />}
          {info.addresses.length === 0 && <Alert type="warning" showIcon message={t('lan.none')} />}
          <Descriptions column={1} bordered size="small" styles={{ label: { width: 210, whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label={t('lan.addresses')}>
              <Space direction="vertical" size={2}>
                {info.addresses.map((a) => (
                  <span key={a.ip} data-testid={`lan-address-${a.ip}`}>
                    {a.https && (
                      <Typography.Text strong copyable={{ text: a.https }} style={{ fontSize: 18 }} data-testid="lan-https-url">
                        {a.https}
                      </Typography.Text>
                    )}
                    <Typography.Text type="secondary" style={{ marginLeft: 16 }}>
                      {t('lan.http')} {a.http}
                    </Typography.Text>
                  </span>
                ))}
                <Typography.Text type="secondary">{t('lan.addresses.hint')}</Typography.Text>
              </Space>
            </Descriptions.Item>
            {info.cert && (
              <>
                <Descriptions.Item label={t('lan.fingerprint')}>
                  <Fingerprint info={info} />
                </Descriptions.Item>
                <Descriptions.Item label={t('lan.validTo')}>{new Date(info.cert.notAfter).toLocaleDateString(lang === 'zh-CN' ? 'zh-CN' : 'en-GB')}</Descriptions.Item>
                <Descriptions.Item label={t('lan.installLabel')}>
                  <Space direction="vertical">
                    <DownloadCert info={info} />
                    <Typography.Text type="secondary">
                      {t('lan.install', { url: info.addresses[0] ? `${info.addresses[0].http}${info.cert.downloadPath}` : info.cert.downloadPath })}
                    </Typography.Text>
                  </Space>
                </Descriptions.Item>
              </>
            )}
          </Descriptions>
        </Space>
      )}
    </Card>
  );
}

/** The door chooser over http: a warning that names the https address (big, for a tablet), the fingerprint and the certificate. */
export function DoorInsecureNotice() {
  const { t } = useI18n();
  const q = useQuery('system.lanInfo', {});
  const info = q.data;
  if (!info) return null;
  const url = httpsHere(info);
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="door-insecure"
      message={<span style={{ fontSize: 16, fontWeight: 600 }}>{t('lan.door.title')}</span>}
      description={
        url ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <span>{t('lan.door.body')}</span>
            <Space wrap>
              <Typography.Text copyable={{ text: url }} style={{ fontSize: 22, fontWeight: 600 }} data-testid="door-https-url">
                {url}
              </Typography.Text>
              <Button type="primary" size="large" href={url} data-testid="door-open-https">
                {t('lan.door.open')}
              </Button>
              <DownloadCert info={info} size="large" />
            </Space>
            <Fingerprint info={info} labelled />
          </Space>
        ) : (
          <span>{t('lan.door.noHttps')}</span>
        )
      }
    />
  );
}
