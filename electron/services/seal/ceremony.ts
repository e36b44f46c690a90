// The seal ceremony (issue 8; DOMAIN S9, G5, G7, A1): readiness, the three kinds of PIN signature,
// the results package, and the check that re-derives the results from the database and compares
// them with what was sealed. The freeze itself is in the database (migration seal_guards): while
// `batches.status = 'sealed'` triggers refuse changes to the batch's sheets, theory scores,
// rulings, reviews and absences.
import type { Db, Sqlite } from '../../../db';
import { canonicalJson } from '../canonical';
import { AppError } from '../errors';
import { verifyStaffPin } from '../auth';
import { incidentKindZhSql } from '../../domain/incidents';
import { KIND_ZH, resultsForPackage } from '../results/compile';
import type { Clock, RandomSource } from '../runtime';
import { sealPackage } from './seal';
import type { PackageEnvelope, SealedPackageRow } from './package';

/** Marks the content the ceremony builds (other packages, e.g. the sync tests' samples, are not re-derived). */
export const RESULTS_FORMAT = 'esc-results/1';

export type SignerRole = 'site_head' | 'chief_examiner' | 'supervisor';
export const SIGNER_ROLE_ZH: Record<SignerRole, string> = { site_head: '考点负责人', chief_examiner: '考评组长', supervisor: '督导员' };

export interface Readiness {
  batchId: number;
  status: string;
  ready: boolean;
  /** what stops the seal, in Chinese, one line each */
  missing: string[];
  candidates: number;
  subjectResults: number;
  /** who must sign: the site head, the chief examiner(s) of the batch's panels, the supervisor */
  signers: { role: SignerRole; roleZh: string; staffNo: string | null; name: string | null }[];
  latest: { version: number; hash: string; kind: string; createdAt: string } | null;
}

function batchRow(sqlite: Sqlite, batchId: number) {
  const b = sqlite.prepare('SELECT id, name, plan_code AS planCode, exam_date AS examDate, status, plan_version AS planVersion FROM batches WHERE id = ?').get(batchId) as
    | { id: number; name: string; planCode: string; examDate: string; status: string; planVersion: number }
    | undefined;
  if (!b) throw new AppError('NOT_FOUND', `找不到批次 #${batchId}。`, `No batch ${batchId}.`);
  return b;
}

/** The chief examiners of the batch's current panels (the draw's active assignments). */
function chiefsOf(sqlite: Sqlite, batchId: number) {
  return sqlite
    .prepare(
      `SELECT DISTINCT s.id AS id, s.staff_no AS staffNo, s.name AS name FROM draw_assignments a JOIN exam_sessions es ON es.id = a.session_id
       JOIN staff s ON s.id = a.staff_id WHERE es.batch_id = ? AND a.active = 1 AND a.role = 'chief_examiner' ORDER BY s.staff_no`,
    )
    .all(batchId) as { id: number; staffNo: string; name: string }[];
}

/** Who holds a role for this batch: the batch's own roles first, then the site-wide ones. */
function holders(sqlite: Sqlite, batchId: number, role: 'site_head' | 'supervisor') {
  const perBatch = sqlite
    .prepare('SELECT s.id AS id, s.staff_no AS staffNo, s.name AS name FROM batch_staff_roles r JOIN staff s ON s.id = r.staff_id WHERE r.batch_id = ? AND r.role = ? AND s.active = 1')
    .all(batchId, role) as { id: number; staffNo: string; name: string }[];
  if (perBatch.length) return perBatch;
  return sqlite
    .prepare('SELECT s.id AS id, s.staff_no AS staffNo, s.name AS name FROM staff_roles r JOIN staff s ON s.id = r.staff_id WHERE r.role = ? AND s.active = 1 ORDER BY s.staff_no')
    .all(role) as { id: number; staffNo: string; name: string }[];
}

/** The batch's latest sealed version (seal or amendment), whole. */
export function latestPackage(sqlite: Sqlite, batchId: number) {
  return sqlite.prepare('SELECT * FROM sealed_packages WHERE batch_id = ? ORDER BY version DESC LIMIT 1').get(batchId) as SealedPackageRow | undefined;
}

/** S9/G5: may the batch be sealed? Lists, in Chinese, everything still missing. */
export function sealReadiness(sqlite: Sqlite, batchId: number): Readiness {
  const b = batchRow(sqlite, batchId);
  const missing: string[] = [];
  const pkg = resultsForPackage(sqlite, batchId);
  const subjName = new Map(
    (
      sqlite.prepare('SELECT su.id, o.name, o.level, su.kind FROM subjects su JOIN occupations o ON o.id = su.occupation_id WHERE su.batch_id = ?').all(batchId) as {
        id: number;
        name: string;
        level: number;
        kind: string;
      }[]
    ).map((s) => [s.id, `${s.name}（${s.level}级）${KIND_ZH[s.kind] ?? s.kind}`]),
  );
  let subjectResults = 0;
  const open = new Map<string, string[]>();
  for (const r of pkg.results) {
    for (const s of r.subjects) {
      subjectResults += 1;
      if (s.status === 'pending' || s.status === 'review') {
        const key = `${subjName.get(s.subjectId) ?? `科目 #${s.subjectId}`}：${s.reason ?? '尚无成绩'}`;
        open.set(key, [...(open.get(key) ?? []), r.ticketNo]);
      }
    }
  }
  if (!pkg.results.length) missing.push('该批次没有考生。');
  for (const [what, tickets] of open) {
    missing.push(`${tickets.length} 名考生${what}（准考证号 ${tickets.slice(0, 3).join('、')}${tickets.length > 3 ? ' 等' : ''}）。`);
  }
  const unruled = sqlite.prepare(`SELECT id, ${incidentKindZhSql('kind')} AS kindZh, status FROM incidents WHERE batch_id = ? AND status <> 'ruled' ORDER BY id`).all(batchId) as { id: number; kindZh: string; status: string }[];
  if (unruled.length) {
    missing.push(`${unruled.length} 条违纪记录尚未由督导员裁定（${unruled.slice(0, 3).map((i) => `#${i.id} ${i.kindZh}`).join('、')}${unruled.length > 3 ? ' 等' : ''}）。`);
  }
  const pendingTheory = sqlite.prepare("SELECT COUNT(*) AS n FROM theory_imports WHERE batch_id = ? AND status = 'pending'").get(batchId) as { n: number };
  if (pendingTheory.n) missing.push(`${pendingTheory.n} 个理论成绩导入文件尚未确认（G2）。`);
  const chiefs = chiefsOf(sqlite, batchId);
  const heads = holders(sqlite, batchId, 'site_head');
  const sups = holders(sqlite, batchId, 'supervisor');
  if (!chiefs.length) missing.push('该批次没有考评组长（抽签尚未完成？）。');
  if (!sups.length) missing.push('该批次没有督导员。');
  const latest = latestPackage(sqlite, batchId);
  if (b.status === 'sealed') missing.push(`该批次已封存（第 ${latest?.version ?? 1} 版）；更正请使用修订。`);
  const signers: Readiness['signers'] = [
    ...(heads.length ? heads.slice(0, 1) : [null]).map((p) => ({ role: 'site_head' as const, roleZh: SIGNER_ROLE_ZH.site_head, staffNo: p?.staffNo ?? null, name: p?.name ?? null })),
    ...chiefs.map((p) => ({ role: 'chief_examiner' as const, roleZh: SIGNER_ROLE_ZH.chief_examiner, staffNo: p.staffNo, name: p.name })),
    ...(sups.length ? sups.slice(0, 1) : [null]).map((p) => ({ role: 'supervisor' as const, roleZh: SIGNER_ROLE_ZH.supervisor, staffNo: p?.staffNo ?? null, name: p?.name ?? null })),
  ];
  return {
    batchId,
    status: b.status,
    ready: missing.length === 0,
    missing,
    candidates: pkg.results.length,
    subjectResults,
    signers,
    latest: latest ? { version: latest.version, hash: latest.hash, kind: latest.kind, createdAt: latest.created_at } : null,
  };
}

export interface SignatureInput {
  staffNo: string;
  pin: string;
}

export interface Signed {
  role: SignerRole;
  staffId: number;
  staffNo: string;
  name: string;
  at: string;
}

/**
 * S9: the site head, every chief examiner of the batch's panels and the supervisor each sign with
 * their own staff number and PIN. A wrong PIN is refused (and counted and audited by verifyStaffPin).
 */
export function checkSignatures(db: Db, sqlite: Sqlite, clock: Clock, batchId: number, signatures: readonly SignatureInput[]): Signed[] {
  const chiefs = chiefsOf(sqlite, batchId);
  const heads = new Set(holders(sqlite, batchId, 'site_head').map((p) => p.id));
  const sups = new Set(holders(sqlite, batchId, 'supervisor').map((p) => p.id));
  const chiefIds = new Set(chiefs.map((p) => p.id));
  const at = clock.now().toISOString();
  const signed: Signed[] = [];
  const seen = new Set<number>();
  for (const s of signatures) {
    const person = sqlite.prepare('SELECT id, staff_no AS staffNo, name, active FROM staff WHERE staff_no = ?').get(s.staffNo.trim()) as
      | { id: number; staffNo: string; name: string; active: number }
      | undefined;
    if (!person || !person.active) throw new AppError('PIN_WRONG', `工号 ${s.staffNo} 或其 PIN 不正确。`, 'Staff number or PIN is wrong.', { persist: true });
    if (seen.has(person.id)) throw new AppError('BAD_INPUT', `${person.name}（${person.staffNo}）重复签名：每人只签一次。`, 'Each person signs once.');
    seen.add(person.id);
    const role: SignerRole | null = chiefIds.has(person.id) ? 'chief_examiner' : heads.has(person.id) ? 'site_head' : sups.has(person.id) ? 'supervisor' : null;
    if (!role) {
      throw new AppError('FORBIDDEN', `${person.name}（${person.staffNo}）不是本批次的考点负责人、考评组长或督导员，不能签名封存。`, 'Not a signer of this batch.');
    }
    verifyStaffPin(db, person.id, s.pin, clock);
    signed.push({ role, staffId: person.id, staffNo: person.staffNo, name: person.name, at });
  }
  const lacking: string[] = [];
  if (!signed.some((s) => s.role === 'site_head')) lacking.push('考点负责人');
  for (const c of chiefs) if (!signed.some((s) => s.staffId === c.id)) lacking.push(`考评组长 ${c.name}（${c.staffNo}）`);
  if (!signed.some((s) => s.role === 'supervisor')) lacking.push('督导员');
  if (lacking.length) throw new AppError('BAD_INPUT', `尚缺签名：${lacking.join('、')}。`, `Signatures missing: ${lacking.length}.`);
  return signed;
}

/** The parts of the package that must keep matching the database while the batch is sealed. */
export function derivedContent(sqlite: Sqlite, batchId: number) {
  const results = resultsForPackage(sqlite, batchId).results;
  const scoreSheets = sqlite
    .prepare(
      `SELECT s.id, c.ticket_no AS ticketNo, s.candidate_id AS candidateId, s.subject_id AS subjectId, s.session_id AS sessionId, s.room_id AS roomId,
              st.staff_no AS examinerNo, s.entries, s.total, s.submitted_at AS submittedAt, s.signature
       FROM score_sheets s JOIN subjects su ON su.id = s.subject_id JOIN candidates c ON c.id = s.candidate_id JOIN staff st ON st.id = s.examiner_id
       WHERE su.batch_id = ? AND s.status = 'submitted' ORDER BY s.id`,
    )
    .all(batchId) as { entries: string }[];
  const rulings = sqlite
    .prepare(
      `SELECT r.id, r.incident_id AS incidentId, r.candidate_id AS candidateId, r.staff_id AS staffId, r.subject_id AS subjectId, r.decision, r.reason,
              r.decided_at AS decidedAt, r.decided_by AS decidedBy, r.supersedes, r.superseded_by AS supersededBy, r.signature
       FROM incident_rulings r JOIN incidents i ON i.id = r.incident_id WHERE i.batch_id = ? ORDER BY r.id`,
    )
    .all(batchId);
  const theoryScores = sqlite
    .prepare(
      `SELECT t.candidate_id AS candidateId, c.ticket_no AS ticketNo, t.subject_id AS subjectId, t.score, t.source, t.import_id AS importId, t.confirmed_at AS confirmedAt, t.confirmed_by AS confirmedBy
       FROM theory_scores t JOIN subjects su ON su.id = t.subject_id JOIN candidates c ON c.id = t.candidate_id WHERE su.batch_id = ? ORDER BY t.subject_id, c.ticket_no`,
    )
    .all(batchId);
  return {
    results,
    scoreSheets: scoreSheets.map((s) => ({ ...s, entries: JSON.parse(s.entries) as unknown })),
    theoryScores,
    rulings,
  };
}

function rowsOf(sqlite: Sqlite, sql: string, batchId: number): unknown[] {
  return sqlite.prepare(sql).all(batchId);
}

/** Everything the package carries (issue 8 §1). */
export function sealContent(sqlite: Sqlite, batchId: number, signatures: Signed[]) {
  const b = batchRow(sqlite, batchId);
  const head = sqlite.prepare('SELECT seq, hash, at FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string; at: string } | undefined;
  return {
    format: RESULTS_FORMAT,
    plan: {
      planCode: b.planCode,
      name: b.name,
      examDate: b.examDate,
      planVersion: b.planVersion,
      occupations: rowsOf(sqlite, 'SELECT id, code, name, work_type_name AS workType, level FROM occupations WHERE batch_id = ? ORDER BY id', batchId),
      subjects: rowsOf(sqlite, 'SELECT id, occupation_id AS occupationId, kind, mode FROM subjects WHERE batch_id = ? ORDER BY id', batchId),
      sessions: rowsOf(sqlite, 'SELECT id, subject_id AS subjectId, code, name, starts_at AS startsAt, ends_at AS endsAt FROM exam_sessions WHERE batch_id = ? ORDER BY id', batchId),
    },
    ...derivedContent(sqlite, batchId),
    theoryImports: rowsOf(
      sqlite,
      "SELECT id, subject_id AS subjectId, file_name AS fileName, encoding, digest, confirmed_at AS confirmedAt, confirmed_by AS confirmedBy FROM theory_imports WHERE batch_id = ? AND status = 'confirmed' ORDER BY id",
      batchId,
    ),
    panelReviews: rowsOf(
      sqlite,
      'SELECT r.id, r.candidate_id AS candidateId, r.subject_id AS subjectId, r.chief_id AS chiefId, r.spread, r.note, r.at FROM panel_reviews r JOIN subjects su ON su.id = r.subject_id WHERE su.batch_id = ? ORDER BY r.id',
      batchId,
    ),
    incidents: rowsOf(
      sqlite,
      `SELECT id, session_id AS sessionId, room_id AS roomId, subject_type AS subjectType, candidate_id AS candidateId, staff_id AS staffId, kind, ${incidentKindZhSql('kind')} AS kindZh,
              occurred_at AS occurredAt, description, recorded_at AS recordedAt, recorded_by AS recordedBy, second_signer_id AS secondSignerId, source, status
       FROM incidents WHERE batch_id = ? ORDER BY id`,
      batchId,
    ),
    checkins: rowsOf(
      sqlite,
      `SELECT ck.id, ck.session_id AS sessionId, ck.room_id AS roomId, c.ticket_no AS ticketNo, ck.status, ck.proctor_id AS proctorId, ck.second_proctor_id AS secondProctorId
       FROM checkins ck JOIN exam_sessions es ON es.id = ck.session_id JOIN candidates c ON c.id = ck.candidate_id WHERE es.batch_id = ? ORDER BY ck.id`,
      batchId,
    ),
    absences: rowsOf(
      sqlite,
      'SELECT a.session_id AS sessionId, a.room_id AS roomId, c.ticket_no AS ticketNo FROM checkin_absences a JOIN exam_sessions es ON es.id = a.session_id JOIN candidates c ON c.id = a.candidate_id WHERE es.batch_id = ? ORDER BY a.session_id, c.ticket_no',
      batchId,
    ),
    draw: {
      draws: rowsOf(sqlite, 'SELECT id, seed, algorithm, status, inputs_digest AS inputsDigest, result_digest AS resultDigest, confirmed_at AS confirmedAt, confirmed_by AS confirmedBy FROM draws WHERE batch_id = ? ORDER BY id', batchId),
      assignments: rowsOf(
        sqlite,
        'SELECT a.draw_id AS drawId, a.session_id AS sessionId, a.room_id AS roomId, a.staff_id AS staffId, a.role, a.position, a.active FROM draw_assignments a JOIN draws d ON d.id = a.draw_id WHERE d.batch_id = ? ORDER BY a.draw_id, a.session_id, a.room_id, a.position',
        batchId,
      ),
      changes: rowsOf(sqlite, 'SELECT c.* FROM draw_changes c JOIN draws d ON d.id = c.draw_id WHERE d.batch_id = ? ORDER BY c.id', batchId),
    },
    auditHead: head ?? null,
    signatures: signatures.map((s) => ({ role: s.role, staffNo: s.staffNo, name: s.name, at: s.at })),
  };
}

export interface SealEnvLike {
  db: Db;
  sqlite: Sqlite;
  clock: Clock;
  random: RandomSource;
  dataDir: string;
}

/** Builds and seals version 1 (or the next amendment) inside the command's transaction; freezes the batch. */
export function sealBatch(env: SealEnvLike, input: { batchId: number; signatures: SignatureInput[]; kind: 'seal' | 'amendment'; reason?: string | null }) {
  const b = batchRow(env.sqlite, input.batchId);
  if (input.kind === 'seal') {
    const r = sealReadiness(env.sqlite, input.batchId);
    if (!r.ready) throw new AppError('SEAL_NOT_READY', `尚不能封存：${r.missing.join(' ')}`, `Not ready to seal: ${r.missing.length} item(s) missing.`, { details: r.missing });
  } else {
    if (b.status !== 'amending') {
      throw new AppError('CONFLICT', '请先开启修订（写明原因），改正后再签名封存新版本。', 'Open an amendment first.');
    }
    const r = sealReadiness(env.sqlite, input.batchId);
    if (!r.ready) throw new AppError('SEAL_NOT_READY', `尚不能封存修订：${r.missing.join(' ')}`, 'Not ready.', { details: r.missing });
  }
  const signed = checkSignatures(env.db, env.sqlite, env.clock, input.batchId, input.signatures);
  const content = sealContent(env.sqlite, input.batchId, signed);
  const { pkg, outbox } = sealPackage(env, { batchId: input.batchId, kind: input.kind, reason: input.reason ?? null, content });
  env.sqlite.prepare("UPDATE batches SET status = 'sealed' WHERE id = ?").run(input.batchId);
  return { pkg, outbox, signed, candidates: content.results.length };
}

/**
 * G7: opens a sealed batch for a correction (an objection upheld, a platform rejection). The
 * sealed versions stay as they are; the next seal is an amendment naming the previous hash.
 */
export function openAmendment(sqlite: Sqlite, batchId: number) {
  const b = batchRow(sqlite, batchId);
  if (b.status !== 'sealed') throw new AppError('CONFLICT', '该批次尚未封存，无需修订。', 'Not sealed.');
  sqlite.prepare("UPDATE batches SET status = 'amending' WHERE id = ?").run(batchId);
  return { batchId, status: 'amending' as const };
}

export interface Drift {
  path: string;
  sealed: unknown;
  current: unknown;
  message: string;
}

function firstDifference(a: unknown, b: unknown, path: string): { path: string; a: unknown; b: unknown } | null {
  if (canonicalJson(a) === canonicalJson(b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
  } else if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
  }
  return { path, a, b };
}

/**
 * A1: re-derives the results, sheets, theory scores and rulings from the database and compares them
 * with the batch's latest sealed package. Null when they agree (or the package is not the latest,
 * or the batch is open for an amendment); otherwise the first difference, named.
 */
export function sealedContentDrift(sqlite: Sqlite, pkg: SealedPackageRow): Drift | null {
  const latest = latestPackage(sqlite, pkg.batch_id);
  if (!latest || latest.id !== pkg.id) return null;
  const status = (sqlite.prepare('SELECT status FROM batches WHERE id = ?').get(pkg.batch_id) as { status: string } | undefined)?.status;
  if (status === 'amending') return null;
  let env: PackageEnvelope;
  try {
    env = JSON.parse(pkg.body) as PackageEnvelope;
  } catch {
    return null; // verifyPackage names a body that is not JSON
  }
  const content = env.content as Record<string, unknown> | null;
  if (!content || typeof content !== 'object' || content.format !== RESULTS_FORMAT) return null; // not a ceremony's results package
  const current = derivedContent(sqlite, pkg.batch_id) as unknown as Record<string, unknown>;
  const sealed: Record<string, unknown> = {};
  for (const k of Object.keys(current)) sealed[k] = content[k];
  const d = firstDifference(sealed, JSON.parse(canonicalJson(current)), '');
  if (!d) return null;
  const m = /^(\w+)\[(\d+)\]/.exec(d.path);
  const list = m ? (current[m[1]!] as { ticketNo?: string }[] | undefined) : undefined;
  const ticket = m && list ? (list[Number(m[2])]?.ticketNo ?? (sealed[m[1]!] as { ticketNo?: string }[] | undefined)?.[Number(m[2])]?.ticketNo) : undefined;
  return {
    path: d.path,
    sealed: d.a,
    current: d.b,
    message: `数据库与封存包不符 / database differs from the sealed package: ${d.path}${ticket ? `（准考证号 ${ticket}）` : ''}：封存 ${JSON.stringify(d.a)}，现为 ${JSON.stringify(d.b)}`,
  };
}

/** Every batch's latest package against the database (for `npm run verify` and `seal.verify`). */
export function verifySealedContent(sqlite: Sqlite): { batchId: number; version: number; hash: string; drift: Drift }[] {
  const out: { batchId: number; version: number; hash: string; drift: Drift }[] = [];
  const rows = sqlite
    .prepare('SELECT p.* FROM sealed_packages p WHERE p.version = (SELECT MAX(version) FROM sealed_packages q WHERE q.batch_id = p.batch_id)')
    .all() as SealedPackageRow[];
  for (const row of rows) {
    const drift = sealedContentDrift(sqlite, row);
    if (drift) out.push({ batchId: row.batch_id, version: row.version, hash: row.hash, drift });
  }
  return out;
}
