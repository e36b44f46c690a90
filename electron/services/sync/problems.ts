// Why a delivery failed or was refused, as codes the sync page words (`sync.problem.<reason>`,
// `seal.problem.<reason>`). The outbox stores them as JSON: last_error one {reason, params},
// reasons a list; the platform's own rejection reasons ({ref, message}) stay in its words.
import { z } from 'zod';
import { appendAudit } from '../audit';
import { canonicalJson, sha256Hex } from '../canonical';
import { nowIso, type ServiceContext } from '../context';
import type { ErrorParams, Issue } from '../errors';

/** unreachable / transfer carry the network's own (technical, English) detail */
export type SyncProblem = 'unreachable' | 'keyMismatch' | 'keyChanged' | 'receiptUnverified' | 'transfer' | 'connectionLost' | 'unrecorded';

const Params = z.record(z.string(), z.union([z.string(), z.number()]));
const StoredIssue = z.object({ reason: z.string(), params: Params.optional() });
const PlatformReason = z.object({ ref: z.string().nullable(), message: z.string() });
const StoredReason = z.union([z.object({ ref: z.null(), reason: z.string(), params: Params.optional() }), PlatformReason]);

export type PlatformReason = z.infer<typeof PlatformReason>;

export function problem(reason: SyncProblem, params?: ErrorParams): Issue {
  return params ? { reason, params } : { reason };
}

/** A failure's detail as the network gave it, cut to what a row keeps. */
export function detailOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 400);
}

export function storeProblem(p: Issue): string {
  return JSON.stringify(p);
}

/** The stored last_error, read back (a row from before codes: its text as the detail). */
export function readProblem(stored: string | null): Issue | null {
  if (!stored) return null;
  try {
    const r = StoredIssue.safeParse(JSON.parse(stored));
    if (r.success) return r.data.params ? { reason: r.data.reason, params: r.data.params } : { reason: r.data.reason };
  } catch {
    // not JSON: an older row's sentence
  }
  return problem('unrecorded', { detail: stored });
}

/** The stored reasons, split: the platform's own words (a rejection) and the console's codes (a refusal). */
export function readReasons(stored: string | null): { platform: PlatformReason[]; console: Issue[] } {
  const out = { platform: [] as PlatformReason[], console: [] as Issue[] };
  if (!stored) return out;
  let raw: unknown;
  try {
    raw = JSON.parse(stored);
  } catch {
    return out;
  }
  for (const item of Array.isArray(raw) ? raw : []) {
    const r = StoredReason.safeParse(item);
    if (!r.success) continue;
    if ('reason' in r.data) out.console.push(r.data.params ? { reason: r.data.reason, params: r.data.params } : { reason: r.data.reason });
    else out.platform.push(r.data);
  }
  return out;
}

/** The platform's reasons of a rejection statement, kept as it sent them. */
export function platformReasons(raw: unknown): PlatformReason[] {
  const r = z.array(PlatformReason).safeParse(raw);
  return r.success ? r.data : [];
}

/** An audit event of the background sync (nobody signed in: the device is the sync). */
export function syncAudit(ctx: Pick<ServiceContext, 'sqlite' | 'clock'>, command: string, detail: Record<string, unknown>): void {
  appendAudit(ctx.sqlite, {
    at: nowIso(ctx),
    actorId: null,
    actorName: null,
    role: null,
    device: 'sync',
    command,
    outcome: 'ok',
    payloadDigest: sha256Hex(canonicalJson(detail)),
    detail,
  });
}
