// DOMAIN A3/A4: destruction of a batch's material when its retention period has run out. Two
// different staff sign with their own PINs: the person who destroys (销毁人: exam-affairs records
// staff, i.e. an administrator, a supervisor or a score clerk) and the head who answers for it
// (负责人签字: the site head). The material leaves the database (rows deleted, columns emptied,
// with secure_delete so freed pages are zeroed), the console's archive copy (rebuilt without the
// class; the last class removes it) and every backup taken before (backups.ts); the ledger
// (`destructions`, append-only) keeps date, reason, method, batch, class, who destroyed, who
// signed and the archive manifest's hash.
//
// The audit chain is not destroyed: each event's hash stays, so the chain still links end to end.
// When the last class goes (the certificate register), every earlier event whose payload names one
// of the batch's candidates has its `detail` replaced by a marker holding the SHA-256 of what was
// removed; `audit_redactions` records the event's hash and a digest of its other fields, and the
// destruction's own audit event carries a digest over those records, so `verifyChain` can accept
// exactly those events and no others (audit.ts).
import type { ReadSqlite, Sqlite } from '../../../db';
import type { AuditRow } from '../audit';
import { canonicalJson, sha256Hex } from '../canonical';
import { acceptStaffPin, type ProvenPins } from '../auth';
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import { siteToday, type Clock } from '../runtime';
import { REDACTED_KEY } from './archive';
import { CLASS_ZH, MATERIAL_CLASSES, blockersOf, dueOn, retentionPolicy, type MaterialClass } from './classes';

export const DESTROYER_ROLES = ['admin', 'supervisor', 'score_clerk'] as const;
export const METHODS = ['数据库删除并覆写', '文件粉碎', '纸质粉碎', '其他'] as const;

export interface SignerInput {
  staffNo: string;
  pin: string;
}

export interface DestroyPlan {
  batch: { id: number; planCode: string; name: string; examDate: string; status: string };
  classes: MaterialClass[];
  archive: { id: number; fileName: string; manifestSha256: string; classes: MaterialClass[] };
  /** the classes the rebuilt archive keeps (empty: the archive copy goes too) */
  remaining: MaterialClass[];
}


export function destroyedClasses(sqlite: ReadSqlite, batchId: number): Set<MaterialClass> {
  return new Set((sqlite.prepare('SELECT class FROM destructions WHERE batch_id = ?').all(batchId) as { class: MaterialClass }[]).map((r) => r.class));
}

export function currentArchive(sqlite: ReadSqlite, batchId: number) {
  const a = sqlite.prepare('SELECT id, file_name AS fileName, manifest_sha256 AS manifestSha256, classes FROM archives WHERE batch_id = ? AND removed_at IS NULL ORDER BY id DESC LIMIT 1').get(batchId) as
    | { id: number; fileName: string; manifestSha256: string; classes: string }
    | undefined;
  return a ? { ...a, classes: JSON.parse(a.classes) as MaterialClass[] } : undefined;
}

/** What may be destroyed, checked before anything is built or signed; the handler checks it again. */
export function planDestruction(sqlite: Sqlite, clock: Clock, batchId: number, classes: readonly MaterialClass[]): DestroyPlan {
  const batch = sqlite.prepare('SELECT id, plan_code AS planCode, name, exam_date AS examDate, status FROM batches WHERE id = ?').get(batchId) as DestroyPlan['batch'] | undefined;
  if (!batch) throw new AppError('NOT_FOUND', 'batch.notFound', { batchId });
  const wanted = MATERIAL_CLASSES.filter((c) => classes.includes(c));
  if (wanted.length === 0) throw new AppError('BAD_INPUT', 'records.noClasses');
  // the platform must have the results first: a sealed package still waiting to go may not lose its data
  const undelivered = sqlite
    .prepare("SELECT COUNT(*) AS n FROM sealed_packages p JOIN outbox o ON o.package_id = p.id WHERE p.batch_id = ? AND o.state NOT IN ('acknowledged', 'certified')")
    .get(batchId) as { n: number };
  if (batch.status !== 'sealed' || undelivered.n > 0) {
    throw new AppError('CONFLICT', 'records.notDelivered', { batchId });
  }
  const done = destroyedClasses(sqlite, batchId);
  const again = wanted.filter((c) => done.has(c));
  if (again.length) throw new AppError('CONFLICT', 'records.alreadyDestroyed', { class: `@records.class.${again[0]!}`, classes: again.join(',') });
  const policy = retentionPolicy(sqlite);
  const today = siteToday(clock);
  for (const c of wanted) {
    const due = dueOn(batch.examDate, policy.years[c]);
    if (today < due) {
      throw new AppError('CONFLICT', 'records.notDue', { class: `@records.class.${c}`, due, years: policy.years[c] });
    }
  }
  const after = new Set([...done, ...wanted]);
  for (const c of wanted) {
    const blockers = blockersOf(c, after);
    if (blockers.length) {
      throw new AppError('CONFLICT', 'records.registerLast', { blockers: blockers.join(','), first: `@records.class.${blockers[0]!}`, n: blockers.length });
    }
  }
  const archive = currentArchive(sqlite, batchId);
  if (!archive) throw new AppError('CONFLICT', 'records.noArchive', { batchId });
  const remaining = archive.classes.filter((c) => !after.has(c));
  return { batch, classes: wanted, archive, remaining };
}

export interface Signatures {
  destroyer: { id: number; staffNo: string; name: string };
  signer: { id: number; staffNo: string; name: string };
}

/** Which signature's field a refusal belongs to (its key in the input), so the form shows it there. */
type SignatureField = `${'destroyer' | 'signer'}.${'staffNo' | 'pin'}`;

function person(sqlite: Sqlite, staffNo: string, who: 'destroyer' | 'signer') {
  const p = sqlite.prepare('SELECT id, staff_no AS staffNo, name, active FROM staff WHERE staff_no = ?').get(staffNo.trim()) as { id: number; staffNo: string; name: string; active: number } | undefined;
  const field: SignatureField = `${who}.pin`;
  if (!p || !p.active) throw new AppError('PIN_WRONG', 'records.pinWrong', { staffNo: staffNo.trim().slice(0, 32), field }, { persist: true });
  return p;
}

/** acceptStaffPin, its refusal naming the signature's PIN field (the code and wording unchanged). */
function acceptSignerPin(ctx: ServiceContext, pins: ProvenPins, staffId: number, pin: string, field: SignatureField): void {
  try {
    acceptStaffPin(ctx, pins, staffId, pin);
  } catch (e) {
    if (!(e instanceof AppError) || !e.reason) throw e;
    throw new AppError(e.code, e.reason, { ...e.params, field }, { details: e.details, persist: e.persist });
  }
}

function hasRole(sqlite: Sqlite, staffId: number, roles: readonly string[]): boolean {
  return (sqlite.prepare('SELECT role FROM staff_roles WHERE staff_id = ?').all(staffId) as { role: string }[]).some((r) => roles.includes(r.role));
}

/**
 * A4: the destroyer and the head, two different people, each with their own PIN (wrong PINs count,
 * per (account, client) as every signature, S9). The PINs were proven before the transaction.
 */
export function checkSignatures(ctx: ServiceContext, destroyer: SignerInput, signer: SignerInput, pins: ProvenPins): Signatures {
  const { sqlite } = ctx;
  // each refusal names the field it belongs to (`params.field`), so the form shows it there
  const d = person(sqlite, destroyer.staffNo, 'destroyer');
  const s = person(sqlite, signer.staffNo, 'signer');
  if (d.id === s.id) throw new AppError('BAD_INPUT', 'records.sameSigner', { staffNo: s.staffNo, field: 'signer.staffNo' });
  if (!hasRole(sqlite, s.id, ['site_head'])) throw new AppError('FORBIDDEN', 'records.signerNotHead', { name: s.name, staffNo: s.staffNo, field: 'signer.staffNo' });
  if (!hasRole(sqlite, d.id, DESTROYER_ROLES)) {
    throw new AppError('FORBIDDEN', 'records.destroyerRole', { name: d.name, staffNo: d.staffNo, field: 'destroyer.staffNo' });
  }
  // both PINs through the guessing guard, as every signature (S9)
  acceptSignerPin(ctx, pins, d.id, destroyer.pin, 'destroyer.pin');
  acceptSignerPin(ctx, pins, s.id, signer.pin, 'signer.pin');
  return { destroyer: { id: d.id, staffNo: d.staffNo, name: d.name }, signer: { id: s.id, staffNo: s.staffNo, name: s.name } };
}

const CAND = '(SELECT id FROM candidates WHERE batch_id = @b)';
const SESS = '(SELECT id FROM exam_sessions WHERE batch_id = @b)';
const SUBJ = '(SELECT id FROM subjects WHERE batch_id = @b)';
const PKGS = '(SELECT hash FROM sealed_packages WHERE batch_id = @b)';

/** What each class removes, in an order the foreign keys accept. [label, SQL] */
const STEPS: Record<MaterialClass, readonly (readonly [string, string])[]> = {
  registration: [
    ['candidates.contact_and_photo', 'UPDATE candidates SET photo = NULL, photo_type = NULL, phone = NULL, education = NULL, major = NULL, ethnicity = NULL, category = NULL, work_unit = NULL WHERE batch_id = @b'],
    ['training_relations', `DELETE FROM training_relations WHERE candidate_id IN ${CAND}`],
    ['plan_imports', 'DELETE FROM plan_imports WHERE batch_id = @b'],
  ],
  signin: [
    ['incidents.door_links', 'UPDATE incidents SET checkin_id = NULL, alert_id = NULL WHERE batch_id = @b AND (checkin_id IS NOT NULL OR alert_id IS NOT NULL)'],
    // a door device's offline events name the candidates and carry their photos: they go with the sign-ins
    ['device_events', `DELETE FROM device_events WHERE session_id IN ${SESS} OR candidate_id IN ${CAND}`],
    ['checkin_alerts', `DELETE FROM checkin_alerts WHERE session_id IN ${SESS}`],
    ['checkins', `DELETE FROM checkins WHERE session_id IN ${SESS}`],
    ['checkin_photos', `DELETE FROM checkin_photos WHERE session_id IN ${SESS}`],
    ['checkin_absences', `DELETE FROM checkin_absences WHERE session_id IN ${SESS}`],
    ['checkin_refusals', `DELETE FROM checkin_refusals WHERE session_id IN ${SESS}`],
    ['monitoring_links', `DELETE FROM monitoring_links WHERE session_id IN ${SESS}`],
  ],
  exam_records: [
    ['theory_imports', 'DELETE FROM theory_imports WHERE batch_id = @b'],
    ['paper_entries', `DELETE FROM paper_entries WHERE subject_id IN ${SUBJ}`],
    ['paper_settlements', `DELETE FROM paper_settlements WHERE subject_id IN ${SUBJ}`],
  ],
  scoring: [
    ['rescore_entries', `DELETE FROM rescore_entries WHERE rescore_id IN (SELECT id FROM rescores WHERE subject_id IN ${SUBJ})`],
    ['rescores', `DELETE FROM rescores WHERE subject_id IN ${SUBJ}`],
    ['objections', 'DELETE FROM objections WHERE publication_id IN (SELECT id FROM publications WHERE batch_id = @b)'],
    ['publications', 'DELETE FROM publications WHERE batch_id = @b'],
    ['score_sheet_withdrawals', `DELETE FROM score_sheet_withdrawals WHERE subject_id IN ${SUBJ}`],
    ['score_sheets', `DELETE FROM score_sheets WHERE subject_id IN ${SUBJ}`],
    ['panel_reviews', `DELETE FROM panel_reviews WHERE subject_id IN ${SUBJ}`],
    ['theory_scores', `DELETE FROM theory_scores WHERE subject_id IN ${SUBJ}`],
    ['scoring_items', `DELETE FROM scoring_items WHERE subject_id IN ${SUBJ}`],
  ],
  supervision: [
    ['site_events', 'DELETE FROM site_events WHERE batch_id = @b'],
    ['incident_rulings', 'DELETE FROM incident_rulings WHERE incident_id IN (SELECT id FROM incidents WHERE batch_id = @b)'],
    ['incident_photos', 'DELETE FROM incident_photos WHERE incident_id IN (SELECT id FROM incidents WHERE batch_id = @b)'],
    ['incidents', 'DELETE FROM incidents WHERE batch_id = @b'],
    ['supervisor_reports', 'DELETE FROM supervisor_reports WHERE batch_id = @b'],
    ['draw_changes', 'DELETE FROM draw_changes WHERE draw_id IN (SELECT id FROM draws WHERE batch_id = @b)'],
    ['draw_assignments', 'DELETE FROM draw_assignments WHERE draw_id IN (SELECT id FROM draws WHERE batch_id = @b)'],
    ['draws', 'DELETE FROM draws WHERE batch_id = @b'],
    ['duty_marks', 'DELETE FROM duty_marks WHERE batch_id = @b'],
  ],
  certificates: [
    ['sync_certificates', `DELETE FROM sync_certificates WHERE package_hash IN ${PKGS}`],
    ['sync_statements', `DELETE FROM sync_statements WHERE package_hash IN ${PKGS}`],
    ['outbox', `DELETE FROM outbox WHERE package_id IN (SELECT id FROM sealed_packages WHERE batch_id = @b)`],
    ['sealed_packages', 'DELETE FROM sealed_packages WHERE batch_id = @b'],
    ['candidate_subjects', `DELETE FROM candidate_subjects WHERE candidate_id IN ${CAND}`],
    ['candidates', 'DELETE FROM candidates WHERE batch_id = @b'],
  ],
};

const TOUCHED = /(?:UPDATE|DELETE FROM)\s+(\w+)/;

/**
 * Runs `fn` with the guard triggers (BEFORE … RAISE) of `tables` lifted, and puts them back
 * exactly as they were, all inside the caller's transaction: nothing else ever sees them gone.
 */
function withGuardsLifted<T>(sqlite: Sqlite, tables: readonly string[], fn: () => T): T {
  if (!sqlite.inTransaction) throw new Error('withGuardsLifted: must run inside the command transaction');
  const guards = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${tables.map(() => '?').join(',')}) AND sql LIKE '%RAISE(%'`)
    .all(...tables) as { name: string; sql: string }[];
  for (const g of guards) sqlite.exec(`DROP TRIGGER "${g.name.replace(/"/g, '""')}"`);
  const out = fn();
  for (const g of guards) sqlite.exec(g.sql);
  return out;
}

/** Strings that identify the batch's candidates; an audit payload holding one of them is redacted. */
function sensitiveStrings(sqlite: Sqlite, batchId: number): string[] {
  const rows = sqlite.prepare('SELECT name, doc_number AS doc, ticket_no AS ticket, phone FROM candidates WHERE batch_id = ?').all(batchId) as { name: string; doc: string; ticket: string; phone: string | null }[];
  const out = new Set<string>();
  for (const r of rows) for (const v of [r.name, r.doc, r.ticket, r.phone]) if (v && [...v].length >= 2) out.add(v);
  return [...out];
}

export function restDigest(e: Omit<AuditRow, 'detail'>): string {
  return sha256Hex(canonicalJson({ seq: e.seq, at: e.at, actorId: e.actor_id, actorName: e.actor_name, role: e.role, device: e.device, command: e.command, outcome: e.outcome, payloadDigest: e.payload_digest, prevHash: e.prev_hash, hash: e.hash }));
}

export function redactionsDigest(list: readonly { seq: number; hash: string; detail_sha256: string; rest_sha256: string }[]): string {
  return sha256Hex(canonicalJson(list.map((r) => [r.seq, r.hash, r.detail_sha256, r.rest_sha256])));
}

/** Replaces the payloads naming the batch's candidates; returns the redaction records (not yet tied to a ledger row). */
function redactAudit(sqlite: Sqlite, batchId: number): { seq: number; hash: string; detail_sha256: string; rest_sha256: string; marker: string }[] {
  const needles = sensitiveStrings(sqlite, batchId);
  if (needles.length === 0) return [];
  const out: { seq: number; hash: string; detail_sha256: string; rest_sha256: string; marker: string }[] = [];
  for (const e of sqlite.prepare('SELECT * FROM audit_events ORDER BY seq').all() as AuditRow[]) {
    if (e.detail.startsWith(`{"${REDACTED_KEY}":`)) continue;
    if (!needles.some((n) => e.detail.includes(n) || e.detail.includes(JSON.stringify(n).slice(1, -1)))) continue;
    const detailSha = sha256Hex(e.detail);
    out.push({ seq: e.seq, hash: e.hash, detail_sha256: detailSha, rest_sha256: restDigest(e), marker: canonicalJson({ [REDACTED_KEY]: { detailSha256: detailSha } }) });
  }
  return out;
}

export interface DestroyResult {
  destructionIds: number[];
  batchId: number;
  classes: MaterialClass[];
  removed: Record<string, number>;
  redacted: number;
  redactionsDigest: string | null;
  archiveManifestSha256: string;
}

export interface DestroyInput {
  batchId: number;
  classes: MaterialClass[];
  reason: string;
  method: string;
  destroyer: SignerInput;
  signer: SignerInput;
  /** the rebuilt archive (prepared before the transaction), when classes remain */
  rebuilt: { fileName: string; bagName: string; manifestSha256: string; fileSha256: string; byteSize: number; payloadOxum: string; figures: string } | null;
}

/** Inside the command's transaction: checks, signatures (PINs proven before it), the deletions, the ledger. */
export function destroyMaterial(ctx: ServiceContext, input: DestroyInput, pins: ProvenPins): DestroyResult {
  const { sqlite, clock } = ctx;
  const plan = planDestruction(sqlite, clock, input.batchId, input.classes);
  const sig = checkSignatures(ctx, input.destroyer, input.signer, pins);
  const policy = retentionPolicy(sqlite);
  const at = clock.now().toISOString();
  const today = siteToday(clock);
  const removed: Record<string, number> = {};
  const perClass: Partial<Record<MaterialClass, Record<string, number>>> = {};
  const redactions = plan.classes.includes('certificates') ? redactAudit(sqlite, input.batchId) : [];
  const steps = plan.classes.flatMap((c) => STEPS[c].map((s) => [c, ...s] as const));
  const tables = [...new Set([...steps.map(([, , sql]) => TOUCHED.exec(sql)![1]!), ...(redactions.length ? ['audit_events'] : [])])];
  withGuardsLifted(sqlite, tables, () => {
    for (const r of redactions) sqlite.prepare('UPDATE audit_events SET detail = ? WHERE seq = ?').run(r.marker, r.seq);
    for (const [c, label, sql] of steps) {
      const n = sqlite.prepare(sql).run({ b: input.batchId }).changes;
      removed[label] = (removed[label] ?? 0) + n;
      (perClass[c] ??= {})[label] = n;
    }
  });
  const digest = redactions.length ? redactionsDigest(redactions) : null;
  // the archive copy: a rebuilt one without the destroyed classes replaces it, or it goes altogether
  sqlite.prepare('UPDATE archives SET removed_at = ? WHERE batch_id = ? AND removed_at IS NULL').run(at, input.batchId);
  let newArchiveId: number | null = null;
  if (input.rebuilt && plan.remaining.length) {
    newArchiveId = Number(
      sqlite
        .prepare(
          `INSERT INTO archives (batch_id, year, file_name, bag_name, manifest_sha256, file_sha256, byte_size, payload_oxum, classes, figures, created_at, created_by, replaces)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(input.batchId, Number(plan.batch.examDate.slice(0, 4)), input.rebuilt.fileName, input.rebuilt.bagName, input.rebuilt.manifestSha256, input.rebuilt.fileSha256, input.rebuilt.byteSize, input.rebuilt.payloadOxum, JSON.stringify(plan.remaining), input.rebuilt.figures, at, sig.signer.id, plan.archive.id)
        .lastInsertRowid,
    );
  }
  const ids: number[] = [];
  const insert = sqlite.prepare(
    `INSERT INTO destructions (batch_id, plan_code, batch_name, class, class_zh, destroyed_on, at, reason, method, province, retention_years, due_on,
       destroyer_id, destroyer_no, destroyer_name, signer_id, signer_no, signer_name, archive_id, archive_manifest_sha256, removed, redactions_digest)
     VALUES (@batchId, @planCode, @batchName, @class, @classZh, @destroyedOn, @at, @reason, @method, @province, @years, @due,
       @dId, @dNo, @dName, @sId, @sNo, @sName, @archiveId, @manifest, @removed, @digest)`,
  );
  for (const c of plan.classes) {
    ids.push(
      Number(
        insert.run({
          batchId: input.batchId,
          planCode: plan.batch.planCode,
          batchName: plan.batch.name,
          class: c,
          classZh: CLASS_ZH[c],
          destroyedOn: today,
          at,
          reason: input.reason,
          method: input.method,
          province: policy.province,
          years: policy.years[c],
          due: dueOn(plan.batch.examDate, policy.years[c]),
          dId: sig.destroyer.id,
          dNo: sig.destroyer.staffNo,
          dName: sig.destroyer.name,
          sId: sig.signer.id,
          sNo: sig.signer.staffNo,
          sName: sig.signer.name,
          archiveId: plan.archive.id,
          manifest: plan.archive.manifestSha256,
          removed: JSON.stringify({ rows: perClass[c] ?? {}, archiveRebuilt: newArchiveId, ...(c === 'certificates' ? { auditRedacted: redactions.length } : {}) }),
          digest: c === 'certificates' ? digest : null,
        }).lastInsertRowid,
      ),
    );
  }
  const certId = plan.classes.includes('certificates') ? ids[plan.classes.indexOf('certificates')]! : null;
  const put = sqlite.prepare('INSERT INTO audit_redactions (seq, destruction_id, hash, detail_sha256, rest_sha256) VALUES (?, ?, ?, ?, ?)');
  for (const r of redactions) put.run(r.seq, certId, r.hash, r.detail_sha256, r.rest_sha256);
  return { destructionIds: ids, batchId: input.batchId, classes: plan.classes, removed, redacted: redactions.length, redactionsDigest: digest, archiveManifestSha256: plan.archive.manifestSha256 };
}

export interface LedgerRow {
  id: number;
  batchId: number;
  planCode: string;
  batchName: string;
  class: MaterialClass;
  classZh: string;
  destroyedOn: string;
  at: string;
  reason: string;
  method: string;
  province: string;
  retentionYears: number;
  dueOn: string;
  destroyerNo: string;
  destroyerName: string;
  signerNo: string;
  signerName: string;
  archiveManifestSha256: string;
  removed: Record<string, unknown>;
}

export function ledger(sqlite: ReadSqlite): LedgerRow[] {
  return (
    sqlite
      .prepare(
        `SELECT id, batch_id AS batchId, plan_code AS planCode, batch_name AS batchName, class, class_zh AS classZh, destroyed_on AS destroyedOn, at, reason, method,
                province, retention_years AS retentionYears, due_on AS dueOn, destroyer_no AS destroyerNo, destroyer_name AS destroyerName,
                signer_no AS signerNo, signer_name AS signerName, archive_manifest_sha256 AS archiveManifestSha256, removed
         FROM destructions ORDER BY id DESC`,
      )
      .all() as (Omit<LedgerRow, 'removed'> & { removed: string })[]
  ).map((r) => ({ ...r, removed: JSON.parse(r.removed) as Record<string, unknown> }));
}
