import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ErrorData } from '../../../electron/commands/api';
import { enUS, zhCN, type MessageKey } from './catalogue';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };
type Params = Record<string, string | number>;

export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const table: Record<MessageKey, string> = lang === 'en' ? enUS : zhCN;
  return format(table[key], params);
}

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Params): string;
  /** an error from the console, in the UI's language */
  te(error: ErrorData): string;
}

const Ctx = createContext<I18n | null>(null);
const LANG_KEY = 'esc.lang';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN'));
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(LANG_KEY, l);
    document.documentElement.lang = l;
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      te: (e) => (lang === 'en' ? e.messageEn : e.message),
    }),
    [lang, setLang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
