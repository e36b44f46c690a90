import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ErrorData } from '../../../electron/commands/api';
import { enUS, zhCN, type MessageKey } from './catalogue';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };
type Params = Record<string, string | number>;

function tableOf(lang: Lang): Record<string, string> {
  return lang === 'en' ? enUS : zhCN;
}

/**
 * Fills {name} placeholders. A parameter whose value starts with '@' names a catalogue key (a
 * service passes a word, e.g. '@batch.status.sealed', never the word itself) and is worded too.
 */
export function format(template: string, params?: Params, lang: Lang = 'zh-CN'): string {
  if (!params) return template;
  const table = tableOf(lang);
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    if (!(k in params)) return m;
    const v = params[k];
    if (typeof v === 'string' && v.startsWith('@')) return table[v.slice(1)] ?? v.slice(1);
    return String(v);
  });
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const table: Record<MessageKey, string> = lang === 'en' ? enUS : zhCN;
  return format(table[key], params, lang);
}

/** Whether the catalogue has a key (for codes that arrive from a service at run time). */
export function hasKey(key: string): key is MessageKey {
  return key in zhCN;
}

/**
 * Words a coded message from a service: `error.<reason>` (or `<prefix><reason>`) with its params;
 * falls back to the code's general wording, so an unknown reason still reads as a sentence.
 */
export function describeError(lang: Lang, e: ErrorData): string {
  const table = tableOf(lang);
  if (e.reason === 'input.invalid' && Array.isArray(e.details)) return describeInvalid(lang, e.details as unknown[]);
  if (e.reason) {
    const t = table[`error.${e.reason}`];
    if (t !== undefined) return format(t, e.params, lang);
  }
  if (!e.reason && e.message) return lang === 'en' ? e.messageEn : e.message;
  return table[`error.code.${e.code}`] ?? table['error.code.INTERNAL'] ?? e.code;
}

/**
 * A refused input, field by field: each named by the label the form shows (`field.<name>`, the last
 * part of its path), never by its code name; a message that already names its field stands alone.
 */
function describeInvalid(lang: Lang, details: unknown[]): string {
  const table = tableOf(lang);
  const parts = details.map((d) => {
    const issue = d as { path?: unknown; message?: unknown };
    const message = typeof issue.message === 'string' ? issue.message : '';
    const name = typeof issue.path === 'string' ? issue.path.split('.').filter((p) => !/^\d+$/.test(p)).pop() : undefined;
    const label = name ? table[`field.${name}`] : undefined;
    // the schema's own messages are Chinese: English names the fields only
    if (lang === 'en') return label ?? '';
    if (!label || message.includes(label)) return message || label || '';
    return `${label}：${message}`;
  });
  const summary = [...new Set(parts.filter(Boolean))].join(lang === 'en' ? ', ' : '；');
  if (!summary) return table['error.code.BAD_INPUT']!;
  return format(table['error.input.invalidFields']!, { summary }, lang);
}

/** Words an issue in a list (readiness, problems) by its reason under the given prefix. */
export function describeIssue(lang: Lang, issue: { reason: string; params?: Params }, prefix = 'issue.'): string {
  const t = tableOf(lang)[`${prefix}${issue.reason}`];
  return t !== undefined ? format(t, issue.params, lang) : issue.reason;
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
      te: (e) => describeError(lang, e),
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
