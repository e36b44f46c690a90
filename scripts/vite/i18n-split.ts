// The catalogue as the renderer downloads it: `virtual:esc-messages/<part>/<lang>` holds the
// messages of one part (renderer/src/i18n/split.ts) in one language, as JSON, built from the
// messages/*.ts files as they are (their content and shape stay the areas' own). The door's first
// load then carries its own words in the user's language only; the rest and the other language
// are chunks of their own, loaded on demand (renderer/src/i18n/load.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformWithOxc, type Plugin } from 'vite';
import { partOf, PARTS, type Part } from '../../renderer/src/i18n/split';

export const MESSAGES_ID = 'virtual:esc-messages/';
const LANGS = ['zh-CN', 'en'] as const;

interface AreaMessages {
  zh: Record<string, string>;
  en: Record<string, string>;
}

/** one area's module, compiled and run (the files import nothing and only declare two objects) */
async function evaluate(file: string): Promise<AreaMessages> {
  const { code } = await transformWithOxc(readFileSync(file, 'utf8'), file, { lang: 'ts' });
  const mod = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Partial<AreaMessages>;
  if (!mod.zh || !mod.en) throw new Error(`${file}: 需要导出 zh 与 en / must export zh and en`);
  return { zh: mod.zh, en: mod.en };
}

export function i18nSplit(messagesDir: string): Plugin {
  return {
    name: 'esc-i18n-split',
    resolveId(id) {
      return id.startsWith(MESSAGES_ID) ? `\0${id}` : null;
    },
    async load(id) {
      if (!id.startsWith(`\0${MESSAGES_ID}`)) return null;
      const [part, lang] = id.slice(MESSAGES_ID.length + 1).split('/') as [Part, (typeof LANGS)[number]];
      if (!PARTS.includes(part) || !LANGS.includes(lang)) throw new Error(`unknown messages module ${id}`);
      const out: Record<string, string> = {};
      for (const f of readdirSync(messagesDir).filter((n) => n.endsWith('.ts')).sort()) {
        const file = join(messagesDir, f);
        this.addWatchFile(file);
        const area = f.slice(0, -3);
        const { zh, en } = await evaluate(file);
        for (const [k, v] of Object.entries(lang === 'en' ? en : zh)) if (partOf(area, k) === part) out[k] = v;
      }
      // JSON.parse of one string parses faster than an object literal of the same size
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(out))});`;
    },
  };
}
