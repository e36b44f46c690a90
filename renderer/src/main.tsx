import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode, type ReactNode } from 'react';
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

function Localised({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} csp={nonce ? { nonce } : undefined} theme={{ token: { fontSize: 15 } }}>
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
