// 现场督导情况报告 (003 附件10, DOMAIN S8/E8): the checklist prefilled from what the console knows
// (incidents, rulings, late arrivals…), the supervisor's opinion and issues, signed with the PIN;
// exported as xlsx in the seed's layout. A signed report is never edited: a new signing supersedes.
// An official form: its words are Chinese, from electron/domain (incidents.ts, vocabulary.ts).

import ExcelJS from 'exceljs';
import { desc, eq } from 'drizzle-orm';
import { schema, type ReadDb, type ReadSqlite } from '../../../db';
import type { Decision, IncidentKind, IncidentStatus, IncidentSubjectType } from '../../../db/schema/incidents';
import { acceptStaffPin, type ProvenPins } from '../auth';
import { canonicalJson, sha256Hex } from '../canonical';
import { actorOf, nowIso, type ReadContext, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { localTime, offsetMinutes } from '../checkin/rules';
import { CHECKLIST, CHECKLIST_KEYS, DECISION_ZH, INCIDENT_KIND_ZH, type ChecklistKey } from '../../domain/incidents';
import { LEVEL_ZH, siteDate } from '../../domain/vocabulary';
import { workbookBuffer } from '../cells';

interface BatchHead {
  id: number;
  name: string;
  planCode: string;
  examDate: string;
  orgName: string;
}

interface ReportIncidentRow {
  id: number;
  subjectType: IncidentSubjectType;
  kind: IncidentKind;
  status: IncidentStatus;
  occurredAt: string;
  startsAt: string;
  sessionName: string;
  roomCode: string;
  who: string;
  decision: Decision | null;
  reason: string | null;
}

interface LateRow {
  name: string;
  at: string;
  reason: string | null;
  startsAt: string;
  sessionName: string;
  roomCode: string;
}

export type Checklist = Record<ChecklistKey, 0 | 1 | 2>;

function batchHead(sqlite: ReadSqlite, batchId: number): BatchHead {
  const batch = sqlite
    .prepare<[number], BatchHead>(`SELECT b.id, b.name, b.plan_code AS planCode, b.exam_date AS examDate, o.name AS orgName FROM batches b JOIN organisations o ON o.id = b.organisation_id WHERE b.id = ?`)
    .get(batchId);
  if (!batch) throw new AppError('NOT_FOUND', 'incidents.noSuchBatch');
  return batch;
}

/** The counts the opinion and the checklist start from. */
function factCounts(sqlite: ReadSqlite, batchId: number) {
  const count = (q: string) => sqlite.prepare<[number], { n: number | null }>(q).get(batchId)?.n ?? 0;
  return {
    signedIn: count(`SELECT COUNT(*) AS n FROM checkins ck JOIN exam_sessions s ON s.id = ck.session_id WHERE s.batch_id = ?`),
    absent: count(`SELECT COUNT(*) AS n FROM checkin_absences a JOIN exam_sessions s ON s.id = a.session_id WHERE s.batch_id = ?`),
    doubtful: count(`SELECT COUNT(*) AS n FROM checkins ck JOIN exam_sessions s ON s.id = ck.session_id WHERE s.batch_id = ? AND ck.status = 'doubtful'`),
    failures: count(`SELECT COUNT(*) AS n FROM site_events WHERE batch_id = ? AND kind = 'equipment_failure'`),
    minutesLost: count(`SELECT SUM(json_extract(detail, '$.minutesLost')) AS n FROM site_events WHERE batch_id = ? AND kind = 'equipment_failure'`),
    bagMismatches: count(`SELECT COUNT(*) AS n FROM site_events WHERE batch_id = ? AND kind = 'bag_received' AND outcome = 'mismatch'`),
    sealedRooms: count(`SELECT COUNT(DISTINCT session_id || '-' || room_id) AS n FROM site_events WHERE batch_id = ? AND kind = 'papers_sealed'`),
    briefings: count(`SELECT COUNT(*) AS n FROM site_events WHERE batch_id = ? AND kind = 'briefing'`),
  };
}

export function reportFacts(sqlite: ReadSqlite, batchId: number) {
  const batch = batchHead(sqlite, batchId);
  const occupations = sqlite
    .prepare<[number], { name: string; workType: string | null; level: number }>(`SELECT name, work_type_name AS workType, level FROM occupations WHERE batch_id = ? ORDER BY code, level`)
    .all(batchId)
    .map((o) => `${o.name}${o.workType ? `（${o.workType}）` : ''} ${LEVEL_ZH[o.level] ?? o.level}`);
  const incidents = sqlite
    .prepare<[number], ReportIncidentRow>(
      `SELECT i.id, i.subject_type AS subjectType, i.kind, i.status, i.occurred_at AS occurredAt, s.starts_at AS startsAt, s.name AS sessionName, r.code AS roomCode,
              COALESCE(c.name, st.name, '') AS who, ru.decision, ru.reason
       FROM incidents i JOIN exam_sessions s ON s.id = i.session_id JOIN rooms r ON r.id = i.room_id
       LEFT JOIN candidates c ON c.id = i.candidate_id LEFT JOIN staff st ON st.id = i.staff_id
       LEFT JOIN incident_rulings ru ON ru.incident_id = i.id AND ru.superseded_by IS NULL
       WHERE i.batch_id = ? ORDER BY i.occurred_at, i.id`,
    )
    .all(batchId);
  const late = sqlite
    .prepare<[number], LateRow>(
      `SELECT c.name, ck.at, ck.late_reason AS reason, s.starts_at AS startsAt, s.name AS sessionName, r.code AS roomCode FROM checkins ck
       JOIN candidates c ON c.id = ck.candidate_id JOIN exam_sessions s ON s.id = ck.session_id JOIN rooms r ON r.id = ck.room_id
       WHERE s.batch_id = ? AND ck.late = 1 ORDER BY ck.at`,
    )
    .all(batchId);
  const local = (iso: string, startsAt: string) => localTime(new Date(iso), offsetMinutes(startsAt));
  return {
    batch,
    occupations,
    incidents: incidents.map((i) => ({
      id: i.id,
      subjectType: i.subjectType,
      kind: i.kind,
      line: `${i.sessionName} ${i.roomCode} ${local(i.occurredAt, i.startsAt)} ${i.who} ${INCIDENT_KIND_ZH[i.kind]}：${i.decision ? `${DECISION_ZH[i.decision]}（${i.reason ?? ''}）` : '尚未处理'}`,
      ruled: i.status === 'ruled',
      decision: i.decision,
    })),
    late: late.map((l) => `${l.sessionName} ${l.roomCode} ${l.name} ${local(l.at, l.startsAt)} 入场（${l.reason ?? ''}）`),
    counts: factCounts(sqlite, batchId),
  };
}

export type ReportFacts = ReturnType<typeof reportFacts>;

/** The checklist as the facts suggest it (the supervisor changes what they saw otherwise). */
export function prefill(facts: ReportFacts): { checklist: Checklist; opinion: string } {
  const c = Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, 0])) as Checklist;
  const cand = facts.incidents.filter((i) => i.subjectType === 'candidate');
  const staff = facts.incidents.filter((i) => i.subjectType === 'staff');
  const handled = (list: typeof cand) => (list.every((i) => i.ruled) ? 0 : list.some((i) => i.ruled) ? 1 : 2);
  if (cand.length > 0) c.discipline = 1;
  if (staff.length > 0) c.staff_discipline = 1;
  c.staff_handling = handled(staff);
  c.candidate_handling = handled(cand);
  if (facts.incidents.some((i) => i.kind === 'disorder')) c.room_order = 1;
  if (facts.counts.bagMismatches > 0) c.paper_secrecy = 1;
  if (facts.counts.briefings === 0) c.process_regular = 1;
  const n = facts.counts;
  const ruled = facts.incidents.filter((i) => i.ruled).length;
  const opinion = [
    `本批次签到 ${n.signedIn} 人次，缺考 ${n.absent} 人次，迟到经批准入场 ${facts.late.length} 人次，存疑入场 ${n.doubtful} 人次。`,
    `记录违纪 ${facts.incidents.length} 起（考生 ${cand.length} 起，考评/管理人员 ${staff.length} 起），已处理 ${ruled} 起。`,
    `设备故障 ${n.failures} 次，共耽误 ${n.minutesLost} 分钟；试卷袋核对不符 ${n.bagMismatches} 次；${n.sealedRooms} 个考场场次已回收封装试卷。`,
    n.briefings > 0 ? '考前已召开工作会议并有记录。' : '未见考前工作会议记录。',
  ].join('\n');
  return { checklist: c, opinion };
}

export function latestReport(db: ReadDb, batchId: number) {
  return db.select().from(schema.supervisorReports).where(eq(schema.supervisorReports.batchId, batchId)).orderBy(desc(schema.supervisorReports.id)).get() ?? null;
}

export interface SignInput {
  batchId: number;
  supervisorUnit: string;
  checklist: Checklist;
  opinion: string;
  issues: string;
  pin: string;
}

/** S8: the supervisor signs the report with their PIN (proven before the transaction, accepted here). */
export function signReport(ctx: ServiceContext, input: SignInput, pins: ProvenPins) {
  const actor = actorOf(ctx);
  const facts = reportFacts(ctx.sqlite, input.batchId);
  acceptStaffPin(ctx, pins, actor.staffId, input.pin);
  const prev = latestReport(ctx.db, input.batchId);
  const body = {
    batchId: input.batchId,
    supervisorId: actor.staffId,
    supervisorUnit: input.supervisorUnit,
    checklist: canonicalJson(input.checklist),
    opinion: input.opinion,
    issues: input.issues,
    facts: canonicalJson(facts),
    signedAt: nowIso(ctx),
    supersedes: prev?.id ?? null,
  };
  const signature = sha256Hex(canonicalJson(body));
  const row = ctx.db
    .insert(schema.supervisorReports)
    .values({ ...body, signature })
    .returning({ id: schema.supervisorReports.id })
    .get();
  ctx.note({ subject: { reportId: row.id, batchId: input.batchId, supersedes: body.supersedes }, after: { checklist: input.checklist, opinion: input.opinion, issues: input.issues, signature } });
  return { reportId: row.id, signedAt: body.signedAt, signature };
}

/** The report as the form shows it: the signed one, or a draft from the facts. */
export function reportView(ctx: ReadContext, batchId: number) {
  const { db } = ctx;
  const facts = reportFacts(ctx.sqlite, batchId);
  const signed = latestReport(db, batchId);
  const draft = prefill(facts);
  const supervisor = signed ? db.select().from(schema.staff).where(eq(schema.staff.id, signed.supervisorId)).get() : undefined;
  return {
    facts,
    draft,
    checklistForm: CHECKLIST,
    signed: signed
      ? {
          id: signed.id,
          supervisorName: supervisor?.name ?? '',
          supervisorUnit: signed.supervisorUnit,
          checklist: JSON.parse(signed.checklist) as Checklist,
          opinion: signed.opinion,
          issues: signed.issues,
          signedAt: signed.signedAt,
          signedDate: dateZh(signed.signedAt),
          signature: signed.signature,
        }
      : null,
  };
}

/** The site's date of an instant, as the form writes it (2026年5月21日). */
function dateZh(iso: string): string {
  return examDateZh(siteDate(iso));
}

export function examDateZh(examDate: string): string {
  const [y, m, d] = examDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The checklist's lines from `first`, each option ticked or not, each part's name merged down its lines; returns the next row. */
function checklistRows(ws: ExcelJS.Worksheet, checklist: Checklist, first: number, put: (row: number, col: number, value: string) => void, partCell: (cell: ExcelJS.Cell) => void): number {
  let row = first;
  for (const part of CHECKLIST) {
    const start = row;
    for (const item of part.items) {
      item.options.forEach((opt, i) => put(row, 2 + i, `${checklist[item.key] === i ? '☑' : '□'}${opt}`));
      row++;
    }
    ws.mergeCells(start, 1, row - 1, 1);
    const cell = ws.getCell(start, 1);
    cell.value = part.part;
    partCell(cell);
  }
  return row;
}

/** The signed report as xlsx, laid out as 附件10: header block, checklist rows with ☑/□, opinion, signature. */
export async function reportWorkbook(ctx: ReadContext, batchId: number) {
  const v = reportView(ctx, batchId);
  if (!v.signed) throw new AppError('CONFLICT', 'incidents.reportNotSigned');
  const s = v.signed;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('现场督导情况报告', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 18 }, { width: 30 }, { width: 22 }, { width: 22 }];
  const border: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  const font = { name: 'Noto Sans CJK SC', size: 11 };
  const put = (row: number, col: number, value: string, opts: { bold?: boolean; merge?: [number, number] } = {}) => {
    const cell = ws.getCell(row, col);
    cell.value = value;
    cell.font = { ...font, bold: opts.bold ?? false };
    cell.alignment = { vertical: 'middle', wrapText: true, horizontal: opts.bold ? 'center' : 'left' };
    cell.border = border;
    if (opts.merge) ws.mergeCells(row, col, opts.merge[0], opts.merge[1]);
  };
  ws.mergeCells(1, 1, 1, 4);
  const title = ws.getCell(1, 1);
  title.value = '技能等级认定现场督导情况报告';
  title.font = { ...font, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 32;
  put(2, 1, '被督导单位', { bold: true });
  put(2, 2, v.facts.batch.orgName);
  put(2, 3, '督导员姓名', { bold: true });
  put(2, 4, s.supervisorName);
  put(3, 1, '督导时间', { bold: true });
  put(3, 2, examDateZh(v.facts.batch.examDate));
  put(3, 3, '督导员工作单位', { bold: true });
  put(3, 4, s.supervisorUnit);
  put(4, 1, '认定职业\\等级', { bold: true });
  put(4, 2, v.facts.occupations.join('；'), { merge: [4, 4] });
  put(5, 1, '督导内容', { bold: true });
  put(5, 2, '督导执行情况', { bold: true, merge: [5, 4] });
  let row = checklistRows(ws, s.checklist, 6, put, (cell) => {
    cell.font = { ...font, bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = border;
  });
  put(row, 1, '督导人员意见及对存在问题的具体说明', { bold: true });
  put(row, 2, `${s.opinion}${s.issues ? `\n存在问题：${s.issues}` : ''}`, { merge: [row, 4] });
  ws.getRow(row).height = Math.max(90, 16 * (s.opinion.split('\n').length + (s.issues ? 2 : 0) + 1));
  row++;
  put(row, 1, '签字', { bold: true });
  put(row, 2, `${s.supervisorName}（PIN 签署，签名摘要 ${s.signature.slice(0, 16)}）`);
  put(row, 3, '日期', { bold: true });
  put(row, 4, s.signedDate);
  row++;
  ws.mergeCells(row, 1, row, 4);
  const note = ws.getCell(row, 1);
  note.value = '注：本表用于技能鉴定中心派遣的技能等级认定质量督导工作记录，也可作为评价机构内部质量督导的记录。';
  note.font = { ...font, size: 9 };
  note.alignment = { wrapText: true };
  const buf = await workbookBuffer(wb);
  return { fileName: `现场督导情况报告_${v.facts.batch.planCode}.xlsx`, base64: buf.toString('base64') };
}
