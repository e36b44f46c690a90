import { App as AntApp, ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale';
// the ES module (antd/locale/* is CommonJS and would bring a second copy of the picker locales);
// English antd words load only when English is chosen
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyStyleNonce } from './csp-nonce';
import { I18nProvider, setMessagesLoader, useI18n } from './i18n';
import { loadMessages } from './i18n/load';

// The page's CSP allows <style> only with this nonce (script-src stays 'self'); antd's CSS-in-JS uses it.
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
applyStyleNonce(nonce);
// the catalogue arrives by part and language (i18n/split.ts): the door's words first
setMessagesLoader(loadMessages);

// A tablet or PC set to reduce motion (an accessibility setting; battery savers set it too) gets
// antd without its animations: dialogs, menus and messages appear at once instead of zooming.
const REDUCE_MOTION = '(prefers-reduced-motion: reduce)';
function usePrefersReducedMotion(): boolean {
  const [reduce, setReduce] = useState(() => window.matchMedia?.(REDUCE_MOTION).matches ?? false);
  useEffect(() => {
    const q = window.matchMedia?.(REDUCE_MOTION);
    if (!q) return;
    const changed = () => setReduce(q.matches);
    q.addEventListener('change', changed);
    return () => q.removeEventListener('change', changed);
  }, []);
  return reduce;
}

function Localised({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  const reduceMotion = usePrefersReducedMotion();
  const [enUS, setEnUS] = useState<Locale | null>(null);
  useEffect(() => {
    if (lang === 'en' && !enUS) void import('antd/es/locale/en_US').then((m) => setEnUS(m.default));
  }, [lang, enUS]);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={lang === 'en' ? (enUS ?? zhCN) : zhCN} csp={nonce ? { nonce } : undefined} theme={{ token: { fontSize: 15, motion: !reduceMotion } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Localised>
        <App />
      </Localised>
    </I18nProvider>
  </StrictMode>,
);
