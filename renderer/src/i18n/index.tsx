import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ErrorData } from '../../../electron/commands/api';
import { currentPath, usePath } from '../router';
import type { MessageKey } from './catalogue';
import { isDoorPath, PARTS, type Part } from './split';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };
type Params = Record<string, string | number>;
type Table = Record<string, string>;

// The words in each language as far as they are loaded: the renderer loads the catalogue by part
// (i18n/split.ts: the door's first, the rest when a page outside the door opens) and by language;
// Node (tests, scripts) installs the whole catalogue at once (installCatalogue).
const tables: Record<Lang, Table> = { 'zh-CN': {}, en: {} };
const loadedParts: Record<Lang, Set<Part>> = { 'zh-CN': new Set(), en: new Set() };
const loading = new Map<string, Promise<void>>();
const listeners = new Set<() => void>();
export type MessagesLoader = (lang: Lang, part: Part) => Promise<Table>;
let loader: MessagesLoader | null = null;

/** The renderer's way to fetch a part (main.tsx: i18n/load.ts), set once before the first render. */
export function setMessagesLoader(load: MessagesLoader): void {
  loader = load;
}

function tableOf(lang: Lang): Table {
  return tables[lang];
}

/** The whole catalogue at once (Node: tests and scripts word codes without a build). */
export function installCatalogue(zh: Table, en: Table): void {
  Object.assign(tables['zh-CN'], zh);
  Object.assign(tables.en, en);
  for (const p of PARTS) {
    loadedParts['zh-CN'].add(p);
    loadedParts.en.add(p);
  }
}

function isLoaded(lang: Lang, parts: readonly Part[]): boolean {
  return parts.every((p) => loadedParts[lang].has(p));
}

/** Loads a part in a language once; the provider re-renders when it arrives. */
function ensurePart(lang: Lang, part: Part): Promise<void> {
  if (loadedParts[lang].has(part) || !loader) return Promise.resolve();
  const key = `${part}/${lang}`;
  let p = loading.get(key);
  if (!p) {
    p = loader(lang, part).then((t) => {
      Object.assign(tables[lang], t);
      loadedParts[lang].add(part);
      for (const l of listeners) l();
    });
    p.catch(() => loading.delete(key)); // a later call tries again
    loading.set(key, p);
  }
  return p;
}

function partsFor(path: string): Part[] {
  return isDoorPath(path) ? ['door'] : ['door', 'rest'];
}

/**
 * A key not loaded yet (a door dialog naming another area's words, a page opened before its part
 * arrived): the rest of the language loads, the provider re-renders, the word shows; until then it is blank.
 */
function missing(lang: Lang, key: string): string {
  if (loader && !loadedParts[lang].has('rest')) {
    void ensurePart(lang, 'rest').catch(() => undefined);
    return '';
  }
  return key;
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
  const template = tableOf(lang)[key];
  return template === undefined ? missing(lang, key) : format(template, params, lang);
}

/** Whether the catalogue has a key (for codes that arrive from a service at run time). */
export function hasKey(key: string): key is MessageKey {
  return key in tables['zh-CN'] || key in tables.en;
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
/** the one sentence that cannot come from the catalogue: the catalogue itself did not arrive */
const LOAD_FAILED = '无法加载界面文字，请检查网络后刷新。 / The interface text could not be loaded: check the network and reload.';
const LANG_KEY = 'esc.lang';

/**
 * The UI's language and words, the catalogue fetched by part (setMessagesLoader): the page shows once the parts its route needs have arrived (the door: its own part only), other
 * parts load as the route changes, and a language switch takes effect once that language has loaded.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN'));
  const [version, setVersion] = useState(0);
  const [failed, setFailed] = useState(false);
  const shown = useRef(false);
  const path = usePath();
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    listeners.add(bump);
    return () => void listeners.delete(bump);
  }, []);
  useEffect(() => {
    Promise.all(partsFor(path).map((p) => ensurePart(lang, p))).catch(() => setFailed(true));
  }, [lang, path]);
  const setLang = useCallback((l: Lang) => {
    const apply = () => {
      localStorage.setItem(LANG_KEY, l);
      document.documentElement.lang = l;
      setLangState(l);
    };
    // the words first, then the switch: the page never shows a language half-loaded
    Promise.all(partsFor(currentPath()).map((p) => ensurePart(l, p))).then(apply, () => setFailed(true));
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      te: (e) => describeError(lang, e),
    }),
    // version: a part arrived, the same keys now have words
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lang, setLang, version],
  );
  if (!shown.current) {
    if (failed) return <p role="alert">{LOAD_FAILED}</p>;
    if (!isLoaded(lang, partsFor(path))) return null;
    shown.current = true;
  }
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
