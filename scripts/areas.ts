// The import graph between service areas (electron/services/<area>/): prints each edge with the
// files behind it and exits 1 when the areas form a cycle. The files directly under
// electron/services (context, errors, audit, batch…) are the core every area may use; the core
// imports no area. `npm run areas`; test/unit/areas.test.ts runs it on the tree and on planted cycles.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Graph = Map<string, Map<string, string[]>>;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : /\.tsx?$/.test(p) ? [p] : [];
  });
}

/** The area of a file under the services root: its first folder, or 'core' for the files at the root. */
function areaOf(servicesRoot: string, file: string): string | null {
  const rel = relative(servicesRoot, file);
  if (rel.startsWith('..')) return null;
  const parts = rel.split(/[\\/]/);
  return parts.length === 1 ? 'core' : parts[0]!;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Edges area → area (with the importing files), from the sources under servicesRoot. */
export function areaGraph(servicesRoot: string): Graph {
  const graph: Graph = new Map();
  for (const file of tsFiles(servicesRoot)) {
    const from = areaOf(servicesRoot, file)!;
    if (!graph.has(from)) graph.set(from, new Map());
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2]!;
      if (!spec.startsWith('.')) continue;
      const to = areaOf(servicesRoot, resolve(dirname(file), spec));
      if (!to || to === from) continue;
      const edges = graph.get(from)!;
      edges.set(to, [...(edges.get(to) ?? []), relative(servicesRoot, file)]);
    }
  }
  return graph;
}

/** The strongly connected groups of more than one area (Tarjan), and self-contained cycles. */
export function cycles(graph: Graph): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const nodes = new Set<string>([...graph.keys(), ...[...graph.values()].flatMap((e) => [...e.keys()])]);
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) out.push(group.sort());
    }
  };
  for (const v of [...nodes].sort()) if (!idx.has(v)) visit(v);
  return out;
}

/** What is wrong with a graph: cycles between areas, and the core importing an area. */
export function problems(graph: Graph): string[] {
  const out = cycles(graph).map((c) => `cycle: ${c.join(' ⇄ ')}`);
  for (const [to, files] of graph.get('core') ?? []) out.push(`the core imports the ${to} area (${[...new Set(files)].join(', ')})`);
  return out;
}

export function report(graph: Graph): string {
  const lines: string[] = [];
  for (const [from, edges] of [...graph].sort(([a], [b]) => a.localeCompare(b))) {
    for (const [to, files] of [...edges].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`${from} → ${to}  (${[...new Set(files)].join(', ')})`);
    }
  }
  return lines.join('\n');
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = resolve(process.argv[2] ?? 'electron/services');
  const graph = areaGraph(root);
  console.log(report(graph));
  const found = problems(graph);
  const areas = [...graph.keys()].length;
  if (found.length) {
    console.error(`\n${found.length} layering problem(s) between service areas:`);
    for (const c of found) console.error(`  ${c}`);
    process.exit(1);
  }
  console.log(`\n${areas} areas, no cycle.`);
}
