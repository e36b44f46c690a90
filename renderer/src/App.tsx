import { GlobalOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Card, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { call, getToken, onAuthLost, setToken } from './api/client';
import { errorData } from './api/hooks';
import { AuditIndicator } from './components/AuditIndicator';
import { DemoClockTag } from './components/DemoClockTag';
import { useI18n } from './i18n';
import { SetupPage } from './pages/SetupPage';
import { RecoveryCodeCard } from './pages/records/RecoveryCodeCard';
import { RestorePage } from './pages/records/RestorePage';
import { UnlockPage } from './pages/records/UnlockPage';
import type { VaultStatus } from '../../electron/commands/api';
import { SignInPage } from './pages/SignInPage';
import { EnrolPage } from './pages/EnrolPage';
import { ChangePin } from './components/ChangePin';
import { roleKey } from './roles';
import { navigate, usePath } from './router';
import { allowed, routeFor, routes } from './routes';
import { SessionCtx, type Session } from './session';

type Phase =
  | { kind: 'loading' }
  | { kind: 'locked'; status: VaultStatus }
  | { kind: 'setup' }
  | { kind: 'recovery'; code: string; siteName: string }
  | { kind: 'restore' }
  | { kind: 'signIn'; siteName: string | null; notice: string | null }
  | { kind: 'in'; session: Session }
  | { kind: 'down'; message: string };

export function App() {
  const { t, te, lang, setLang } = useI18n();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const path = usePath();

  const load = useCallback(async (notice: string | null = null) => {
    try {
      // an encrypted console waits for its recovery code before anything else
      const vault = await call('vault.status', {});
      if (vault.state === 'locked') return setPhase({ kind: 'locked', status: vault });
      const status = await call('setup.status', {});
      if (status.needsSetup) return setPhase({ kind: 'setup' });
      if (getToken()) {
        try {
          return setPhase({ kind: 'in', session: await call('auth.me', {}) });
        } catch {
          setToken(null);
        }
      }
      setPhase({ kind: 'signIn', siteName: status.siteName, notice });
    } catch (e) {
      setPhase({ kind: 'down', message: te(errorData(e)) });
    }
  }, [te]);

  useEffect(() => {
    void load();
    return onAuthLost(() => void load(t('signin.expired')));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const signOut = useCallback(async () => {
    try {
      await call('auth.signOut', {});
    } finally {
      setToken(null);
      navigate('/');
      void load();
    }
  }, [load]);

  const langButton = (
    <Button type="text" icon={<GlobalOutlined />} onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')} data-testid="lang-switch">
      {t('lang.switch')}
    </Button>
  );

  if (phase.kind === 'loading') return <Spin size="large" style={{ display: 'block', marginTop: 120 }} />;
  if (phase.kind === 'down') return <Result status="error" title={phase.message} />;
  if (phase.kind !== 'in') {
    return (
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#fff' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('app.name')} <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
          </Typography.Title>
          {langButton}
        </Layout.Header>
        <Layout.Content>
          {phase.kind === 'locked' ? (
            <UnlockPage status={phase.status} onUnlocked={() => void load()} />
          ) : phase.kind === 'setup' ? (
            <SetupPage
              onDone={(r) => (r.recoveryCode ? setPhase({ kind: 'recovery', code: r.recoveryCode, siteName: r.siteName }) : void load(t('setup.done')))}
              onRestore={() => setPhase({ kind: 'restore' })}
            />
          ) : phase.kind === 'recovery' ? (
            <Card title={t('recovery.title')} style={{ maxWidth: 640, margin: '48px auto' }} data-testid="recovery-step">
              <RecoveryCodeCard code={phase.code} siteName={phase.siteName} onDone={() => void load(t('setup.done'))} />
            </Card>
          ) : phase.kind === 'restore' ? (
            <RestorePage onBack={() => setPhase({ kind: 'setup' })} onRestored={(notice) => void load(notice)} />
          ) : path.startsWith('/enrol') ? (
            <EnrolPage
              path={path}
              onDone={() => {
                navigate('/');
                void load(t('enrol.done'));
              }}
              onBack={() => navigate('/')}
            />
          ) : (
            <SignInPage siteName={phase.siteName} notice={phase.notice} onSignedIn={() => void load()} />
          )}
        </Layout.Content>
      </Layout>
    );
  }

  const { session } = phase;
  const role = session.actor.role;
  const route = routeFor(path);
  const Page = route && allowed(route, role) ? route.component : null;
  const menu = routes.filter((r) => r.menu && allowed(r, role));
  return (
    <SessionCtx.Provider value={{ session, signOut: () => void signOut() }}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={200}>
          <div style={{ height: 64, display: 'flex', alignItems: 'center', padding: '0 24px' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
          </div>
          <Menu
            mode="inline"
            selectedKeys={[route?.path ?? '/']}
            items={menu.map((r) => ({ key: r.path, label: t(r.labelKey) }))}
            onClick={(e) => navigate(e.key)}
          />
        </Layout.Sider>
        <Layout>
          <Layout.Header style={{ background: '#fff', padding: '0 16px', display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
            <Typography.Text strong>{session.siteName}</Typography.Text>
            <Space>
              <DemoClockTag role={role} />
              <AuditIndicator />
              <Typography.Text data-testid="whoami">
                {session.actor.name} · {t(roleKey(role))}
              </Typography.Text>
              <ChangePin />
              {langButton}
              <Button icon={<LogoutOutlined />} onClick={() => void signOut()} data-testid="sign-out">
                {t('signout')}
              </Button>
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: 16 }}>{Page ? <Page /> : <Result status="404" />}</Layout.Content>
        </Layout>
      </Layout>
    </SessionCtx.Provider>
  );
}
