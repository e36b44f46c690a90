// The catalogue as the renderer downloads it (renderer/src/i18n/split.ts, scripts/vite/i18n-split.ts):
// the door's part carries every word the door's first load names, the two parts together are the
// whole catalogue in each language, and the build's modules hold exactly their part's keys.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enUS, zhCN } from '../../renderer/src/i18n/catalogue';
import { isDoorPath, partOf, PARTS } from '../../renderer/src/i18n/split';
import { i18nSplit, MESSAGES_ID } from '../../scripts/vite/i18n-split';

const MESSAGES = 'renderer/src/i18n/messages';
const zh = zhCN as Record<string, string>;
const en = enUS as Record<string, string>;

/** key → area (messages/<area>.ts) */
async function areas(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of readdirSync(MESSAGES).filter((n) => n.endsWith('.ts'))) {
    const m = (await import(`../../${MESSAGES}/${f}`)) as { zh: Record<string, string> };
    for (const k of Object.keys(m.zh)) out.set(k, f.slice(0, -3));
  }
  return out;
}

/** the renderer files a module reaches by static imports (lazy import() is a chunk of its own) */
function staticGraph(entries: string[]): string[] {
  const seen = new Set<string>();
  const stack = entries.map((e) => resolve(e));
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'(\.[^']+)'/gm)) {
      const base = resolve(dirname(file), m[1]!);
      const hit = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find(existsSync);
      if (hit && hit.includes('/renderer/src/') && !hit.includes('/i18n/')) stack.push(hit);
    }
  }
  return [...seen];
}

describe('the catalogue by part (door first)', () => {
  it("carries in the door's part every key the door's first load names, literal or by prefix", async () => {
    const areaOf = await areas();
    const files = staticGraph(['renderer/src/main.tsx', 'renderer/src/pages/door/DoorArea.tsx']);
    // the door screen itself is in the graph, and the shell around it
    expect(files.some((f) => f.endsWith('pages/door/DoorPage.tsx'))).toBe(true);
    expect(files.some((f) => f.endsWith('src/App.tsx'))).toBe(true);
    const outside: string[] = [];
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/['"`]([a-zA-Z][\w.]*\w)['"`]/g)) {
        const area = areaOf.get(m[1]!);
        if (area && partOf(area, m[1]!) !== 'door') outside.push(`${m[1]} (${f.replace(/.*renderer\/src\//, '')})`);
      }
      for (const m of src.matchAll(/`([a-zA-Z][\w.]*\.)\$\{/g)) {
        for (const [k, area] of areaOf) if (k.startsWith(m[1]!) && partOf(area, k) !== 'door') outside.push(`${k} (${m[1]}…, ${f.replace(/.*renderer\/src\//, '')})`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('splits each language into parts that together are the whole catalogue, each key in one part', async () => {
    const areaOf = await areas();
    expect(areaOf.size).toBe(Object.keys(zh).length);
    const plugin = i18nSplit(resolve(MESSAGES));
    const load = plugin.load as unknown as (this: { addWatchFile(f: string): void }, id: string) => Promise<string>;
    for (const [lang, whole] of [['zh-CN', zh], ['en', en]] as const) {
      const union: Record<string, string> = {};
      for (const part of PARTS) {
        const code = await load.call({ addWatchFile: () => undefined }, `\0${MESSAGES_ID}${part}/${lang}`);
        const table = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { default: Record<string, string> };
        const keys = Object.keys(table.default);
        expect(keys.length).toBeGreaterThan(0);
        // each key in its own part, in this language's words
        expect(keys.filter((k) => partOf(areaOf.get(k)!, k) !== part)).toEqual([]);
        for (const k of keys) {
          expect(union[k]).toBeUndefined();
          union[k] = table.default[k]!;
        }
      }
      expect(union).toEqual(whole);
    }
  });

  it("keeps the door's part small: the door's areas, the shell's words and the door's errors", async () => {
    const areaOf = await areas();
    const bytes = (part: string) => [...areaOf].filter(([k, a]) => partOf(a, k) === part).reduce((n, [k]) => n + k.length + Buffer.byteLength(zh[k]!), 0);
    // a catalogue cut in name only would carry (nearly) everything in the door's part
    expect(bytes('door')).toBeLessThan(bytes('rest'));
    expect(partOf('scoring', 'scoring.sheet.title')).toBe('rest');
    expect(partOf('door', 'door.clock')).toBe('door');
    expect(partOf('scoring', 'nav.scoring')).toBe('door');
  });

  it('loads the door part alone on door routes only', () => {
    expect(isDoorPath('/door')).toBe(true);
    expect(isDoorPath('/door/room/1/2')).toBe(true);
    expect(isDoorPath('/doors')).toBe(false);
    expect(isDoorPath('/')).toBe(false);
    expect(isDoorPath('/door-cases')).toBe(false);
  });
});
