// G5: the publication (公示) of a batch's results, its objections, and the confirmation (确认单)
// once the period has ended with no objection left open. Issue 8: what is published is the sealed
// version (S9): the list comes from the batch's latest sealed package, checked against the database
// first (A1), so nothing can change under a running publication; an upheld objection reopens the batch
// as an amendment, and the changed results are published again from the amended version.
import type { Sqlite } from '../../../db';
import { maskDocNumber } from '../../domain/gb11643';
import { canonicalJson } from '../canonical';
import { AppError } from '../errors';
import { RESULTS_FORMAT, latestPackage, openAmendment, sealedContentDrift } from '../seal/ceremony';
import { packageById, type PackageEnvelope, type SealedPackageRow } from '../seal/package';
import { WorkCalendar, publicationEnd } from './calendar';
import { KIND_ZH, OUTCOME_ZH, type CandidateResult, type SubjectResult } from './compile';
import { openRescore } from './rescore';

export const LEVEL_ZH: Record<number, string> = { 1: '一级/高级技师', 2: '二级/技师', 3: '三级/高级工', 4: '四级/中级工', 5: '五级/初级工' };

export interface PublicationRow {
  candidateId: number;
  name: string;
  docMasked: string;
  occupation: string;
  level: string;
  subjects: { subjectId?: number; kind: string; label: string; result: string }[];
  passed: string;
}

/** What a published line needs: the candidate's identity (from the plan) and the result (as sealed). */
export type PublishedResult = Pick<CandidateResult, 'candidateId' | 'ticketNo' | 'name' | 'docMasked' | 'occupation' | 'workType' | 'level' | 'outcome'> & {
  subjects: readonly Pick<SubjectResult, 'subjectId' | 'kind' | 'status' | 'score' | 'passed'>[];
};

function subjectText(s: PublishedResult['subjects'][number]): string {
  if (s.status === 'absent') return '缺考';
  if (s.status === 'void') return '成绩无效';
  if (s.score === null) return '待定';
  return `${s.score.toFixed(1)}（${s.passed ? '合格' : '不合格'}）`;
}

/** The list as published: 姓名, masked ID, 职业(工种), 等级, per-subject result, 是否通过. */
export function publicationList(results: readonly PublishedResult[]): PublicationRow[] {
  return results.map((r) => ({
    candidateId: r.candidateId,
    name: r.name,
    docMasked: r.docMasked,
    occupation: r.workType ? `${r.occupation}（${r.workType}）` : r.occupation,
    level: LEVEL_ZH[r.level] ?? String(r.level),
    subjects: r.subjects.map((s) => ({ subjectId: s.subjectId, kind: s.kind, label: KIND_ZH[s.kind] ?? s.kind, result: subjectText(s) })),
    passed: r.outcome === 'passed' ? '是' : OUTCOME_ZH[r.outcome] === '不通过' ? '否' : `否（${OUTCOME_ZH[r.outcome]}）`,
  }));
}

interface SealedResultLine {
  ticketNo: string;
  candidateId: number;
  outcome: CandidateResult['outcome'];
  subjects: PublishedResult['subjects'];
}

function packageRow(sqlite: Sqlite, id: number): SealedPackageRow {
  const row = packageById(sqlite, id);
  if (!row) throw new AppError('NOT_FOUND', `找不到封存包 #${id}。`, `No sealed package ${id}.`);
  return row;
}

/** The results a sealed package holds, with each candidate's name, masked ID, occupation and level from the plan. */
export function packageResults(sqlite: Sqlite, pkg: SealedPackageRow): PublishedResult[] {
  const content = (JSON.parse(pkg.body) as PackageEnvelope).content as { format?: string; results?: SealedResultLine[] } | null;
  if (!content || content.format !== RESULTS_FORMAT || !Array.isArray(content.results)) {
    throw new AppError('CONFLICT', `第 ${pkg.version} 版封存包不是成绩包，不能据以公示。`, 'The package holds no results.');
  }
  const who = new Map(
    (
      sqlite
        .prepare('SELECT c.id, c.name, c.doc_number AS doc, o.name AS occupation, o.work_type_name AS workType, o.level FROM candidates c JOIN occupations o ON o.id = c.occupation_id WHERE c.batch_id = ?')
        .all(pkg.batch_id) as { id: number; name: string; doc: string; occupation: string; workType: string | null; level: number }[]
    ).map((c) => [c.id, c]),
  );
  return content.results.map((r) => {
    const c = who.get(r.candidateId);
    if (!c) throw new AppError('CONFLICT', `封存包中的考生（准考证号 ${r.ticketNo}）已不在计划中。`, 'A sealed candidate is missing from the plan.');
    return { candidateId: r.candidateId, ticketNo: r.ticketNo, name: c.name, docMasked: maskDocNumber(c.doc), occupation: c.occupation, workType: c.workType, level: c.level, outcome: r.outcome, subjects: r.subjects };
  });
}

/**
 * Issue 8 (S9, G5, A1): the version a publication shows — the batch's latest sealed package, after
 * checking that the database still holds exactly what was sealed. Refused, saying what to do, while
 * the batch is not sealed or is open for an amendment.
 */
export function sealedVersion(sqlite: Sqlite, batchId: number): { pkg: SealedPackageRow; results: PublishedResult[] } {
  const b = sqlite.prepare('SELECT status FROM batches WHERE id = ?').get(batchId) as { status: string } | undefined;
  if (!b) throw new AppError('NOT_FOUND', `找不到批次 #${batchId}。`, `No batch ${batchId}.`);
  if (b.status === 'amending') {
    throw new AppError('CONFLICT', '本批次正在修订：请先在“成绩封存”页签名封存修订版本，再公示。', 'The batch is being amended: seal the amendment first.');
  }
  if (b.status !== 'sealed') {
    throw new AppError(
      'CONFLICT',
      '成绩尚未封存：公示的是封存版本，请先在“成绩封存”页由考点负责人、考评组长和督导员签名封存（S9）。',
      'Results are not sealed yet: the publication shows the sealed version (S9).',
    );
  }
  const pkg = latestPackage(sqlite, batchId);
  if (!pkg) throw new AppError('CONFLICT', '本批次没有封存包。', 'No sealed package.');
  const drift = sealedContentDrift(sqlite, pkg);
  if (drift) throw new AppError('CONFLICT', 'seal.contentDrift', { path: drift.path, ticket: drift.ticketNo ?? '—' });
  return { pkg, results: packageResults(sqlite, pkg) };
}

/** Which version a publication would show now (the publication page's header), or why none. */
export function publicationBasis(sqlite: Sqlite, batchId: number) {
  try {
    const { pkg, results } = sealedVersion(sqlite, batchId);
    return { ok: true as const, version: pkg.version, hash: pkg.hash, kind: pkg.kind, sealedAt: pkg.created_at, candidates: results.length, message: null };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { ok: false as const, version: null, hash: null, kind: null, sealedAt: null, candidates: 0, message: e.message };
  }
}

/**
 * Opens the publication of the sealed version (issue 8): refused unless the batch is sealed and its
 * database still matches the package; records which version it shows.
 */
export function openPublication(sqlite: Sqlite, batchId: number, startDate: string, at: string, by: number) {
  const open = sqlite.prepare("SELECT id FROM publications WHERE batch_id = ? AND status = 'open' AND kind = 'main'").get(batchId) as { id: number } | undefined;
  if (open) throw new AppError('CONFLICT', '本批次已有进行中的公示。', 'A publication is already open.');
  const { pkg, results } = sealedVersion(sqlite, batchId);
  const pending = results.filter((r) => r.outcome === 'pending');
  if (pending.length) {
    throw new AppError('CONFLICT', `尚有 ${pending.length} 名考生成绩未完成（如 ${pending.slice(0, 3).map((p) => p.name).join('、')}），不能公示。`, `${pending.length} results are pending.`, {
      params: { pending: pending.length },
    });
  }
  const endDate = publicationEnd(new WorkCalendar(sqlite), startDate);
  const list = publicationList(results);
  const id = sqlite
    .prepare("INSERT INTO publications (batch_id, start_date, end_date, snapshot, status, package_id, created_at, created_by) VALUES (?, ?, ?, ?, 'open', ?, ?, ?)")
    .run(batchId, startDate, endDate, canonicalJson(list), pkg.id, at, by).lastInsertRowid;
  return { id: Number(id), startDate, endDate, count: list.length, version: pkg.version, hash: pkg.hash };
}

/** Each candidate's line as last published (a later publication replaces an earlier one). */
function lastPublished(sqlite: Sqlite, batchId: number): Map<number, string> {
  const out = new Map<number, string>();
  for (const p of sqlite.prepare("SELECT snapshot FROM publications WHERE batch_id = ? AND status <> 'withdrawn' ORDER BY id").all(batchId) as { snapshot: string }[]) {
    for (const row of JSON.parse(p.snapshot) as PublicationRow[]) out.set(row.candidateId, canonicalJson(row));
  }
  return out;
}

/** The candidates whose line in the given list differs from what was last published for them. */
function changedSincePublished(sqlite: Sqlite, batchId: number, list: readonly PublicationRow[]): Set<number> {
  const last = lastPublished(sqlite, batchId);
  return new Set(list.filter((r) => last.has(r.candidateId) && last.get(r.candidateId) !== canonicalJson(r)).map((r) => r.candidateId));
}

/**
 * G5 for changed results (issue 7 §6): a supplementary publication (补充公示), from the latest sealed
 * version (the amendment), of the candidates whose re-examination is done and not yet published again,
 * and of any other candidate whose published line that version changes; with its own five working
 * days. Its objections are handled like any other; its 确认单 lists them once it ends with none open.
 */
export function openSupplement(sqlite: Sqlite, batchId: number, startDate: string, at: string, by: number) {
  const { pkg, results } = sealedVersion(sqlite, batchId);
  const rows = sqlite
    .prepare(
      `SELECT r.id, r.candidate_id AS candidateId FROM rescores r JOIN candidates c ON c.id = r.candidate_id
       WHERE c.batch_id = ? AND r.status = 'done' AND r.republished_in IS NULL ORDER BY r.id`,
    )
    .all(batchId) as { id: number; candidateId: number }[];
  const busy = new Set(
    (sqlite.prepare("SELECT r.candidate_id AS c FROM rescores r JOIN candidates c ON c.id = r.candidate_id WHERE c.batch_id = ? AND r.status = 'open'").all(batchId) as { c: number }[]).map(
      (r) => r.c,
    ),
  );
  // a candidate with another subject still being re-examined waits for the next supplement
  const ready = rows.filter((r) => !busy.has(r.candidateId));
  const ids = new Set(ready.map((r) => r.candidateId));
  for (const c of changedSincePublished(sqlite, batchId, publicationList(results))) if (!busy.has(c)) ids.add(c);
  if (!ids.size) throw new AppError('CONFLICT', '没有已重新评定、待重新公示的成绩。', 'No changed result awaits publication.');
  const chosen = results.filter((r) => ids.has(r.candidateId));
  const pending = chosen.filter((r) => r.outcome === 'pending');
  if (pending.length) throw new AppError('CONFLICT', `${pending.map((p) => p.name).join('、')} 的成绩尚未完成，不能公示。`, 'Some changed results are pending.');
  const endDate = publicationEnd(new WorkCalendar(sqlite), startDate);
  const list = publicationList(chosen);
  const id = Number(
    sqlite
      .prepare(
        "INSERT INTO publications (batch_id, start_date, end_date, snapshot, status, kind, package_id, created_at, created_by) VALUES (?, ?, ?, ?, 'open', 'supplement', ?, ?, ?)",
      )
      .run(batchId, startDate, endDate, canonicalJson(list), pkg.id, at, by).lastInsertRowid,
  );
  const mark = sqlite.prepare('UPDATE rescores SET republished_in = ? WHERE id = ?');
  for (const r of ready) mark.run(id, r.id);
  return { id, startDate, endDate, count: list.length, candidateIds: [...ids], version: pkg.version, hash: pkg.hash };
}

export function publicationsOf(sqlite: Sqlite, batchId: number) {
  return (
    sqlite
      .prepare(
        `SELECT p.id, p.start_date AS startDate, p.end_date AS endDate, p.status, p.kind, p.created_at AS createdAt, p.snapshot, k.version, k.hash
         FROM publications p LEFT JOIN sealed_packages k ON k.id = p.package_id WHERE p.batch_id = ? ORDER BY p.id DESC`,
      )
      .all(batchId) as {
      id: number;
      startDate: string;
      endDate: string;
      status: string;
      kind: string;
      createdAt: string;
      snapshot: string;
      /** the sealed version it shows (issue 8) */
      version: number | null;
      hash: string | null;
    }[]
  ).map((p) => ({ ...p, snapshot: JSON.parse(p.snapshot) as PublicationRow[] }));
}

export function objectionsOf(sqlite: Sqlite, publicationId: number) {
  return sqlite
    .prepare(
      `SELECT o.id, o.candidate_id AS candidateId, c.name AS candidateName, o.subject_id AS subjectId, o.raised_by AS raisedBy, o.content, o.received_at AS receivedAt,
              o.status, o.investigation, o.decision, o.outcome, d.name AS decidedBy, o.decided_at AS decidedAt, r.name AS recordedBy
       FROM objections o LEFT JOIN candidates c ON c.id = o.candidate_id LEFT JOIN staff d ON d.id = o.decided_by LEFT JOIN staff r ON r.id = o.recorded_by
       WHERE o.publication_id = ? ORDER BY o.id`,
    )
    .all(publicationId) as {
    id: number;
    candidateId: number | null;
    candidateName: string | null;
    subjectId: number | null;
    raisedBy: string;
    content: string;
    receivedAt: string;
    status: string;
    investigation: string | null;
    decision: string | null;
    outcome: string | null;
    decidedBy: string | null;
    decidedAt: string | null;
    recordedBy: string | null;
  }[];
}

function publication(sqlite: Sqlite, id: number) {
  const p = sqlite.prepare('SELECT id, batch_id AS batchId, start_date AS startDate, end_date AS endDate, status, package_id AS packageId FROM publications WHERE id = ?').get(id) as
    | { id: number; batchId: number; startDate: string; endDate: string; status: string; packageId: number | null }
    | undefined;
  if (!p) throw new AppError('NOT_FOUND', '找不到该公示。', 'No such publication.');
  return p;
}

export function recordObjection(sqlite: Sqlite, at: string, by: number, input: { publicationId: number; candidateId?: number | undefined; raisedBy: string; content: string }) {
  const p = publication(sqlite, input.publicationId);
  if (p.status !== 'open') throw new AppError('CONFLICT', '该公示已结束，不能再登记异议。', 'The publication has ended.');
  if (input.candidateId) {
    const c = sqlite.prepare('SELECT batch_id AS b FROM candidates WHERE id = ?').get(input.candidateId) as { b: number } | undefined;
    if (!c || c.b !== p.batchId) throw new AppError('NOT_FOUND', '找不到该考生。', 'No such candidate.');
  }
  const id = sqlite
    .prepare("INSERT INTO objections (publication_id, candidate_id, raised_by, content, received_at, recorded_by, status) VALUES (?, ?, ?, ?, ?, ?, 'open')")
    .run(input.publicationId, input.candidateId ?? null, input.raisedBy, input.content, at, by).lastInsertRowid;
  return { id: Number(id) };
}

export function investigateObjection(sqlite: Sqlite, input: { objectionId: number; investigation: string }) {
  const o = sqlite.prepare('SELECT status FROM objections WHERE id = ?').get(input.objectionId) as { status: string } | undefined;
  if (!o) throw new AppError('NOT_FOUND', '找不到该异议。', 'No such objection.');
  if (o.status === 'resolved') throw new AppError('CONFLICT', '该异议已处理完毕。', 'Already resolved.');
  sqlite.prepare("UPDATE objections SET status = 'investigating', investigation = ? WHERE id = ?").run(input.investigation, input.objectionId);
  return { status: 'investigating' };
}

/**
 * Resolves with an attributed decision. An upheld objection may name the subject to examine again
 * (issue 7 §6): the changed result then goes through the same rules (new round / G4 correction) and a
 * supplementary publication before any 确认单 includes it.
 */
export function resolveObjection(sqlite: Sqlite, at: string, by: number, input: { objectionId: number; decision: string; outcome: 'upheld' | 'rejected'; subjectId?: number | undefined }) {
  const o = sqlite.prepare('SELECT status, investigation FROM objections WHERE id = ?').get(input.objectionId) as { status: string; investigation: string | null } | undefined;
  if (!o) throw new AppError('NOT_FOUND', '找不到该异议。', 'No such objection.');
  if (o.status === 'resolved') throw new AppError('CONFLICT', '该异议已处理完毕。', 'Already resolved.');
  if (!o.investigation) throw new AppError('CONFLICT', '请先记录调查情况，再作出处理决定。', 'Record the investigation first.');
  if (input.subjectId !== undefined && input.outcome !== 'upheld') throw new AppError('BAD_INPUT', '只有异议成立时才重新评定科目成绩。', 'Only an upheld objection re-examines a subject.');
  sqlite.prepare("UPDATE objections SET status = 'resolved', decision = ?, outcome = ?, decided_by = ?, decided_at = ? WHERE id = ?").run(input.decision, input.outcome, by, at, input.objectionId);
  // issue 8 (G7): the published results are sealed; re-examining a subject reopens the batch as an
  // amendment (the sealed versions stay as they are), to be sealed again before it is published again
  let amendment: { batchId: number; status: 'amending' } | null = null;
  if (input.subjectId !== undefined) {
    const b = sqlite.prepare('SELECT b.id, b.status FROM objections o JOIN publications p ON p.id = o.publication_id JOIN batches b ON b.id = p.batch_id WHERE o.id = ?').get(input.objectionId) as {
      id: number;
      status: string;
    };
    if (b.status === 'sealed') amendment = openAmendment(sqlite, b.id);
  }
  const rescore = input.subjectId !== undefined ? openRescore(sqlite, at, by, { objectionId: input.objectionId, subjectId: input.subjectId }) : null;
  return { status: 'resolved', rescore, amendment };
}

/**
 * The 公示结果确认单 per occupation and level: only after the end date with no objection open.
 * "以上共 N 名人员，通过 X 职业 Y 等级职业技能等级认定，经公示无异议" lists those who passed.
 */
export function confirmationSheets(sqlite: Sqlite, publicationId: number, today: string) {
  const p = publication(sqlite, publicationId);
  if (today <= p.endDate) throw new AppError('CONFLICT', `公示期至 ${p.endDate} 结束，期满后方可生成确认单。`, `The publication ends on ${p.endDate}.`, { params: { endDate: p.endDate } });
  const open = objectionsOf(sqlite, publicationId).filter((o) => o.status !== 'resolved');
  if (open.length) throw new AppError('CONFLICT', `尚有 ${open.length} 条异议未处理完毕，不能生成确认单。`, `${open.length} objections are open.`);
  const batch = sqlite
    .prepare('SELECT b.plan_code AS planCode, b.name AS batchName, o.name AS orgName FROM batches b JOIN organisations o ON o.id = b.organisation_id WHERE b.id = ?')
    .get(p.batchId) as { planCode: string; batchName: string; orgName: string };
  // the results as this publication showed them: its sealed version (issue 8), only those it listed;
  // a result published again later (an upheld objection here, a corrected version) is confirmed by the
  // publication that publishes it again (G5, issue 7 §6), not by this one
  if (!p.packageId) throw new AppError('CONFLICT', '该公示没有对应的封存版本，不能生成确认单。', 'The publication names no sealed version.');
  const listed = new Set((JSON.parse((sqlite.prepare('SELECT snapshot FROM publications WHERE id = ?').get(publicationId) as { snapshot: string }).snapshot) as PublicationRow[]).map((r) => r.candidateId));
  const changed = new Set(
    (
      sqlite
        .prepare(
          `SELECT r.candidate_id AS c FROM rescores r JOIN objections o ON o.id = r.objection_id WHERE o.publication_id = ?
           UNION SELECT j.value ->> '$.candidateId' FROM publications q, json_each(q.snapshot) j WHERE q.batch_id = ? AND q.id > ? AND q.status <> 'withdrawn'`,
        )
        .all(publicationId, p.batchId, publicationId) as { c: number }[]
    ).map((r) => r.c),
  );
  const results = packageResults(sqlite, packageRow(sqlite, p.packageId)).filter((r) => listed.has(r.candidateId) && !changed.has(r.candidateId));
  const groups = new Map<string, { occupation: string; level: number; names: string[] }>();
  for (const r of results) {
    const occ = r.workType ? `${r.occupation}（${r.workType}）` : r.occupation;
    const key = `${occ}|${r.level}`;
    const g = groups.get(key) ?? { occupation: occ, level: r.level, names: [] };
    if (r.outcome === 'passed') g.names.push(r.name);
    groups.set(key, g);
  }
  return [...groups.values()]
    .filter((g) => g.names.length > 0)
    .map((g) => ({
      ...batch,
      occupation: g.occupation,
      level: LEVEL_ZH[g.level] ?? String(g.level),
      names: g.names,
      sentence: `以上共 ${g.names.length} 名人员，通过 ${g.occupation} 职业 ${LEVEL_ZH[g.level] ?? g.level} 等级职业技能等级认定，经公示无异议。`,
    }));
}

/** Ends the period (after its end date); the confirmation is then available when no objection is open. */
export function endPublication(sqlite: Sqlite, publicationId: number, today: string) {
  const p = publication(sqlite, publicationId);
  if (p.status !== 'open') throw new AppError('CONFLICT', '该公示已结束。', 'Already ended.');
  if (today <= p.endDate) throw new AppError('CONFLICT', `公示期至 ${p.endDate} 结束，尚未期满。`, 'The period has not ended.');
  sqlite.prepare("UPDATE publications SET status = 'ended' WHERE id = ?").run(publicationId);
  return { status: 'ended' };
}

// The sync page asks for the gate every second: comparing a 10,000-candidate package with what was
// published parses megabytes. Sealed packages and publication lists never change (append-only), so
// the answer for one package and one set of publications is computed once.
const changedMemo = new Map<string, number>();

function changedCount(sqlite: Sqlite, batchId: number, packageId: number, publicationIds: number[]): number {
  const key = `${sqlite.name}|${packageId}|${publicationIds.join(',')}`;
  let n = changedMemo.get(key);
  if (n === undefined) {
    n = changedSincePublished(sqlite, batchId, publicationList(packageResults(sqlite, packageRow(sqlite, packageId)))).size;
    if (changedMemo.size > 64) changedMemo.clear();
    changedMemo.set(key, n);
  }
  return n;
}

export type HoldCode = 'amending' | 'notPublished' | 'periodRunning' | 'supplementRunning' | 'objectionsOpen' | 'republishPending' | 'changedUnpublished';

export interface UploadGate {
  clear: boolean;
  /** why the batch's packages wait, in Chinese, one line each */
  reasons: string[];
  /** the same, as catalogue codes with their figures (the sync page renders them in either language) */
  holds: { code: HoldCode; params: Record<string, string | number> }[];
}

/**
 * G5: results go to the platform once published for the full period with no objection left (and,
 * after an upheld objection, once the changed results have been published again). The sync engine
 * holds a batch's results packages until this is clear; the sync page shows the reasons.
 */
export function uploadGate(sqlite: Sqlite, batchId: number, today: string): UploadGate {
  const reasons: string[] = [];
  const holds: UploadGate['holds'] = [];
  const hold = (code: HoldCode, params: Record<string, string | number>, zh: string) => {
    holds.push({ code, params });
    reasons.push(zh);
  };
  const b = sqlite.prepare('SELECT status FROM batches WHERE id = ?').get(batchId) as { status: string } | undefined;
  if (!b) return { clear: false, reasons: [`找不到批次 #${batchId}。`], holds: [] };
  if (b.status === 'amending') hold('amending', {}, '本批次正在修订：签名封存修订版本并补充公示后方可上报。');
  const pubs = sqlite.prepare("SELECT id, kind, end_date AS endDate FROM publications WHERE batch_id = ? AND status <> 'withdrawn' ORDER BY id").all(batchId) as {
    id: number;
    kind: string;
    endDate: string;
  }[];
  if (!pubs.length) hold('notPublished', {}, '成绩尚未公示（G5）：公示 5 个工作日期满且无异议后方可上报省平台。');
  for (const p of pubs) {
    if (today > p.endDate) continue;
    if (p.kind === 'supplement') hold('supplementRunning', { end: p.endDate }, `补充公示期至 ${p.endDate} 结束（G5），期满后方可上报。`);
    else hold('periodRunning', { end: p.endDate }, `公示期至 ${p.endDate} 结束（G5），期满后方可上报。`);
  }
  const open = sqlite
    .prepare("SELECT COUNT(*) AS n FROM objections o JOIN publications p ON p.id = o.publication_id WHERE p.batch_id = ? AND o.status <> 'resolved'")
    .get(batchId) as { n: number };
  if (open.n) hold('objectionsOpen', { n: open.n }, `尚有 ${open.n} 条异议未处理完毕（G5）。`);
  const rescores = sqlite
    .prepare("SELECT COUNT(*) AS n FROM rescores r JOIN candidates c ON c.id = r.candidate_id WHERE c.batch_id = ? AND (r.status = 'open' OR r.republished_in IS NULL)")
    .get(batchId) as { n: number };
  if (rescores.n) hold('republishPending', { n: rescores.n }, `${rescores.n} 项重新评定的成绩尚待补充公示（G5）。`);
  if (b.status === 'sealed' && pubs.length && !rescores.n) {
    // id and version only (not latestPackage's whole body): this runs on every status poll
    const latest = sqlite.prepare('SELECT id, version FROM sealed_packages WHERE batch_id = ? ORDER BY version DESC LIMIT 1').get(batchId) as { id: number; version: number } | undefined;
    if (latest) {
      const n = changedCount(sqlite, batchId, latest.id, pubs.map((p) => p.id));
      if (n) hold('changedUnpublished', { version: latest.version, n }, `第 ${latest.version} 版改变了 ${n} 名考生已公示的结果，请先补充公示（G5）。`);
    }
  }
  return { clear: reasons.length === 0, reasons, holds };
}
