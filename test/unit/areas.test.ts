// The service areas form no cycle (scripts/areas.ts): the script finds a planted cycle and a core
// that imports an area, in a real folder of sources.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { areaGraph, problems } from '../../scripts/areas';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'areas-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('service areas', () => {
  it('an order without cycles passes; the edges are listed', () => {
    const g = areaGraph(tree({ 'errors.ts': 'export const e = 1;\n', 'plan/a.ts': "import { e } from '../errors';\nexport const a = e;\n", 'draw/b.ts': "import { a } from '../plan/a';\nexport const b = a;\n" }));
    expect(problems(g)).toEqual([]);
    expect([...g.get('draw')!.keys()]).toEqual(['plan']);
  });

  it('a planted cycle between two areas fails, naming both', () => {
    const g = areaGraph(
      tree({
        'seal/a.ts': "import { b } from '../sync/b';\nexport const a = b;\n",
        'sync/b.ts': "export { c as b } from '../seal/c';\n",
        'seal/c.ts': 'export const c = 1;\n',
      }),
    );
    expect(problems(g)).toEqual(['cycle: seal ⇄ sync']);
  });

  it('a cycle through three areas and a type-only import count too', () => {
    const g = areaGraph(
      tree({
        'a/x.ts': "import type { Y } from '../b/y';\nexport type X = Y;\n",
        'b/y.ts': "import { z } from '../c/z';\nexport type Y = typeof z;\n",
        'c/z.ts': "export const z = await import('../a/x');\n",
      }),
    );
    expect(problems(g)).toEqual(['cycle: a ⇄ b ⇄ c']);
  });

  it('the core may not import an area', () => {
    const g = areaGraph(tree({ 'errors.ts': "import { p } from './plan/p';\nexport const e = p;\n", 'plan/p.ts': 'export const p = 1;\n' }));
    expect(problems(g)).toEqual(['the core imports the plan area (errors.ts)']);
  });
});
