// DOMAIN A2: the archive of one batch, per year and batch: a BagIt package (bagit.ts) whose payload
// is grouped by class of material (data/<class>/…, classes.ts), so a destruction can take one class
// out. It holds the official forms as PDF/A-2b with their xlsx, the sealed packages and the
// platform's receipts, the registration, sign-in and incident photos, the draw records and the
// audit trail segment the batch lives in. `verifyArchive` checks it without the console's database.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db, Sqlite } from '../../../db';
import { GENESIS_HASH, eventHash, type AuditRow } from '../audit';
import { canonicalJson } from '../canonical';
import { arrangement } from '../draw/paper';
import { AppError } from '../errors';
import { reportView } from '../incidents/report';
import { LEVEL_ZH, OUTCOME_ZH, SUBJECT_KIND_RESULT_ZH as KIND_ZH } from '../../domain/vocabulary';
import { compileResults } from '../results/compile';
import { summaryWorkbook } from '../results/forms';
import { confirmationSheets } from '../publication/confirmation';
import { confirmationWorkbook, publicationWorkbook } from '../publication/forms';
import { publicationsOf } from '../publication/lifecycle';
import { verifyPackage, type SealedPackageRow } from '../seal/package';
import type { Clock } from '../runtime';
import { readBag, writeBag, type BagFile, type BagProblem } from './bagit';
import { CLASS_ZH, MATERIAL_CLASSES, type MaterialClass } from './classes';
import { batchFigures, type BatchFigures } from './figures';
import { formPdf, formXlsx, type FormTable } from './pdf';

export const ARCHIVE_PROFILE = 'esc-archive/1';

interface BatchRow {
  id: number;
  planCode: string;
  name: string;
  examDate: string;
  status: string;
  orgName: string;
  orgCode: string;
}

function batchRow(sqlite: Sqlite, batchId: number): BatchRow {
  const b = sqlite
    .prepare(
      `SELECT b.id, b.plan_code AS planCode, b.name, b.exam_date AS examDate, b.status, o.name AS orgName, o.code AS orgCode
       FROM batches b JOIN organisations o ON o.id = b.organisation_id WHERE b.id = ?`,
    )
    .get(batchId) as BatchRow | undefined;
  if (!b) throw new AppError('NOT_FOUND', 'batch.notFound', { batchId });
  return b;
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const json = (v: unknown) => Buffer.from(`${JSON.stringify(v, null, 1)}\n`, 'utf8');

/** Rows as JSON: blobs become their SHA-256 (the bytes travel as files of their own). */
function rows(sqlite: Sqlite, sql: string, ...params: unknown[]): Record<string, unknown>[] {
  return (sqlite.prepare(sql).all(...params) as Record<string, unknown>[]).map((r) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) out[k] = Buffer.isBuffer(v) ? { sha256: sha256(v), bytes: v.length } : v;
    return out;
  });
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_');
/** A photo's file extension by its stored type (unknown types stay .jpg, what door cameras write). */
const PHOTO_EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/bmp': 'bmp', 'image/gif': 'gif', 'image/webp': 'webp' };
const photoExt = (mime: string | null) => (mime && PHOTO_EXT[mime]) ?? 'jpg';
const occupationText = (occupation: string, workType: string | null) => `${occupation}（${workType ?? '——'}）`; // P2

/** The batch's part of the audit trail: from the batch's first event to the head, anchored on the event before. */
export function auditSegment(sqlite: Sqlite, batchId: number): AuditRow[] {
  const plan = sqlite.prepare('SELECT MIN(at) AS at FROM plan_imports WHERE batch_id = ?').get(batchId) as { at: string | null };
  const first = plan.at ? (sqlite.prepare('SELECT MIN(seq) AS s FROM audit_events WHERE at >= ?').get(plan.at) as { s: number | null }).s : null;
  return sqlite.prepare('SELECT * FROM audit_events WHERE seq >= ? ORDER BY seq').all(first ?? 1) as AuditRow[];
}

export interface SegmentCheck {
  ok: boolean;
  count: number;
  firstSeq: number | null;
  headSeq: number | null;
  headHash: string | null;
  reason?: string;
}

/**
 * A chain segment verifies on its own: each event links to the one before and hashes to what it
 * says. An event a destruction redacted carries the marker instead of its detail; its hash still
 * links the chain (the console's verify also checks the redaction record against the ledger).
 */
export function verifySegment(events: readonly AuditRow[]): SegmentCheck {
  let prev: string | null = null;
  let seq: number | null = null;
  for (const e of events) {
    if (prev !== null && e.prev_hash !== prev) return { ok: false, count: events.length, firstSeq: events[0]?.seq ?? null, headSeq: seq, headHash: prev, reason: `事件 #${e.seq} 的 prev_hash 与上一事件不符 / broken link at #${e.seq}` };
    if (seq !== null && e.seq !== seq + 1) return { ok: false, count: events.length, firstSeq: events[0]?.seq ?? null, headSeq: seq, headHash: prev, reason: `序号不连续于 #${e.seq} / sequence gap at #${e.seq}` };
    if (prev === null && e.seq === 1 && e.prev_hash !== GENESIS_HASH) return { ok: false, count: events.length, firstSeq: 1, headSeq: null, headHash: null, reason: '首个事件的 prev_hash 不是创世值 / first event not anchored on genesis' };
    if (eventHash(e) !== e.hash && !isRedacted(e.detail)) return { ok: false, count: events.length, firstSeq: events[0]?.seq ?? null, headSeq: seq, headHash: prev, reason: `事件 #${e.seq} 内容与 hash 不符（被改动）/ event #${e.seq} edited` };
    prev = e.hash;
    seq = e.seq;
  }
  return { ok: true, count: events.length, firstSeq: events[0]?.seq ?? null, headSeq: seq, headHash: prev };
}

export const REDACTED_KEY = 'redactedByDestruction';
export function isRedacted(detail: string): boolean {
  return detail.startsWith(`{"${REDACTED_KEY}":`);
}

// ——— the forms ———

function summaryForm(b: BatchRow, sqlite: Sqlite): FormTable {
  const results = compileResults(sqlite, b.id);
  const kinds = (['theory', 'skill', 'review'] as const).filter((k) => results.some((r) => r.subjects.some((s) => s.kind === k)));
  const docs = new Map((sqlite.prepare('SELECT id, doc_number AS d, gender AS g FROM candidates WHERE batch_id = ?').all(b.id) as { id: number; d: string; g: string }[]).map((r) => [r.id, r]));
  return {
    title: '技能等级认定考生成绩汇总表',
    sheetName: '成绩汇总表',
    landscape: true,
    meta: [`评价机构：${b.orgName}`, `认定计划号：${b.planCode}　批次：${b.name}　考试日期：${b.examDate}`],
    columns: [
      { label: '序号', width: 1.2, align: 'center' },
      { label: '姓名', width: 2.2 },
      { label: '性别', width: 1, align: 'center' },
      { label: '证件号码', width: 4.2 },
      { label: '准考证号', width: 3 },
      { label: '职业（工种）', width: 4 },
      { label: '等级', width: 2.6 },
      ...kinds.map((k) => ({ label: `${KIND_ZH[k]}成绩`, width: 1.8, align: 'center' as const })),
      { label: '是否通过', width: 1.6, align: 'center' },
      { label: '备注', width: 3 },
    ],
    rows: results.map((r, i) => [
      i + 1,
      r.name,
      docs.get(r.candidateId)?.g ?? '',
      docs.get(r.candidateId)?.d ?? '',
      r.ticketNo,
      occupationText(r.occupation, r.workType),
      LEVEL_ZH[r.level] ?? String(r.level),
      ...kinds.map((k) => {
        const s = r.subjects.find((x) => x.kind === k);
        return !s ? '—' : s.status === 'absent' ? '缺考' : s.status === 'void' ? '成绩无效' : (s.score ?? '待定');
      }),
      r.outcome === 'passed' ? '是' : '否',
      r.outcome === 'passed' || r.outcome === 'failed' ? '' : OUTCOME_ZH[r.outcome],
    ]),
    footer: ['统分人（签名）：　　　　　　复核人（签名）：　　　　　　督导员（签名）：'],
  };
}

function publicationForms(b: BatchRow, sqlite: Sqlite): { id: number; form: FormTable }[] {
  return publicationsOf(sqlite, b.id).map((p) => {
    const labels = [...new Set(p.snapshot.flatMap((r) => r.subjects.map((s) => s.label)))];
    return {
      id: p.id,
      form: {
        title: `${b.orgName}职业技能等级认定结果公示`,
        sheetName: `公示名单${p.id}`,
        meta: [`公示期：${p.startDate} 至 ${p.endDate}（5 个工作日）${p.version ? `　公示依据：封存第 ${p.version} 版（SHA-256 ${(p.hash ?? '').slice(0, 16)}…）` : ''}`],
        columns: [
          { label: '序号', width: 1.2, align: 'center' },
          { label: '姓名', width: 2.4 },
          { label: '证件号码', width: 4.2 },
          { label: '职业（工种）', width: 4 },
          { label: '等级', width: 2.6 },
          ...labels.map((l) => ({ label: l, width: 2, align: 'center' as const })),
          { label: '是否通过', width: 1.6, align: 'center' },
        ],
        rows: p.snapshot.map((r, i) => [i + 1, r.name, r.docMasked, r.occupation, r.level, ...labels.map((l) => r.subjects.find((s) => s.label === l)?.result ?? '—'), r.passed]),
        footer: [],
      },
    };
  });
}

function confirmationForms(sqlite: Sqlite, clock: Clock, publicationId: number): FormTable[] {
  return confirmationSheets({ sqlite, clock }, publicationId).map((g) => ({
    title: '职业技能等级认定公示结果确认单',
    sheetName: `确认单${g.level}`.slice(0, 31),
    meta: [`评价机构：${g.orgName}`, `认定计划号：${g.planCode}　批次：${g.batchName}`, `职业（工种）：${g.occupation}　等级：${g.level}`],
    columns: [
      { label: '序号', width: 1, align: 'center' },
      { label: '姓名', width: 4 },
    ],
    rows: g.names.map((n, i) => [i + 1, n]),
    footer: [g.sentence, '评价机构（盖章）：　　　　　　负责人（签名）：　　　　　　日期：'],
  }));
}

function signSheetForms(b: BatchRow, sqlite: Sqlite): FormTable[] {
  const places = sqlite
    .prepare(
      `SELECT DISTINCT es.id AS sessionId, es.name AS sessionName, es.starts_at AS startsAt, es.ends_at AS endsAt, r.id AS roomId, r.code AS roomCode
       FROM candidate_subjects cs JOIN exam_sessions es ON es.id = cs.session_id JOIN rooms r ON r.id = cs.room_id
       WHERE es.batch_id = ? ORDER BY es.starts_at, es.id, r.code`,
    )
    .all(b.id) as { sessionId: number; sessionName: string; startsAt: string; endsAt: string; roomId: number; roomCode: string }[];
  const seated = sqlite.prepare(
    `SELECT c.name, c.ticket_no AS ticketNo, c.doc_number AS doc, cs.seat, ck.status, ck.at, ck.late, a.candidate_id AS absent
     FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id
     LEFT JOIN checkins ck ON ck.session_id = cs.session_id AND ck.candidate_id = c.id
     LEFT JOIN checkin_absences a ON a.session_id = cs.session_id AND a.candidate_id = c.id
     WHERE cs.session_id = ? AND cs.room_id = ? ORDER BY cs.seat, c.ticket_no`,
  );
  const STATUS: Record<string, string> = { admitted: '已签到', doubtful: '存疑放行' };
  return places.map((p) => {
    const list = seated.all(p.sessionId, p.roomId) as { name: string; ticketNo: string; doc: string; seat: string | null; status: string | null; at: string | null; late: number | null; absent: number | null }[];
    return {
      title: '职业技能等级认定考生签到表',
      sheetName: `签到表${p.sessionId}-${p.roomCode}`,
      meta: [`${b.name}`, `场次：${p.sessionName}（${p.startsAt.slice(0, 16).replace('T', ' ')}—${p.endsAt.slice(11, 16)}）　考场：${p.roomCode}`],
      columns: [
        { label: '序号', width: 1, align: 'center' },
        { label: '姓名', width: 2.2 },
        { label: '准考证号', width: 3 },
        { label: '证件号码', width: 4.2 },
        { label: '座号', width: 1.2, align: 'center' },
        { label: '签到情况', width: 2.4 },
        { label: '签到时间', width: 2.4 },
      ],
      rows: list.map((c, i) => [
        i + 1,
        c.name,
        c.ticketNo,
        c.doc,
        c.seat ?? '',
        c.status ? `${STATUS[c.status] ?? c.status}${c.late ? '（迟到准入）' : ''}` : c.absent ? '缺考' : '未签到',
        c.at ? new Date(new Date(c.at).getTime() + 8 * 3600_000).toISOString().slice(11, 19) : '',
      ]),
      footer: ['监考人员（签名）：　　　　　　　　监考人员（签名）：'],
    };
  });
}

function arrangementForms(db: Db, batchId: number, clock: Clock): FormTable[] {
  return arrangement({ db, clock }, batchId).forms.map((f) => ({
    title: f.title,
    sheetName: f.title.replace('职业技能等级认定', ''),
    landscape: true,
    meta: [`考点：${f.place}　日期：${f.dateText}　考生人数：${f.candidates}`],
    columns: f.columns.map((label) => ({ label, width: label === '考场' || label.includes('职业') ? 4 : 2.5 })),
    rows: f.rows,
    footer: [],
  }));
}

function reportForm(db: Db, sqlite: Sqlite, clock: Clock, b: BatchRow): FormTable | null {
  const v = reportView({ db, sqlite, clock, actor: null }, b.id);
  if (!v.signed) return null;
  const s = v.signed;
  return {
    title: '技能等级认定现场督导情况报告',
    sheetName: '现场督导情况报告',
    meta: [`评价机构：${b.orgName}　认定计划号：${b.planCode}`, `督导员：${s.supervisorName}　单位：${s.supervisorUnit ?? ''}　日期：${s.signedDate}`],
    columns: [
      { label: '检查项目', width: 3 },
      { label: '督导结论', width: 5 },
    ],
    rows: v.checklistForm.flatMap((part) => part.items.map((item) => [part.part, (item.options as readonly string[])[s.checklist[item.key]] ?? String(s.checklist[item.key])])),
    footer: [`督导意见：${s.opinion}`, `发现问题：${s.issues || '无'}`, `签名：${s.supervisorName}（PIN 签署，签名值 ${s.signature.slice(0, 16)}…）`],
  };
}

function registerForm(b: BatchRow, sqlite: Sqlite): FormTable {
  const list = sqlite
    .prepare(
      `SELECT c.name, c.gender, c.doc_number AS doc, c.ticket_no AS ticketNo, o.name AS occupation, o.work_type_name AS workType, o.level, sc.certificate_no AS certificateNo
       FROM sync_certificates sc JOIN sealed_packages p ON p.hash = sc.package_hash JOIN candidates c ON c.batch_id = p.batch_id AND c.ticket_no = sc.candidate_ref
       JOIN occupations o ON o.id = c.occupation_id WHERE p.batch_id = ? GROUP BY sc.candidate_ref ORDER BY sc.certificate_no`,
    )
    .all(b.id) as { name: string; gender: string; doc: string; ticketNo: string; occupation: string; workType: string | null; level: number; certificateNo: string }[];
  return {
    title: '职业技能等级证书发证名册',
    sheetName: '发证名册',
    landscape: true,
    meta: [`评价机构：${b.orgName}（${b.orgCode}）`, `认定计划号：${b.planCode}　批次：${b.name}　考试日期：${b.examDate}　共 ${list.length} 人`],
    columns: [
      { label: '序号', width: 1, align: 'center' },
      { label: '姓名', width: 2 },
      { label: '性别', width: 1, align: 'center' },
      { label: '证件号码', width: 4 },
      { label: '准考证号', width: 3 },
      { label: '职业（工种）', width: 4 },
      { label: '等级', width: 2.4 },
      { label: '证书编号', width: 4 },
    ],
    rows: list.map((r, i) => [i + 1, r.name, r.gender, r.doc, r.ticketNo, occupationText(r.occupation, r.workType), LEVEL_ZH[r.level] ?? String(r.level), r.certificateNo]),
    footer: ['评价机构（盖章）：　　　　　　负责人（签名）：'],
  };
}

// ——— the payload ———

export interface ArchiveIndex {
  profile: typeof ARCHIVE_PROFILE;
  batch: { id: number; planCode: string; name: string; examDate: string; organisation: string; organisationCode: string };
  createdAt: string;
  classes: { class: MaterialClass; name: string; present: boolean; files: string[] }[];
  /** files every archive of this profile must hold (per class present) */
  required: string[];
  sealed: { version: number; hash: string }[];
  auditSegment: { firstSeq: number | null; headSeq: number | null; headHash: string | null; count: number };
  figures: BatchFigures;
}

export interface BuiltPayload {
  files: BagFile[];
  index: ArchiveIndex;
}

async function both(path: string, forms: FormTable[], title: string, author: string, at: Date, files: BagFile[], required: string[]): Promise<void> {
  if (forms.length === 0) return;
  files.push({ path: `${path}.pdf`, data: await formPdf(forms, { title, author, createdAt: at }) });
  files.push({ path: `${path}.xlsx`, data: await formXlsx(forms) });
  required.push(`${path}.pdf`);
}

/** Everything of the batch, by class. The batch must be sealed: the archive keeps what was sealed. */
export async function buildPayload(db: Db, sqlite: Sqlite, clock: Clock, batchId: number, classes: readonly MaterialClass[] = MATERIAL_CLASSES): Promise<BuiltPayload> {
  const b = batchRow(sqlite, batchId);
  if (b.status !== 'sealed') {
    throw new AppError('CONFLICT', 'records.notSealed', { batchId });
  }
  const at = clock.now();
  const author = b.orgName;
  const files: BagFile[] = [];
  const required: string[] = [];
  const want = new Set(classes);
  const add = (path: string, data: Buffer, req = false) => {
    files.push({ path, data });
    if (req) required.push(path);
  };

  if (want.has('registration')) {
    add('registration/candidates.json', json(rows(sqlite, 'SELECT * FROM candidates WHERE batch_id = ? ORDER BY ticket_no', batchId)), true);
    add('registration/candidate-subjects.json', json(rows(sqlite, 'SELECT cs.* FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id WHERE c.batch_id = ? ORDER BY cs.candidate_id, cs.subject_id', batchId)));
    add('registration/plan-imports.json', json(rows(sqlite, 'SELECT * FROM plan_imports WHERE batch_id = ? ORDER BY id', batchId)));
    for (const p of sqlite.prepare('SELECT ticket_no AS t, photo, photo_type AS type FROM candidates WHERE batch_id = ? AND photo IS NOT NULL').all(batchId) as { t: string; photo: Buffer; type: string | null }[]) {
      add(`registration/photos/${safeName(p.t)}.${photoExt(p.type)}`, p.photo);
    }
  }
  if (want.has('signin')) {
    await both('signin/签到表', signSheetForms(b, sqlite), `${b.name} 签到表`, author, at, files, required);
    add('signin/checkins.json', json(rows(sqlite, 'SELECT ck.* FROM checkins ck JOIN exam_sessions es ON es.id = ck.session_id WHERE es.batch_id = ? ORDER BY ck.id', batchId)), true);
    add('signin/absences.json', json(rows(sqlite, 'SELECT a.* FROM checkin_absences a JOIN exam_sessions es ON es.id = a.session_id WHERE es.batch_id = ?', batchId)));
    add('signin/refusals.json', json(rows(sqlite, 'SELECT f.* FROM checkin_refusals f JOIN exam_sessions es ON es.id = f.session_id WHERE es.batch_id = ? ORDER BY f.id', batchId)));
    add('signin/alerts.json', json(rows(sqlite, 'SELECT l.* FROM checkin_alerts l JOIN exam_sessions es ON es.id = l.session_id WHERE es.batch_id = ? ORDER BY l.id', batchId)));
    // door photos are JPEG; a card reader's chip photo may be BMP, PNG, GIF or WebP: named by its type
    for (const p of sqlite.prepare('SELECT p.id, p.bytes, p.mime, c.ticket_no AS t, p.session_id AS s FROM checkin_photos p JOIN candidates c ON c.id = p.candidate_id WHERE c.batch_id = ? ORDER BY p.id').all(batchId) as { id: number; bytes: Buffer; mime: string; t: string; s: number }[]) {
      add(`signin/photos/${p.s}-${safeName(p.t)}-${p.id}.${photoExt(p.mime)}`, p.bytes);
    }
  }
  if (want.has('exam_records')) {
    add('exam_records/theory-imports.json', json(rows(sqlite, 'SELECT * FROM theory_imports WHERE batch_id = ? ORDER BY id', batchId)), true);
    add('exam_records/paper-entries.json', json(rows(sqlite, 'SELECT e.* FROM paper_entries e JOIN subjects s ON s.id = e.subject_id WHERE s.batch_id = ? ORDER BY e.candidate_id, e.subject_id, e.pass', batchId)));
    add('exam_records/paper-settlements.json', json(rows(sqlite, 'SELECT e.* FROM paper_settlements e JOIN subjects s ON s.id = e.subject_id WHERE s.batch_id = ?', batchId)));
  }
  if (want.has('scoring')) {
    await both('scoring/成绩汇总表', [summaryForm(b, sqlite)], `${b.name} 成绩汇总表`, author, at, files, required);
    add('scoring/成绩汇总表-原表.xlsx', await summaryWorkbook(sqlite, batchId));
    for (const p of publicationForms(b, sqlite)) {
      await both(`scoring/公示名单-${p.id}`, [p.form], `${b.name} 公示名单`, author, at, files, required);
      add(`scoring/公示名单-${p.id}-原表.xlsx`, await publicationWorkbook({ sqlite }, batchId, p.id));
      try {
        await both(`scoring/公示结果确认单-${p.id}`, confirmationForms(sqlite, clock, p.id), `${b.name} 公示结果确认单`, author, at, files, required);
        add(`scoring/公示结果确认单-${p.id}-原表.xlsx`, await confirmationWorkbook({ sqlite, clock }, p.id));
      } catch (e) {
        if (!(e instanceof AppError)) throw e; // a period still running has no confirmation yet
      }
    }
    add('scoring/score-sheets.json', json(rows(sqlite, 'SELECT s.* FROM score_sheets s JOIN subjects su ON su.id = s.subject_id WHERE su.batch_id = ? ORDER BY s.id', batchId)), true);
    add('scoring/theory-scores.json', json(rows(sqlite, 'SELECT t.* FROM theory_scores t JOIN subjects su ON su.id = t.subject_id WHERE su.batch_id = ?', batchId)));
    add('scoring/scoring-items.json', json(rows(sqlite, 'SELECT i.* FROM scoring_items i JOIN subjects su ON su.id = i.subject_id WHERE su.batch_id = ? ORDER BY i.subject_id, i.position', batchId)));
    add('scoring/panel-reviews.json', json(rows(sqlite, 'SELECT r.* FROM panel_reviews r JOIN subjects su ON su.id = r.subject_id WHERE su.batch_id = ?', batchId)));
    add('scoring/publications.json', json(rows(sqlite, 'SELECT * FROM publications WHERE batch_id = ? ORDER BY id', batchId)));
    add('scoring/objections.json', json(rows(sqlite, 'SELECT o.* FROM objections o JOIN publications p ON p.id = o.publication_id WHERE p.batch_id = ? ORDER BY o.id', batchId)));
    add('scoring/rescores.json', json(rows(sqlite, 'SELECT r.* FROM rescores r JOIN subjects su ON su.id = r.subject_id WHERE su.batch_id = ? ORDER BY r.id', batchId)));
    add('scoring/rescore-entries.json', json(rows(sqlite, 'SELECT e.* FROM rescore_entries e JOIN rescores r ON r.id = e.rescore_id JOIN subjects su ON su.id = r.subject_id WHERE su.batch_id = ?', batchId)));
  }
  if (want.has('supervision')) {
    await both('supervision/考场安排表', arrangementForms(db, batchId, clock), `${b.name} 考场安排表`, author, at, files, required);
    const report = reportForm(db, sqlite, clock, b);
    if (report) await both('supervision/现场督导情况报告', [report], `${b.name} 现场督导情况报告`, author, at, files, required);
    add('supervision/draws.json', json(rows(sqlite, 'SELECT * FROM draws WHERE batch_id = ? ORDER BY id', batchId)), true);
    add('supervision/draw-assignments.json', json(rows(sqlite, 'SELECT a.* FROM draw_assignments a JOIN draws d ON d.id = a.draw_id WHERE d.batch_id = ? ORDER BY a.draw_id, a.session_id, a.room_id, a.position', batchId)));
    add('supervision/draw-changes.json', json(rows(sqlite, 'SELECT c.* FROM draw_changes c JOIN draws d ON d.id = c.draw_id WHERE d.batch_id = ? ORDER BY c.id', batchId)));
    add('supervision/duty-marks.json', json(rows(sqlite, 'SELECT * FROM duty_marks WHERE batch_id = ?', batchId)));
    add('supervision/incidents.json', json(rows(sqlite, 'SELECT * FROM incidents WHERE batch_id = ? ORDER BY id', batchId)));
    add('supervision/incident-rulings.json', json(rows(sqlite, 'SELECT r.* FROM incident_rulings r JOIN incidents i ON i.id = r.incident_id WHERE i.batch_id = ? ORDER BY r.id', batchId)));
    add('supervision/site-events.json', json(rows(sqlite, 'SELECT * FROM site_events WHERE batch_id = ? ORDER BY id', batchId)));
    add('supervision/monitoring-links.json', json(rows(sqlite, 'SELECT m.* FROM monitoring_links m JOIN exam_sessions es ON es.id = m.session_id WHERE es.batch_id = ? ORDER BY m.id', batchId)));
    add('supervision/supervisor-reports.json', json(rows(sqlite, 'SELECT * FROM supervisor_reports WHERE batch_id = ? ORDER BY id', batchId)));
    for (const p of sqlite.prepare('SELECT p.id, p.incident_id AS i, p.bytes, p.mime FROM incident_photos p JOIN incidents i ON i.id = p.incident_id WHERE i.batch_id = ? ORDER BY p.id').all(batchId) as { id: number; i: number; bytes: Buffer; mime: string }[]) {
      add(`supervision/photos/incident-${p.i}-${p.id}.${photoExt(p.mime)}`, p.bytes);
    }
  }
  const sealed: ArchiveIndex['sealed'] = [];
  let segment: ArchiveIndex['auditSegment'] = { firstSeq: null, headSeq: null, headHash: null, count: 0 };
  if (want.has('certificates')) {
    await both('certificates/发证名册', [registerForm(b, sqlite)], `${b.name} 发证名册`, author, at, files, required);
    const pkgs = sqlite.prepare('SELECT * FROM sealed_packages WHERE batch_id = ? ORDER BY version').all(batchId) as SealedPackageRow[];
    for (const p of pkgs) {
      const { body, ...meta } = p;
      add(`certificates/sealed/v${p.version}.json`, Buffer.from(body, 'utf8'), true);
      add(`certificates/sealed/v${p.version}.meta.json`, json(meta), true);
      sealed.push({ version: p.version, hash: p.hash });
    }
    const hashes = pkgs.map((p) => p.hash);
    if (hashes.length) {
      const statements = rows(sqlite, `SELECT * FROM sync_statements WHERE package_hash IN (${hashes.map(() => '?').join(',')}) ORDER BY id`, ...hashes);
      for (const s of statements) add(`certificates/receipts/${String(s.kind)}-${String(s.id)}.json`, json(s));
      add('certificates/certificates.json', json(rows(sqlite, `SELECT * FROM sync_certificates WHERE package_hash IN (${hashes.map(() => '?').join(',')}) ORDER BY certificate_no`, ...hashes)));
      add('certificates/outbox.json', json(rows(sqlite, `SELECT * FROM outbox WHERE hash IN (${hashes.map(() => '?').join(',')}) ORDER BY id`, ...hashes)));
    }
    const events = auditSegment(sqlite, batchId);
    const check = verifySegment(events);
    segment = { firstSeq: check.firstSeq, headSeq: check.headSeq, headHash: check.headHash, count: events.length };
    add('certificates/audit-trail.jsonl', Buffer.from(events.map((e) => canonicalJson(e)).join('\n') + '\n', 'utf8'), true);
  }
  const figures = batchFigures(sqlite, batchId);
  const index: ArchiveIndex = {
    profile: ARCHIVE_PROFILE,
    batch: { id: b.id, planCode: b.planCode, name: b.name, examDate: b.examDate, organisation: b.orgName, organisationCode: b.orgCode },
    createdAt: at.toISOString(),
    classes: MATERIAL_CLASSES.map((c) => ({ class: c, name: CLASS_ZH[c], present: want.has(c), files: files.filter((f) => f.path.startsWith(`${c}/`)).map((f) => f.path) })),
    required: [...required].sort(),
    sealed,
    auditSegment: segment,
    figures,
  };
  files.push({ path: 'archive.json', data: json(index) });
  return { files, index };
}

export function bagNameOf(examDate: string, planCode: string): string {
  return `${examDate.slice(0, 4)}_${safeName(planCode)}`;
}

export function bagInfo(index: ArchiveIndex, extra: readonly (readonly [string, string])[] = []): (readonly [string, string])[] {
  return [
    ['Source-Organization', index.batch.organisation],
    ['Organization-Identifier', index.batch.organisationCode],
    ['External-Identifier', index.batch.planCode],
    ['External-Description', `职业技能等级认定档案（按年度、批次）：${index.batch.name}，考试日期 ${index.batch.examDate}`],
    ['Bag-Group-Identifier', index.batch.examDate.slice(0, 4)],
    ['Bagging-Date', index.createdAt.slice(0, 10)],
    ['Bag-Software-Agent', '考点通 / Exam-Site Console'],
    ['BagIt-Profile-Identifier', ARCHIVE_PROFILE],
    ['Exam-Date', index.batch.examDate],
    ['Material-Classes', index.classes.filter((c) => c.present).map((c) => c.class).join(' ')],
    ...extra,
  ];
}

/** Writes the bag for a batch into `dir`; `fileName` is where it belongs under the data folder (archives/<year>/…). */
export async function writeArchive(dir: string, built: BuiltPayload, extra: readonly (readonly [string, string])[] = []) {
  const bagName = bagNameOf(built.index.batch.examDate, built.index.batch.planCode);
  const stamp = built.index.createdAt.replace(/[-:]/g, '').slice(0, 15);
  const base = `${bagName}_${stamp}.zip`;
  const file = join(dir, base);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const written = await writeBag(file, bagName, built.files, bagInfo(built.index, extra), new Date(built.index.createdAt));
  return { ...written, bagName, fileName: join('archives', built.index.batch.examDate.slice(0, 4), base), file };
}

// ——— verification without the database ———

export interface ArchiveReport {
  ok: boolean;
  bagName: string;
  planCode: string | null;
  files: number;
  manifestSha256: string | null;
  problems: BagProblem[];
}

/** RFC 8493 checks, then this profile's: required files present, packages signed, the audit segment chained. */
export async function verifyArchive(file: string): Promise<ArchiveReport> {
  const bag = await readBag(file);
  const problems = [...bag.problems];
  const content = (detail: string, path?: string) => problems.push({ code: 'content', ...(path ? { path } : {}), detail });
  const indexBuf = bag.small.get('data/archive.json');
  let index: ArchiveIndex | null = null;
  if (bag.bagName) {
    if (!indexBuf) content('缺少 data/archive.json（档案目录）/ archive.json missing', 'data/archive.json');
    else {
      try {
        index = JSON.parse(indexBuf.toString('utf8')) as ArchiveIndex;
      } catch {
        content('data/archive.json 不是有效 JSON / not JSON', 'data/archive.json');
      }
    }
  }
  if (index) {
    if (index.profile !== ARCHIVE_PROFILE) content(`未知档案格式 ${String(index.profile)} / unknown profile`, 'data/archive.json');
    if (bag.info.get('External-Identifier') !== index.batch.planCode) content('bag-info 的计划号与档案目录不符 / bag-info and archive.json disagree', 'bag-info.txt');
    // a file the manifest lists and the zip lacks is reported once, above
    const reported = new Set(problems.map((p) => p.path));
    const listed = [...(index.required ?? []), ...(index.classes ?? []).flatMap((c) => (c.present ? c.files : []))];
    for (const f of new Set(listed)) if (!bag.payload.has(`data/${f}`) && !reported.has(`data/${f}`)) content(`缺少档案目录所列文件 / file the index lists is missing: data/${f}`, `data/${f}`);
    for (const s of index.sealed ?? []) {
      const body = bag.small.get(`data/certificates/sealed/v${s.version}.json`);
      const metaBuf = bag.small.get(`data/certificates/sealed/v${s.version}.meta.json`);
      if (!body || !metaBuf) continue; // reported as missing above
      const meta = JSON.parse(metaBuf.toString('utf8')) as Omit<SealedPackageRow, 'body'>;
      const check = verifyPackage({ ...meta, body: body.toString('utf8') });
      if (!check.ok) content(`封存包 v${s.version} 校验失败 / sealed package v${s.version}: ${check.problems.map((p) => p.reason).join('; ')}`, `data/certificates/sealed/v${s.version}.json`);
      if (meta.hash !== s.hash) content(`封存包 v${s.version} 哈希与目录不符 / hash differs from the index`, `data/certificates/sealed/v${s.version}.meta.json`);
    }
    const trail = bag.small.get('data/certificates/audit-trail.jsonl');
    if (trail) {
      const events = trail
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as AuditRow);
      const seg = verifySegment(events);
      if (!seg.ok) content(`审计记录断裂 / audit trail: ${seg.reason}`, 'data/certificates/audit-trail.jsonl');
      else if (seg.headHash !== index.auditSegment.headHash) content('审计记录的末端与档案目录不符 / audit head differs from the index', 'data/certificates/audit-trail.jsonl');
      // the sealed package names the audit head when it was sealed: that event must be in the segment
      for (const s of index.sealed ?? []) {
        const body = bag.small.get(`data/certificates/sealed/v${s.version}.json`);
        if (!body) continue;
        const head = (JSON.parse(body.toString('utf8')) as { content?: { auditHead?: { seq: number; hash: string } | null } }).content?.auditHead;
        if (head && !events.some((e) => e.seq === head.seq && e.hash === head.hash)) content(`封存包 v${s.version} 所记审计事件 #${head.seq} 不在审计记录中 / the package's audit head is not in the trail`, 'data/certificates/audit-trail.jsonl');
      }
    }
  }
  return { ok: problems.length === 0, bagName: bag.bagName, planCode: index?.batch.planCode ?? null, files: bag.payload.size, manifestSha256: bag.manifestSha256, problems };
}
