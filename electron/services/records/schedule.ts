// DOMAIN A3: what falls due: for every batch and class, the period, the day it may be destroyed,
// and whether it is kept, due or destroyed. Holds are codes the page words (no archive yet, results
// not yet acknowledged by the platform, the register waiting for the other classes).
import type { ReadSqlite } from '../../../db';
import { MATERIAL_CLASSES, blockersOf, dueOn, retentionPolicy, type MaterialClass } from './classes';
import { currentArchive, destroyedClasses } from './destroy';

export type ScheduleState = 'kept' | 'due' | 'destroyed';
export type HoldCode = 'noArchive' | 'notDelivered' | 'registerLast';

export interface ScheduleItem {
  class: MaterialClass;
  years: number;
  dueOn: string;
  state: ScheduleState;
  holds: { code: HoldCode; params?: Record<string, string> }[];
  destroyedOn: string | null;
}

export interface BatchSchedule {
  batchId: number;
  planCode: string;
  name: string;
  examDate: string;
  year: number;
  status: string;
  archive: { id: number; fileName: string; manifestSha256: string; classes: MaterialClass[] } | null;
  items: ScheduleItem[];
}

export function schedule(sqlite: ReadSqlite, today: string): BatchSchedule[] {
  const policy = retentionPolicy(sqlite);
  const batches = sqlite.prepare('SELECT id, plan_code AS planCode, name, exam_date AS examDate, status FROM batches ORDER BY exam_date DESC, id DESC').all() as {
    id: number;
    planCode: string;
    name: string;
    examDate: string;
    status: string;
  }[];
  return batches.map((b) => {
    const done = destroyedClasses(sqlite, b.id);
    const when = new Map((sqlite.prepare('SELECT class, destroyed_on AS d FROM destructions WHERE batch_id = ?').all(b.id) as { class: string; d: string }[]).map((r) => [r.class, r.d]));
    const archive = currentArchive(sqlite, b.id) ?? null;
    const undelivered =
      b.status !== 'sealed' ||
      (sqlite.prepare("SELECT COUNT(*) AS n FROM sealed_packages p JOIN outbox o ON o.package_id = p.id WHERE p.batch_id = ? AND o.state NOT IN ('acknowledged', 'certified')").get(b.id) as { n: number }).n > 0;
    const items = MATERIAL_CLASSES.map((c): ScheduleItem => {
      const due = dueOn(b.examDate, policy.years[c]);
      const state: ScheduleState = done.has(c) ? 'destroyed' : today >= due ? 'due' : 'kept';
      const holds: ScheduleItem['holds'] = [];
      if (state === 'due') {
        if (undelivered) holds.push({ code: 'notDelivered' });
        if (!archive) holds.push({ code: 'noArchive' });
        // the register may go together with the rest when they are all due
        const dueNow = new Set<MaterialClass>([...done, ...MATERIAL_CLASSES.filter((x) => today >= dueOn(b.examDate, policy.years[x]))]);
        const blockers = blockersOf(c, dueNow);
        if (blockers.length) holds.push({ code: 'registerLast', params: { classes: blockers.join(',') } });
      }
      return { class: c, years: policy.years[c], dueOn: due, state, holds, destroyedOn: when.get(c) ?? null };
    });
    return { batchId: b.id, planCode: b.planCode, name: b.name, examDate: b.examDate, year: Number(b.examDate.slice(0, 4)), status: b.status, archive, items };
  });
}
