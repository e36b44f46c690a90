// DOMAIN A1: while a batch is sealed, the database under its latest package must still say what
// the package says. Re-derives the results, sheets, theory scores and rulings and names the first
// difference (a raw edit with the freeze triggers dropped).
import type { ReadSqlite } from '../../../db';
import { canonicalJson } from '../canonical';
import type { ReadContext } from '../context';
import type { Issue } from '../errors';
import { RESULTS_FORMAT, derivedContent } from './content';
import { latestPackage, readEnvelope, type SealedPackageRow } from './package';

export interface Drift {
  path: string;
  sealed: unknown;
  current: unknown;
  /** the candidate the difference is about, when it is in a per-candidate list */
  ticketNo: string | null;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function firstDifference(a: unknown, b: unknown, path: string): { path: string; a: unknown; b: unknown } | null {
  if (canonicalJson(a) === canonicalJson(b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
  } else if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const d = firstDifference(a[k], b[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
  }
  return { path, a, b };
}

/** The ticket number of list item `list[i]` named by a path like `results[12].outcome`, in either version. */
function ticketAt(path: string, ...versions: Json[]): string | null {
  const m = /^(\w+)\[(\d+)\]/.exec(path);
  if (!m) return null;
  for (const v of versions) {
    const list = v[m[1]!];
    const item: unknown = Array.isArray(list) ? list[Number(m[2])] : undefined;
    if (isObject(item) && typeof item.ticketNo === 'string') return item.ticketNo;
  }
  return null;
}

/** The sealed results content of a package, or null when it is not a ceremony's results package. */
function sealedResults(pkg: SealedPackageRow): Json | null {
  const content = readEnvelope(pkg.body)?.content; // a body that is not JSON is verifyPackage's to name
  return isObject(content) && content.format === RESULTS_FORMAT ? content : null;
}

/**
 * Compares the batch's latest sealed package with the database. Null when they agree (or the
 * package is not the latest, or the batch is open for an amendment); otherwise the first difference.
 */
export function sealedContentDrift(ctx: Pick<ReadContext, 'sqlite'>, pkg: SealedPackageRow): Drift | null {
  const latest = latestPackage(ctx.sqlite, pkg.batch_id);
  if (!latest || latest.id !== pkg.id) return null;
  const batch = ctx.sqlite.prepare<[number], { status: string }>('SELECT status FROM batches WHERE id = ?').get(pkg.batch_id);
  if (batch?.status === 'amending') return null;
  const content = sealedResults(pkg);
  if (!content) return null;
  const parsed: unknown = JSON.parse(canonicalJson(derivedContent(ctx, pkg.batch_id)));
  const current: Json = isObject(parsed) ? parsed : {};
  const sealed: Json = {};
  for (const k of Object.keys(current)) sealed[k] = content[k];
  const d = firstDifference(sealed, current, '');
  if (!d) return null;
  return { path: d.path, sealed: d.a, current: d.b, ticketNo: ticketAt(d.path, current, sealed) };
}

/** A drift as a problem code (`seal.problem.contentDrift`) with its figures, for lists and the outbox. */
export function driftIssue(d: Drift): Issue {
  return {
    reason: 'contentDrift',
    params: { path: d.path, ticket: d.ticketNo ?? '—', sealed: JSON.stringify(d.sealed) ?? 'null', current: JSON.stringify(d.current) ?? 'null' },
  };
}

function latestPackages(sqlite: ReadSqlite): SealedPackageRow[] {
  return sqlite
    .prepare<[], SealedPackageRow>('SELECT p.* FROM sealed_packages p WHERE p.version = (SELECT MAX(version) FROM sealed_packages q WHERE q.batch_id = p.batch_id)')
    .all();
}

/** Every batch's latest package against the database (for `npm run verify` and `seal.verify`). */
export function verifySealedContent(ctx: ReadContext): { batchId: number; version: number; hash: string; drift: Drift }[] {
  const out: { batchId: number; version: number; hash: string; drift: Drift }[] = [];
  for (const row of latestPackages(ctx.sqlite)) {
    const drift = sealedContentDrift(ctx, row);
    if (drift) out.push({ batchId: row.batch_id, version: row.version, hash: row.hash, drift });
  }
  return out;
}
