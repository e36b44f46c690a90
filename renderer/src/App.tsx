import { GlobalOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Drawer, Grid, Layout, Menu, Space, Spin, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { call, getToken, onAuthLost, setToken } from './api/client';
import { errorData } from './api/hooks';
import { AuditIndicator } from './components/AuditIndicator';
import { DemoClockTag } from './components/DemoClockTag';
import { useI18n } from './i18n';
import type { VaultStatus } from '../../electron/commands/api';
import { ChangePin } from './components/ChangePin';
import { roleKey } from './roles';
import { navigate, usePath } from './router';
import { menuItems } from './nav';
import { allowed, routeFor } from './routes';
import { SessionCtx, type Session } from './session';
import { offlineSession, rememberSession } from './offline/session';
import './shell.css';

type Phase =
  | { kind: 'loading' }
  | { kind: 'locked'; status: VaultStatus }
  | { kind: 'setup' }
  | { kind: 'recovery'; code: string; siteName: string }
  | { kind: 'restore' }
  | { kind: 'signIn'; siteName: string | null; notice: string | null }
  | { kind: 'in'; session: Session }
  | { kind: 'down'; message: string };

// first start and sign-in are chunks of their own: a door tablet holding a token loads neither
const SetupPage = lazy(() => import('./pages/SetupPage').then((m) => ({ default: m.SetupPage })));
const SignInPage = lazy(() => import('./pages/SignInPage').then((m) => ({ default: m.SignInPage })));
const EnrolPage = lazy(() => import('./pages/EnrolPage').then((m) => ({ default: m.EnrolPage })));
// the vault's pages: a locked console, the recovery code after setup, a restore on a fresh install
const UnlockPage = lazy(() => import('./pages/records/UnlockPage').then((m) => ({ default: m.UnlockPage })));
const RestorePage = lazy(() => import('./pages/records/RestorePage').then((m) => ({ default: m.RestorePage })));
// a door device opening the pairing QR is usually not signed in yet
const PairPage = lazy(() => import('./pages/devices/PairPage').then((m) => ({ default: m.PairPage })));
const RecoveryCodeCard = lazy(() => import('./pages/records/RecoveryCodeCard').then((m) => ({ default: m.RecoveryCodeCard })));

export function App() {
  const { t, te, lang, setLang } = useI18n();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [drawer, setDrawer] = useState(false);
  const path = usePath();
  // below lg (992 px: phones, portrait tablets) the menu is a drawer over the page, not a column beside it
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? window.innerWidth >= 992;
  const narrow = !(screens.sm ?? window.innerWidth >= 576);
  useEffect(() => setDrawer(false), [path, wide]);

  const load = useCallback(async (notice: string | null = null) => {
    try {
      // an encrypted console waits for its recovery code before anything else
      const vault = await call('vault.status', {});
      if (vault.state === 'locked') return setPhase({ kind: 'locked', status: vault });
      const status = await call('setup.status', {});
      if (status.needsSetup) return setPhase({ kind: 'setup' });
      if (getToken()) {
        try {
          const session = await call('auth.me', {});
          rememberSession(session);
          return setPhase({ kind: 'in', session });
        } catch {
          setToken(null);
        }
      }
      setPhase({ kind: 'signIn', siteName: status.siteName, notice });
    } catch (e) {
      // a paired door device reloaded offline goes on with the session the console last confirmed
      const offline = await offlineSession(e);
      if (offline) return setPhase({ kind: 'in', session: offline });
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
    <Button type="text" icon={<GlobalOutlined />} onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')} title={t('lang.switch')} aria-label={t('lang.switch')} data-testid="lang-switch">
      {narrow ? null : t('lang.switch')}
    </Button>
  );

  if (phase.kind === 'loading') return <Spin size="large" style={{ display: 'block', marginTop: 120 }} />;
  // plain alerts, not antd's Result: its illustrations would weigh on every first load
  if (phase.kind === 'down') return <Alert type="error" showIcon message={phase.message} style={{ margin: 48 }} />;
  if (phase.kind !== 'in') {
    return (
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header className="shell-header">
          <Typography.Title level={4} style={{ margin: 0 }} className="shell-title">
            {t('app.name')} <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
          </Typography.Title>
          {langButton}
        </Layout.Header>
        <Layout.Content>
          <Suspense fallback={<Spin size="large" style={{ display: 'block', marginTop: 80 }} />}>
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
            ) : path.startsWith('/pair') ? (
              <PairPage />
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
          </Suspense>
        </Layout.Content>
      </Layout>
    );
  }

  const { session } = phase;
  const role = session.actor.role;
  const route = routeFor(path);
  const Page = route && allowed(route, role) ? route.component : null;
  const nav = <Menu mode="inline" selectedKeys={[route?.path ?? '/']} items={menuItems(role, t)} onClick={(e) => navigate(e.key)} style={{ borderInlineEnd: 0 }} />;
  return (
    <SessionCtx.Provider value={{ session, signOut: () => void signOut() }}>
      <Layout style={{ minHeight: '100vh' }}>
        {wide && (
          <Layout.Sider theme="light" width={200} className="shell-sider">
            <div style={{ height: 64, display: 'flex', alignItems: 'center', padding: '0 24px' }}>
              <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
                {t('app.name')}
              </Typography.Title>
            </div>
            {nav}
          </Layout.Sider>
        )}
        {!wide && (
          <Drawer placement="left" open={drawer} onClose={() => setDrawer(false)} size={260} title={t('app.name')} styles={{ body: { padding: 0 } }} data-testid="menu-drawer">
            {nav}
          </Drawer>
        )}
        <Layout style={{ minWidth: 0 }}>
          <Layout.Header className="shell-header">
            <div className="shell-left">
              {!wide && <Button icon={<MenuOutlined />} onClick={() => setDrawer(true)} aria-label={t('shell.menu.open')} title={t('shell.menu.open')} data-testid="menu-open" />}
              <Typography.Text strong ellipsis={{ tooltip: session.siteName }} className="shell-site">
                {session.siteName}
              </Typography.Text>
            </div>
            <Space size={narrow ? 2 : 8} wrap={false} style={{ flex: '0 0 auto' }}>
              <DemoClockTag role={role} />
              <AuditIndicator compact={narrow} />
              <Typography.Text data-testid="whoami" ellipsis className="shell-whoami">
                {session.actor.name}
                {narrow ? '' : ` · ${t(roleKey(role))}`}
              </Typography.Text>
              <ChangePin compact={narrow} />
              {langButton}
              <Button icon={<LogoutOutlined />} onClick={() => void signOut()} title={t('signout')} aria-label={t('signout')} data-testid="sign-out">
                {narrow ? null : t('signout')}
              </Button>
            </Space>
          </Layout.Header>
          <Layout.Content className="shell-content">
            {/* each page is its own chunk (routes.tsx): a spinner while a tablet fetches it the first time */}
            <Suspense fallback={<Spin size="large" style={{ display: 'block', marginTop: 80 }} data-testid="page-loading" />}>{Page ? <Page /> : <Alert type="warning" showIcon message={t('shell.notFound')} data-testid="not-found" />}</Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </SessionCtx.Provider>
  );
}
