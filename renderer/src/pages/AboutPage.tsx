import { Card, Descriptions } from 'antd';
import { useQuery } from '../api/hooks';
import { useI18n } from '../i18n';
import { LanAccessCard } from '../components/LanAccess';

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const KEY_SOURCE = {
  new: 'about.keySource.new',
  env: 'about.keySource.env',
  recovery: 'about.keySource.recovery',
  keystore: 'about.keySource.keystore',
  given: 'about.keySource.given',
} as const;

export function AboutPage() {
  const { t } = useI18n();
  const about = useQuery('system.about', {});
  const a = about.data;
  const key = useQuery('seal.siteKey', {});
  return (
    <>
      <Card title={t('about.title')} loading={!a}>
        {a && (
          <Descriptions column={1} bordered size="small" data-testid="about">
            <Descriptions.Item label={t('about.version')}>{a.version}</Descriptions.Item>
            <Descriptions.Item label={t('about.shell')}>{t(window.examConsole ? 'about.shell.electron' : 'about.shell.browser')}</Descriptions.Item>
            <Descriptions.Item label={t('about.dataDir')}>{a.dataDir}</Descriptions.Item>
            <Descriptions.Item label={t('about.dbFile')}>{a.dbFile}</Descriptions.Item>
            <Descriptions.Item label={t('about.dbSize')}>{bytes(a.dbBytes)}</Descriptions.Item>
            <Descriptions.Item label={t('about.staffCount')}>{a.staffCount}</Descriptions.Item>
            <Descriptions.Item label={t('about.siteKey')}>
              <code data-testid="site-key-fingerprint">{key.data?.fingerprintGrouped ?? '…'}</code>
            </Descriptions.Item>
            <Descriptions.Item label={t('about.encryption')}>
              <span data-testid="about-encryption">
                {a.encryption ? t('about.encryption.on', { cipher: a.encryption.cipher, source: t(KEY_SOURCE[a.encryption.keySource]) }) : t('about.encryption.off')}
              </span>
            </Descriptions.Item>
            {a.encryption && (
              <Descriptions.Item label={t('about.keystore')}>
                {a.encryption.keystore.backend === null
                  ? t('about.keystore.none')
                  : a.encryption.keystore.usable && a.encryption.keystore.wrapped
                    ? t('about.keystore.wrapped', { backend: a.encryption.keystore.backend })
                    : t('about.keystore.refused', { backend: a.encryption.keystore.backend })}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('about.runtime')}>
              {[`Node ${a.node}`, a.electron ? `Electron ${a.electron}` : null, `SQLite ${a.sqlite}`, a.platform].filter(Boolean).join(' · ')}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      {/* tablets at the doors reach this console over the LAN: how, and with which certificate */}
      <LanAccessCard />
    </>
  );
}
