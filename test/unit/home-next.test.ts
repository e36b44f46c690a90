// The home's next steps (electron/services/home) on the demo day's real databases at several
// stages (test/support/days.ts): what each role is told to do next, and the counts of what waits.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db';
import { DB_FILE } from '../../electron/app';
import type { Actor } from '../../electron/services/auth';
import { readContext } from '../../electron/services/context';
import { nextSteps, type NextSteps } from '../../electron/services/home/next-steps';
import { signInCurves } from '../../electron/services/incidents/floor';
import { dashboard } from '../../electron/services/incidents/views';
import { ManualClock } from '../../electron/services/runtime';
import type { Role } from '../../electron/services/roles';
import { DayStore, type DayFacts, type DayStage } from '../support/days';
import { testDbKey } from '../support/test-key';
import { tempDir } from './helpers';

const store = new DayStore();
const opened: OpenedDatabase[] = [];

beforeAll(async () => {
  await store.ensure();
}, 600_000);

afterAll(() => {
  for (const o of opened.splice(0)) o.sqlite.close();
});

interface Stage {
  facts: DayFacts;
  db: OpenedDatabase;
  clock: ManualClock;
  /** the steps for someone in a role (the day's person of that role unless given) */
  steps(role: Role, who?: { staffId: number; staffNo: string; name: string }): NextSteps;
  codes(role: Role, who?: { staffId: number; staffNo: string; name: string }): string[];
}

function atStage(stage: DayStage): Stage {
  const dir = tempDir(`esc-next-${stage}-`);
  const facts = store.restore(stage, dir);
  const db = openDatabase(join(dir, DB_FILE), { key: testDbKey() });
  opened.push(db);
  const clock = new ManualClock(facts.at);
  const personOf = (role: Role) => {
    if (role === 'site_head') return { staffId: (db.sqlite.prepare('SELECT id FROM staff WHERE staff_no = ?').get(facts.site.staffNo) as { id: number }).id, staffNo: facts.site.staffNo, name: 'head' };
    if (role === 'supervisor') return facts.supervisor;
    if (role === 'score_clerk') return facts.clerks[0]!;
    const row = db.sqlite.prepare('SELECT s.id AS staffId, s.staff_no AS staffNo, s.name FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE r.role = ? ORDER BY s.staff_no LIMIT 1').get(role) as { staffId: number; staffNo: string; name: string };
    return row;
  };
  const steps = (role: Role, who = personOf(role)) => nextSteps(readContext(db, { clock }), { ...who, role } satisfies Actor);
  return { facts, db, clock, steps, codes: (role, who) => steps(role, who).steps.map((s) => s.code) };
}

describe('home: next steps on the demo day', () => {
  test('dump', () => {
    for (const stage of ['plan', 'drawn', 'doors', 'scored', 'sealed', 'published', 'ended'] as const) {
      const s = atStage(stage);
      const p = s.facts.sessions[0]!.rooms[0]!.proctors[0];
      const chief = s.facts.panels[0]?.members[0];
      console.log(stage, s.facts.at, JSON.stringify({
        head: s.steps('site_head').steps,
        sup: s.steps('supervisor').steps,
        proctor: p ? s.steps('proctor', p).steps : s.steps('proctor').steps,
        chief: chief ? s.steps('chief_examiner', chief).steps : null,
        clerk: s.steps('score_clerk').steps,
        admin: s.steps('admin').steps,
      }, null, 1));
      if (stage === 'doors') console.log(JSON.stringify(dashboard(readContext(s.db, { clock: s.clock })).rows.map((r) => [r.sessionName, r.roomCode, r.state, r.expected, r.signedIn, r.absent])), JSON.stringify(signInCurves(readContext(s.db, { clock: s.clock })).sessions[0]));
    }
  });
});
