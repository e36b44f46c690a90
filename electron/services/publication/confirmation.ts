// G5, G6: the 公示结果确认单 per occupation and level, only after the end date with no objection open.
// "以上共 N 名人员，通过 X 职业 Y 等级职业技能等级认定，经公示无异议" lists those who passed: an
// official form, in the vocabulary's Chinese.
import type { ReadSqlite } from '../../../db';
import { LEVEL_ZH, occupationZh, siteDate } from '../../domain/vocabulary';
import type { ReadContext } from '../context';
import { AppError } from '../errors';
import { packageResults, packageRow, publicationRows, type PublishedResult } from './list';
import { publicationRecord, type PublicationRecord } from './lifecycle';
import { objectionsOf } from './objections';

/**
 * The candidates this publication confirms: those it listed, less any whose result was published
 * again later (an upheld objection here, a corrected version): that publication confirms them (G5).
 */
function confirmedResults(sqlite: ReadSqlite, p: PublicationRecord & { packageId: number }): PublishedResult[] {
  const snapshot = sqlite.prepare<[number], { snapshot: string }>('SELECT snapshot FROM publications WHERE id = ?').get(p.id);
  const listed = new Set(publicationRows.parse(JSON.parse(snapshot?.snapshot ?? '[]')).map((r) => r.candidateId));
  const changed = new Set(
    sqlite
      .prepare<[number, number, number], { c: number }>(
        `SELECT r.candidate_id AS c FROM rescores r JOIN objections o ON o.id = r.objection_id WHERE o.publication_id = ?
         UNION SELECT j.value ->> '$.candidateId' FROM publications q, json_each(q.snapshot) j WHERE q.batch_id = ? AND q.id > ?`,
      )
      .all(p.id, p.batchId, p.id)
      .map((r) => r.c),
  );
  return packageResults(sqlite, packageRow(sqlite, p.packageId)).filter((r) => listed.has(r.candidateId) && !changed.has(r.candidateId));
}

export function confirmationSheets(ctx: Pick<ReadContext, 'sqlite' | 'clock'>, publicationId: number) {
  const { sqlite } = ctx;
  const p = publicationRecord(sqlite, publicationId);
  if (siteDate(ctx.clock.now()) <= p.endDate) throw new AppError('CONFLICT', 'publication.confirmAfterEnd', { endDate: p.endDate });
  const open = objectionsOf(sqlite, publicationId).filter((o) => o.status !== 'resolved');
  if (open.length) throw new AppError('CONFLICT', 'publication.objectionsOpen', { n: open.length });
  if (p.packageId === null) throw new AppError('CONFLICT', 'publication.noVersion', { publicationId });
  const batch = sqlite
    .prepare<[number], { planCode: string; batchName: string; orgName: string }>(
      'SELECT b.plan_code AS planCode, b.name AS batchName, o.name AS orgName FROM batches b JOIN organisations o ON o.id = b.organisation_id WHERE b.id = ?',
    )
    .get(p.batchId);
  if (!batch) throw new AppError('NOT_FOUND', 'batch.notFound', { batchId: p.batchId });
  const groups = new Map<string, { occupation: string; level: number; names: string[] }>();
  for (const r of confirmedResults(sqlite, { ...p, packageId: p.packageId })) {
    const occ = occupationZh(r.occupation, r.workType);
    const g = groups.get(`${occ}|${r.level}`) ?? { occupation: occ, level: r.level, names: [] };
    if (r.outcome === 'passed') g.names.push(r.name);
    groups.set(`${occ}|${r.level}`, g);
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
