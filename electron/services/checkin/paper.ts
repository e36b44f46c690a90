// The door's paper (DOMAIN E8, A2): the sign-in sheet (签到表) and the door list as xlsx
// (exceljs), and the data admission tickets print from. ID numbers are masked: the paper
// needs only enough to tell people apart.

import ExcelJS from 'exceljs';
import type { ReadSqlite } from '../../../db';
import type { ReadContext } from '../context';
import { maskDocNumber } from '../../domain/gb11643';
import { LEVEL_ZH, siteDate } from '../../domain/vocabulary';
import { doorFor, type DoorRef } from './door';
import { photoDataUrl, ticketQrPayload, type Door } from './lookup';
import { localTime, offsetMinutes } from './rules';
import { roster, type RosterRow } from './view';

export const SIGN_SHEET_COLUMNS = ['序号', '姓名', '准考证号', '证件号码', '座号', '签名', '备注'] as const;
export const DOOR_LIST_COLUMNS = ['序号', '座号', '姓名', '性别', '准考证号', '证件号码', '签到情况'] as const;

const STATUS_ZH: Record<RosterRow['status'], string> = { missing: '未到', in: '已签到', doubtful: '存疑', absent: '缺考', left: '已交卷离场' };

function remark(r: RosterRow): string {
  const parts: string[] = [];
  if (r.status === 'absent') parts.push('缺考');
  if (r.status === 'doubtful') parts.push('存疑');
  if (r.late) parts.push('迟到（督导准许）');
  return parts.join('，');
}

function siteName(sqlite: ReadSqlite): string {
  return sqlite.prepare<[], { name: string }>('SELECT name FROM site WHERE id = 1').get()?.name ?? '';
}

function batchName(sqlite: ReadSqlite, door: Door): string {
  return sqlite.prepare<[number], { name: string }>('SELECT name FROM batches WHERE id = ?').get(door.batchId)?.name ?? '';
}

export interface SheetFile {
  fileName: string;
  base64: string;
  rows: number;
}

/** The three lines above the table: site and title, batch, session and room. */
function heading(ws: ExcelJS.Worksheet, sqlite: ReadSqlite, door: Door, title: string, last: string): void {
  ws.mergeCells(`A1:${last}1`);
  ws.getCell('A1').value = `${siteName(sqlite)} ${title}`;
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells(`A2:${last}2`);
  ws.getCell('A2').value = batchName(sqlite, door);
  ws.getCell('A2').alignment = { horizontal: 'center' };
  ws.mergeCells(`A3:${last}3`);
  const off = offsetMinutes(door.startsAt);
  ws.getCell('A3').value = `场次：${door.sessionName}  ${siteDate(door.startsAt)} ${localTime(new Date(door.startsAt), off)}–${localTime(new Date(door.endsAt), off)}    考场：${door.roomCode}（${door.roomLocation}）`;
}

/** The counts and the proctors' signature line under the table. */
function footing(ws: ExcelJS.Worksheet, list: RosterRow[], last: string): void {
  const foot = ws.addRow([]);
  foot.height = 8;
  const counts = { expected: list.length, present: list.filter((r) => r.status !== 'missing' && r.status !== 'absent').length, absent: list.filter((r) => r.status === 'absent').length };
  const sum = ws.addRow([`应到 ${counts.expected} 人，实到 ${counts.present} 人，缺考 ${counts.absent} 人。`]);
  ws.mergeCells(`A${sum.number}:${last}${sum.number}`);
  const sign = ws.addRow(['监考人员签名：                          监考人员签名：                          日期：']);
  ws.mergeCells(`A${sign.number}:${last}${sign.number}`);
  sign.height = 30;
}

/** 签到表 or 门口名单 for one room and session, one A4 portrait page wide, header repeated per page. */
export async function sheetWorkbook(ctx: ReadContext, input: DoorRef & { kind: 'signSheet' | 'doorList' }): Promise<SheetFile> {
  const { kind } = input;
  const door = doorFor(ctx, input);
  const list = roster(ctx.sqlite, door);
  const wb = new ExcelJS.Workbook();
  wb.creator = '考点通';
  const title = kind === 'signSheet' ? '考生签到表' : '考场门口名单';
  const ws = wb.addWorksheet(kind === 'signSheet' ? '签到表' : '门口名单', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:4' },
  });
  const columns = kind === 'signSheet' ? SIGN_SHEET_COLUMNS : DOOR_LIST_COLUMNS;
  const widths = kind === 'signSheet' ? [6, 14, 20, 22, 7, 16, 16] : [6, 7, 14, 6, 20, 22, 14];
  ws.columns = widths.map((w) => ({ width: w }));
  const last = String.fromCharCode(64 + columns.length);

  heading(ws, ctx.sqlite, door, title, last);

  const header = ws.getRow(4);
  header.values = [...columns];
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle' };
  list.forEach((r, i) => {
    const values =
      kind === 'signSheet'
        ? [i + 1, r.name, r.ticketNo, r.docMasked, r.seat ?? '', '', remark(r)]
        : [i + 1, r.seat ?? '', r.name, r.gender, r.ticketNo, r.docMasked, STATUS_ZH[r.status] + (r.late ? '（迟到）' : '')];
    const row = ws.addRow(values);
    row.height = kind === 'signSheet' ? 28 : 20;
    row.alignment = { vertical: 'middle' };
  });
  const border = { style: 'thin' as const };
  for (let r = 4; r <= 4 + list.length; r++) {
    for (let c = 1; c <= columns.length; c++) ws.getCell(r, c).border = { top: border, left: border, bottom: border, right: border };
  }
  for (let r = 5; r <= 4 + list.length; r++) {
    for (const col of kind === 'signSheet' ? [1, 5] : [1, 2, 4]) ws.getCell(r, col).alignment = { horizontal: 'center', vertical: 'middle' };
  }
  // ticket and ID numbers as text: never scientific notation, never a lost leading zero
  ws.getColumn(kind === 'signSheet' ? 3 : 5).numFmt = '@';
  ws.getColumn(kind === 'signSheet' ? 4 : 6).numFmt = '@';
  footing(ws, list, last);

  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `${title}_${door.sessionCode}_${door.roomCode}.xlsx`, base64: buf.toString('base64'), rows: list.length };
}

export interface TicketData {
  candidateId: number;
  name: string;
  gender: string;
  ticketNo: string;
  docType: string;
  docMasked: string;
  occupation: string;
  level: string;
  photo: string | null;
  qr: string;
  sittings: { sessionName: string; date: string; time: string; roomCode: string | null; location: string | null; seat: string | null }[];
}

/** Admission tickets (准考证) for everyone expected at this door, with their QR payload. */
interface TicketPerson {
  id: number;
  name: string;
  gender: string;
  ticket_no: string;
  doc_type: string;
  doc_number: string;
  photo: Buffer | null;
  photo_type: string | null;
  occupation: string;
  workType: string | null;
  level: number;
}

interface Sitting {
  sessionName: string;
  startsAt: string;
  endsAt: string;
  roomCode: string | null;
  location: string | null;
  seat: string | null;
}

export function ticketList(ctx: ReadContext, at: DoorRef): { siteName: string; batchName: string; tickets: TicketData[] } {
  const door = doorFor(ctx, at);
  const sqlite = ctx.sqlite;
  const people = sqlite
    .prepare<[number, number], TicketPerson>(
      `SELECT c.id, c.name, c.gender, c.ticket_no, c.doc_type, c.doc_number, c.photo, c.photo_type, o.name AS occupation, o.work_type_name AS workType, o.level
       FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id JOIN occupations o ON o.id = c.occupation_id
       WHERE cs.session_id = ? AND cs.room_id = ? ORDER BY CAST(cs.seat AS INTEGER), cs.seat, c.ticket_no`,
    )
    .all(door.sessionId, door.roomId);
  const sittings = sqlite.prepare<[number], Sitting>(
    `SELECT s.name AS sessionName, s.starts_at AS startsAt, s.ends_at AS endsAt, r.code AS roomCode,
            r.building || ' ' || r.floor || ' ' || r.room_no AS location, cs.seat
     FROM candidate_subjects cs JOIN exam_sessions s ON s.id = cs.session_id LEFT JOIN rooms r ON r.id = cs.room_id
     WHERE cs.candidate_id = ? ORDER BY s.starts_at`,
  );
  const tickets = people.map((p) => ({
    candidateId: p.id,
    name: p.name,
    gender: p.gender,
    ticketNo: p.ticket_no,
    docType: p.doc_type,
    docMasked: maskDocNumber(p.doc_number),
    occupation: p.workType ? `${p.occupation}（${p.workType}）` : `${p.occupation}（——）`, // P2: no work type prints ——
    level: LEVEL_ZH[p.level] ?? String(p.level),
    photo: photoDataUrl(p.photo, p.photo_type),
    qr: ticketQrPayload(door.planCode, p.ticket_no),
    sittings: sittings.all(p.id).map((s) => {
      const off = offsetMinutes(s.startsAt);
      return {
        sessionName: s.sessionName,
        date: siteDate(s.startsAt),
        time: `${localTime(new Date(s.startsAt), off)}–${localTime(new Date(s.endsAt), off)}`,
        roomCode: s.roomCode,
        location: s.location,
        seat: s.seat,
      };
    }),
  }));
  return { siteName: siteName(sqlite), batchName: batchName(sqlite, door), tickets };
}
