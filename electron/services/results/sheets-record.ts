// The 评分记录表 content of one candidate (G3, G6): the rounds to show, each with the panel's sheets.
// Independence: the current round only once the whole panel has submitted; a re-scored candidate
// shows every earlier round too, marked superseded and kept on record (G5).
import type { ReadSqlite } from '../../../db';
import { ITEM_MISSING_ZH, LEVEL_ZH, SUBJECT_KIND_RESULT_ZH, occupationZh, type SubjectKind } from '../../domain/vocabulary';
import { AppError } from '../errors';
import { currentRound, panelComplete, submittedSheetsAllRounds, type SheetView } from '../scoring/sheets';
import { standardFor, type StandardItem } from '../scoring/standards';

export interface RecordSubject {
  kind: SubjectKind;
  batchId: number;
  occ: string;
  wt: string | null;
  level: number;
}

/** The subject of a record sheet: must be a skill or review subject of the batch that has a standard. */
export function recordSubject(sqlite: ReadSqlite, batchId: number, subjectId: number): { subject: RecordSubject; items: StandardItem[] } {
  const items = standardFor(sqlite, subjectId);
  if (!items.length) throw new AppError('CONFLICT', 'scoring.noStandard');
  const subject = sqlite
    .prepare<[number], RecordSubject>('SELECT su.kind, su.batch_id AS batchId, o.name AS occ, o.work_type_name AS wt, o.level FROM subjects su JOIN occupations o ON o.id = su.occupation_id WHERE su.id = ?')
    .get(subjectId);
  if (!subject || subject.batchId !== batchId) throw new AppError('NOT_FOUND', 'scoring.subjectNotFound', { subjectId });
  if (subject.kind === 'theory') throw new AppError('BAD_INPUT', 'scoring.theoryNoStandard');
  return { subject, items };
}

/** The form's title: 职业（工种） 等级 科目 评分记录表. */
export function recordTitle(s: RecordSubject): string {
  return `${occupationZh(s.occ, s.wt)} ${LEVEL_ZH[s.level] ?? ''} ${SUBJECT_KIND_RESULT_ZH[s.kind]}评分记录表`;
}

export interface RecordRound {
  round: number;
  superseded: boolean;
  sheets: SheetView[];
}

/** The rounds to show for a candidate (none yet: an empty list). */
export function recordRounds(sqlite: ReadSqlite, candidateId: number, subjectId: number): { current: number; rounds: RecordRound[] } {
  const current = currentRound(sqlite, candidateId, subjectId);
  const all = submittedSheetsAllRounds(sqlite, candidateId, subjectId);
  const complete = panelComplete(sqlite, candidateId, subjectId);
  const rounds = [...new Set(all.map((s) => s.round))].filter((r) => r < current || complete).sort((a, b) => a - b);
  return { current, rounds: rounds.map((round) => ({ round, superseded: round < current, sheets: all.filter((s) => s.round === round) })) };
}

/** An item's cell on the form: the points, 缺项, or blank. */
export function itemCell(sheet: SheetView, itemId: number): string | number {
  const e = sheet.entries.find((x) => x.itemId === itemId);
  if (e?.missing) return ITEM_MISSING_ZH;
  return e?.points ?? '';
}
