// G3: the scoring standard of a subject: the items of its 评分记录表 with their maximum points,
// summing to 100 and including 安全文明生产. Entered per subject by the site head (not in the plan package).
import { z } from 'zod';
import type { ReadSqlite } from '../../../db';
import type { ServiceContext } from '../context';
import { AppError, type Issue } from '../errors';

export const SAFETY_NAME = '安全文明生产';

export const standardItemInput = z.object({
  name: z.string().trim().min(1, '请填写评分项目').max(100),
  criteria: z.string().trim().max(500).optional(),
  maxPoints: z.number().positive('配分须大于 0').max(100),
  safety: z.boolean().optional(),
});
export type StandardItemInput = z.infer<typeof standardItemInput>;

export interface StandardItem {
  id: number;
  position: number;
  name: string;
  criteria: string | null;
  maxPoints: number;
  safety: boolean;
}

export function standardFor(sqlite: ReadSqlite, subjectId: number): StandardItem[] {
  const rows = sqlite
    .prepare<[number], Omit<StandardItem, 'safety'> & { safety: number }>('SELECT id, position, name, criteria, max_points AS maxPoints, safety FROM scoring_items WHERE subject_id = ? ORDER BY position')
    .all(subjectId);
  return rows.map((r) => ({ ...r, safety: r.safety === 1 }));
}

/**
 * Checks a standard: items sum to exactly 100 (in tenths) and one of them is the safety item.
 * Each problem is an issue the standards page words (`scoring.standard.<reason>`).
 */
export function checkStandard(items: readonly StandardItemInput[]): Issue[] {
  const problems: Issue[] = [];
  if (items.length === 0) problems.push({ reason: 'empty' });
  const tenths = items.reduce((s, i) => s + Math.round(i.maxPoints * 10), 0);
  if (tenths !== 1000) problems.push({ reason: 'sum', params: { total: tenths / 10 } });
  for (const i of items) if (Math.round(i.maxPoints * 10) !== i.maxPoints * 10) problems.push({ reason: 'decimal', params: { item: i.name } });
  if (!items.some((i) => i.safety || i.name.includes(SAFETY_NAME))) problems.push({ reason: 'noSafety', params: { item: SAFETY_NAME } });
  const names = new Set<string>();
  for (const i of items) {
    if (names.has(i.name)) problems.push({ reason: 'duplicate', params: { item: i.name } });
    names.add(i.name);
  }
  return problems;
}

/** Replaces a subject's standard; refused once any examiner has begun a sheet for it. */
export function setStandard(ctx: ServiceContext, input: { subjectId: number; items: readonly StandardItemInput[] }): StandardItem[] {
  const { subjectId, items } = input;
  const subject = ctx.sqlite.prepare<[number], { id: number; kind: string }>('SELECT id, kind FROM subjects WHERE id = ?').get(subjectId);
  if (!subject) throw new AppError('NOT_FOUND', 'scoring.subjectNotFound', { subjectId });
  if (subject.kind === 'theory') throw new AppError('BAD_INPUT', 'scoring.theoryNoStandard');
  const problems = checkStandard(items);
  if (problems.length) throw new AppError('BAD_INPUT', 'scoring.standardInvalid', { count: problems.length }, { details: problems });
  const used = ctx.sqlite.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM score_sheets WHERE subject_id = ?').get(subjectId);
  if (used && used.n > 0) throw new AppError('CONFLICT', 'scoring.standardFixed');
  const before = standardFor(ctx.sqlite, subjectId);
  ctx.sqlite.prepare<[number]>('DELETE FROM scoring_items WHERE subject_id = ?').run(subjectId);
  const ins = ctx.sqlite.prepare<[number, number, string, string | null, number, number]>('INSERT INTO scoring_items (subject_id, position, name, criteria, max_points, safety) VALUES (?, ?, ?, ?, ?, ?)');
  items.forEach((i, k) => ins.run(subjectId, k + 1, i.name, i.criteria ?? null, i.maxPoints, i.safety || i.name.includes(SAFETY_NAME) ? 1 : 0));
  const after = standardFor(ctx.sqlite, subjectId);
  ctx.note({ subjectId, before, after });
  return after;
}

/** A starting point the site head edits: four operation items and the safety item. */
export function sampleStandard(): StandardItemInput[] {
  return [
    { name: '工艺准备', criteria: '图样识读、工艺路线与工量具选择', maxPoints: 15 },
    { name: '操作技能', criteria: '操作步骤规范、设备使用正确', maxPoints: 40 },
    { name: '质量精度', criteria: '尺寸、精度与表面质量符合要求', maxPoints: 30 },
    { name: '工时定额', criteria: '在规定时间内完成', maxPoints: 5 },
    { name: SAFETY_NAME, criteria: '劳保穿戴、规范操作、场地整洁', maxPoints: 10, safety: true },
  ];
}

export interface ScoringSubject {
  id: number;
  kind: string;
  mode: string;
  occupation: string;
  workType: string | null;
  level: number;
  /** items of its standard (0: none set yet) */
  items: number;
  candidates: number;
}

/** A batch's subjects with how far their standards are set (the standards and theory pages' pickers). */
export function scoringSubjects(sqlite: ReadSqlite, batchId: number): ScoringSubject[] {
  return sqlite
    .prepare<[number], ScoringSubject>(
      `SELECT su.id, su.kind, su.mode, o.name AS occupation, o.work_type_name AS workType, o.level,
              (SELECT COUNT(*) FROM scoring_items i WHERE i.subject_id = su.id) AS items,
              (SELECT COUNT(*) FROM candidate_subjects cs WHERE cs.subject_id = su.id) AS candidates
       FROM subjects su JOIN occupations o ON o.id = su.occupation_id WHERE su.batch_id = ? ORDER BY o.code, o.level, su.kind = 'theory' DESC`,
    )
    .all(batchId);
}
