// Paper of the draw: the 考场安排表 in the seed's three forms (001 附件4: theory, skill, review)
// as data for the printable page and as an xlsx workbook, and staff badges (S7: each wears the
// badge of their role). 统分人 is taken from staff holding the score_clerk role who are on duty.
import ExcelJS from 'exceljs';
import { and, eq, inArray } from 'drizzle-orm';
import { schema, type ReadDb } from '../../../db';
import { LEVEL_ZH, PLAN_ROLE_ZH, type PlanRole } from '../../domain/vocabulary';
import type { ReadContext } from '../context';
import { drawBoard } from './board';
import { dutyList, sessionsOf } from './queries';
import { workbookBuffer } from '../cells';

export const FORM_TITLES = {
  theory: '职业技能等级认定理论考试考场安排表',
  skill: '职业技能等级认定技能考核考场安排表',
  review: '职业技能等级认定综合评审考场安排表',
} as const;

export const FORM_COLUMNS = {
  theory: ['考场', '职业（工种）', '人数', '等级', '考号区间', '考试具体时间', '监考人员'],
  skill: ['考场', '职业（工种）', '等级', '考试具体时间', '考评组长', '考评员', '统分人'],
  review: ['考场', '职业（工种）', '等级', '考试具体时间', '评审组长', '评审人员', '统分人'],
} as const;

type Kind = keyof typeof FORM_TITLES;

export interface ArrangementForm {
  kind: Kind;
  title: string;
  columns: readonly string[];
  place: string;
  date: string;
  /** 2026年5月21日, as the form writes it */
  dateText: string;
  candidates: number;
  rows: string[][];
  /** S2/S8: the draws in force for the form's sessions (number, confirmed at or null): the paper says which */
  draws: { drawId: number; confirmedAt: string | null }[];
}

/** "第 3 号抽签（督导员确认 2026-05-21 07:55）" for the form's foot, in the form's language. */
export function drawNoteZh(draws: ArrangementForm['draws']): string {
  if (draws.length === 0) return '尚未抽签';
  return draws.map((d) => `第 ${d.drawId} 号抽签（${d.confirmedAt ? `督导员确认 ${d.confirmedAt.slice(0, 10)} ${hhmm(d.confirmedAt)}` : '督导员尚未确认'}）`).join('；');
}

/** "2026-05-21T09:00:00+08:00" → "09:00": the site's own time as written in the plan. */
const hhmm = (iso: string) => iso.slice(11, 16);

export function arrangement(ctx: Pick<ReadContext, 'db' | 'clock'>, batchId: number): { batchName: string; examDate: string; forms: ArrangementForm[] } {
  const { db } = ctx;
  const board = drawBoard(ctx, batchId);
  const site = db.select().from(schema.site).get();
  const place = [site?.name, site?.address].filter(Boolean).join(' ') || '——';
  const sessions = new Map(sessionsOf(db, batchId).map((s) => [s.id, s]));
  const clerks = dutyList(db, batchId)
    .filter((p) => p.onDuty && p.roles.includes('score_clerk'))
    .map((p) => p.name)
    .join('、');
  const forms: ArrangementForm[] = [];
  for (const kind of ['theory', 'skill', 'review'] as const) {
    const mine = board.sessions.filter((s) => s.kind === kind);
    if (mine.length === 0) continue;
    const rows: string[][] = [];
    const everyone = new Set<number>();
    const draws = new Map<number, { drawId: number; confirmedAt: string | null }>();
    for (const s of mine) {
      if (s.inForce) draws.set(s.inForce.drawId, { drawId: s.inForce.drawId, confirmedAt: s.inForce.confirmedAt });
      const meta = sessions.get(s.id)!;
      const occupation = `${meta.occupationName}（${meta.workTypeName ?? '——'}）`; // P2: no work type prints ——
      const level = LEVEL_ZH[meta.level] ?? String(meta.level);
      const time = `${s.startsAt.slice(0, 10)} ${hhmm(s.startsAt)}—${hhmm(s.endsAt)}`;
      for (const r of s.rooms) {
        const seated = db
          .select({ id: schema.candidates.id, ticket: schema.candidates.ticketNo })
          .from(schema.candidateSubjects)
          .innerJoin(schema.candidates, eq(schema.candidates.id, schema.candidateSubjects.candidateId))
          .where(and(eq(schema.candidateSubjects.sessionId, s.id), eq(schema.candidateSubjects.roomId, r.id)))
          .all();
        for (const c of seated) everyone.add(c.id);
        const tickets = seated.map((c) => c.ticket).sort();
        const roomLabel = `${r.code}（${r.building}${r.floor}层${r.roomNo}）`;
        if (kind === 'theory') {
          const range = tickets.length ? (tickets.length === 1 ? tickets[0]! : `${tickets[0]}—${tickets[tickets.length - 1]}`) : '——';
          rows.push([roomLabel, occupation, String(seated.length), level, range, time, r.proctors.map((p) => p.name).join('、')]);
        } else {
          rows.push([roomLabel, occupation, level, time, r.chief?.name ?? '', r.examiners.map((p) => p.name).join('、'), clerks]);
        }
      }
    }
    const [y, m, d] = board.batch.examDate.split('-');
    forms.push({ kind, title: FORM_TITLES[kind], columns: FORM_COLUMNS[kind], place, date: board.batch.examDate, dateText: `${y}年${Number(m)}月${Number(d)}日`, candidates: everyone.size, rows, draws: [...draws.values()] });
  }
  return { batchName: board.batch.name, examDate: board.batch.examDate, forms };
}

/** One workbook, one sheet per form, laid out as the seed's template: a title, the header line, the columns. */
export async function arrangementXlsx(data: ReturnType<typeof arrangement>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '考点通';
  const thin = { style: 'thin' as const };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  for (const f of data.forms) {
    const ws = wb.addWorksheet(f.kind === 'theory' ? '理论考试' : f.kind === 'skill' ? '技能考核' : '综合评审', {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    ws.columns = f.columns.map((c) => ({ width: c === '考场' ? 26 : c.includes('人员') || c === '考评员' ? 30 : c === '考号区间' || c === '考试具体时间' ? 24 : 16 }));
    ws.mergeCells(1, 1, 1, f.columns.length);
    const title = ws.getCell(1, 1);
    title.value = f.title;
    title.font = { name: '宋体', size: 16, bold: true };
    title.alignment = { horizontal: 'center' };
    ws.getRow(2).values = ['考试地点', f.place, '', '考试时间', f.dateText, '参评人数', String(f.candidates)];
    ws.mergeCells(2, 2, 2, 3);
    const head = ws.getRow(3);
    head.values = [...f.columns];
    head.font = { bold: true };
    for (const row of f.rows) ws.addRow(row);
    const tableEnd = ws.rowCount;
    ws.addRow([]);
    ws.addRow(['抽签记录', drawNoteZh(f.draws)]);
    ws.mergeCells(ws.rowCount, 2, ws.rowCount, f.columns.length);
    for (let r = 2; r <= tableEnd; r++) {
      ws.getRow(r).eachCell({ includeEmpty: true }, (cell, col) => {
        if (col <= f.columns.length) {
          cell.border = border;
          cell.alignment = { vertical: 'middle', wrapText: true };
        }
      });
    }
  }
  if (data.forms.length === 0) wb.addWorksheet('考场安排表').getCell(1, 1).value = '尚无考试场次';
  return await workbookBuffer(wb);
}

/** the badge's word: the plan's role names, the score clerk as the forms call them (统分人) */
const BADGE_ROLE: Record<PlanRole, string> = { ...PLAN_ROLE_ZH, score_clerk: '统分人' };

/** Badges: name and role as drawn (S7: one role each); supervisors and score talliers on duty too. */
export function badges(db: ReadDb, batchId: number) {
  const sessionIds = sessionsOf(db, batchId).map((s) => s.id);
  const drawn = sessionIds.length
    ? db
        .select({ staffId: schema.drawAssignments.staffId, role: schema.drawAssignments.role })
        .from(schema.drawAssignments)
        .where(and(inArray(schema.drawAssignments.sessionId, sessionIds), eq(schema.drawAssignments.active, true)))
        .all()
    : [];
  const roleOf = new Map<number, PlanRole>();
  for (const d of drawn) if (!roleOf.has(d.staffId) || d.role === 'chief_examiner') roleOf.set(d.staffId, d.role);
  const out: { staffId: number; staffNo: string; name: string; roleCode: PlanRole; role: string }[] = [];
  for (const p of dutyList(db, batchId)) {
    if (!p.onDuty) continue;
    const role: PlanRole | null = roleOf.get(p.id) ?? (p.roles.includes('supervisor') ? 'supervisor' : p.roles.includes('score_clerk') ? 'score_clerk' : null);
    if (role) out.push({ staffId: p.id, staffNo: p.staffNo, name: p.name, roleCode: role, role: BADGE_ROLE[role] });
  }
  return out;
}
