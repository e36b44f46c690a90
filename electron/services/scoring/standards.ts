// G3: the scoring standard of a subject: the items of its 评分记录表 with their maximum points,
// summing to 100 and including 安全文明生产. Entered per subject by the site head (not in the plan package).
import { z } from 'zod';
import type { Sqlite } from '../../../db';
import { AppError } from '../errors';

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

export function standardFor(sqlite: Sqlite, subjectId: number): StandardItem[] {
  const rows = sqlite
    .prepare('SELECT id, position, name, criteria, max_points AS maxPoints, safety FROM scoring_items WHERE subject_id = ? ORDER BY position')
    .all(subjectId) as (Omit<StandardItem, 'safety'> & { safety: number })[];
  return rows.map((r) => ({ ...r, safety: r.safety === 1 }));
}

/** Checks a standard: items sum to exactly 100 (in tenths) and one of them is the safety item. */
export function checkStandard(items: readonly StandardItemInput[]): string[] {
  const problems: string[] = [];
  if (items.length === 0) problems.push('评分标准至少需要一个评分项目');
  const tenths = items.reduce((s, i) => s + Math.round(i.maxPoints * 10), 0);
  if (tenths !== 1000) problems.push(`各项配分合计须为 100 分，当前为 ${tenths / 10} 分`);
  for (const i of items) if (Math.round(i.maxPoints * 10) !== i.maxPoints * 10) problems.push(`“${i.name}”的配分最多保留一位小数`);
  if (!items.some((i) => i.safety || i.name.includes(SAFETY_NAME))) problems.push(`评分标准须包含“${SAFETY_NAME}”项目（G3）`);
  const names = new Set<string>();
  for (const i of items) {
    if (names.has(i.name)) problems.push(`评分项目“${i.name}”重复`);
    names.add(i.name);
  }
  return problems;
}

/** Replaces a subject's standard; refused once any examiner has begun a sheet for it. */
export function setStandard(sqlite: Sqlite, subjectId: number, items: readonly StandardItemInput[]): StandardItem[] {
  const subject = sqlite.prepare('SELECT id, kind FROM subjects WHERE id = ?').get(subjectId) as { id: number; kind: string } | undefined;
  if (!subject) throw new AppError('NOT_FOUND', '找不到该科目。', 'No such subject.');
  if (subject.kind === 'theory') throw new AppError('BAD_INPUT', '理论知识科目不使用评分记录表。', 'Theory subjects have no score record sheet.');
  const problems = checkStandard(items);
  if (problems.length) throw new AppError('BAD_INPUT', `评分标准有误：${problems.join('；')}`, 'The scoring standard is invalid.', { details: problems });
  const used = sqlite.prepare('SELECT COUNT(*) AS n FROM score_sheets WHERE subject_id = ?').get(subjectId) as { n: number };
  if (used.n > 0) throw new AppError('CONFLICT', '已有考评员开始评分，评分标准不能再修改。', 'Scoring has begun; the standard is fixed.');
  sqlite.prepare('DELETE FROM scoring_items WHERE subject_id = ?').run(subjectId);
  const ins = sqlite.prepare('INSERT INTO scoring_items (subject_id, position, name, criteria, max_points, safety) VALUES (?, ?, ?, ?, ?, ?)');
  items.forEach((i, k) => ins.run(subjectId, k + 1, i.name, i.criteria ?? null, i.maxPoints, i.safety || i.name.includes(SAFETY_NAME) ? 1 : 0));
  return standardFor(sqlite, subjectId);
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
