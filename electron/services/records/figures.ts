// DOMAIN A5: a batch's figures for the yearly summary: per occupation (work type) and level, the
// candidates evaluated (认定人次: everyone who sat, absentees excluded), those who passed and the
// certificates the platform issued (取证人次, G7). The archive keeps them, so a batch whose data
// was destroyed still counts in its year.
import type { ReadSqlite } from '../../../db';
import { compileResults } from '../results/compile';

export interface FigureGroup {
  occupation: string;
  workType: string | null;
  level: number;
  evaluated: number;
  passed: number;
  certified: number;
}

export interface BatchFigures {
  batchId: number;
  planCode: string;
  name: string;
  examDate: string;
  groups: FigureGroup[];
}

export function batchFigures(sqlite: ReadSqlite, batchId: number): BatchFigures {
  const b = sqlite.prepare('SELECT id, plan_code AS planCode, name, exam_date AS examDate FROM batches WHERE id = ?').get(batchId) as { id: number; planCode: string; name: string; examDate: string };
  const certified = new Set(
    (
      sqlite
        .prepare('SELECT DISTINCT c.candidate_ref AS t FROM sync_certificates c JOIN sealed_packages p ON p.hash = c.package_hash WHERE p.batch_id = ?')
        .all(batchId) as { t: string }[]
    ).map((r) => r.t),
  );
  const groups = new Map<string, FigureGroup>();
  for (const r of compileResults(sqlite, batchId)) {
    const key = `${r.occupation}|${r.workType ?? ''}|${r.level}`;
    const g = groups.get(key) ?? { occupation: r.occupation, workType: r.workType, level: r.level, evaluated: 0, passed: 0, certified: 0 };
    if (r.outcome === 'passed' || r.outcome === 'failed' || r.outcome === 'void') g.evaluated += 1;
    if (r.outcome === 'passed') g.passed += 1;
    if (r.outcome === 'passed' && certified.has(r.ticketNo)) g.certified += 1;
    groups.set(key, g);
  }
  return { batchId: b.id, planCode: b.planCode, name: b.name, examDate: b.examDate, groups: [...groups.values()].sort((x, y) => x.occupation.localeCompare(y.occupation, 'zh') || x.level - y.level) };
}
