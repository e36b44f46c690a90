// Steps the e2e stories share to reach their starting state from a demo day stage, each through
// the public command API over HTTP (consoleApp.call): what a user would have done before the part
// the test clicks through. test/e2e/README.md lists them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startPlatform, type RunningPlatform } from '../../scripts/platform/server';
import type { ConsoleFixture, DayFacts } from '../e2e/fixtures';

export type Panel = DayFacts['panels'][number];
export type Item = { id: number; maxPoints: number; name: string };

/** A full sheet whose items share `total` in proportion to their maxima (one decimal, remainder on the first). */
export function entriesFor(items: Item[], total: number) {
  const raw = items.map((i) => Math.floor(((i.maxPoints * total) / 100) * 10) / 10);
  const diff = Math.round((total - raw.reduce((a, b) => a + b, 0)) * 10) / 10;
  raw[0] = Math.round((raw[0]! + diff) * 10) / 10;
  return items.map((i, k) => ({ itemId: i.id, points: raw[k]!, missing: false }));
}

/** Full marks on every item but `zero` (1-based), which gets none. */
export function entriesZeroOn(items: Item[], zero: number) {
  return items.map((i, k) => ({ itemId: i.id, points: k + 1 === zero ? 0 : i.maxPoints, missing: false }));
}

/** The site head sets each skill subject's sample standard (what 'scored' has, for a day before it). */
export async function setStandards(c: ConsoleFixture, day: DayFacts, head: string): Promise<Record<string, Item[]>> {
  const subjects = await c.call<{ id: number; kind: string }[]>('scoring.subjects', { batchId: day.batchId }, head);
  const items: Record<string, Item[]> = {};
  for (const s of subjects.filter((x) => x.kind !== 'theory')) {
    const { sample } = await c.call<{ sample: unknown[] }>('scoring.standard.get', { subjectId: s.id }, head);
    items[String(s.id)] = await c.call<Item[]>('scoring.standard.set', { subjectId: s.id, items: sample }, head);
  }
  return items;
}

/** Each panel member signs in (as examiner or chief) and submits a signed sheet for one candidate. */
export async function panelScores(c: ConsoleFixture, panel: Panel, candidateId: number, entriesOf: (memberIndex: number) => ReturnType<typeof entriesFor>): Promise<void> {
  for (const [i, m] of panel.members.entries()) {
    const token = await c.signIn(m.staffNo, undefined, m.role);
    await c.call('scoring.sheet.submit', { candidateId, subjectId: panel.subjectId, entries: entriesOf(i), pin: c.day?.staffPin ?? '135790' }, token);
  }
}

/** The signatures the seal asks for (readiness names the signers): the site head's PIN, the others' staff PIN. */
export async function sealSignatures(c: ConsoleFixture, day: DayFacts, head: string): Promise<{ staffNo: string; pin: string }[]> {
  const r = await c.call<{ signers: { role: string; staffNo: string | null }[] }>('seal.readiness', { batchId: day.batchId }, head);
  return r.signers.map((s) => ({ staffNo: s.staffNo!, pin: s.role === 'site_head' ? day.site.pin : day.staffPin }));
}

/**
 * On the 'published' day (公示 2026-05-22 to 05-28): on 05-22 an objection about a candidate is
 * recorded, investigated and upheld, naming the subject to score again (the batch reopens as an
 * amendment). The clock is left on 05-22 09:00.
 */
export async function upheldObjection(c: ConsoleFixture, day: DayFacts, candidateId: number, subjectId: number): Promise<{ objectionId: number; head: string }> {
  c.clock.set('2026-05-22T09:00:00+08:00');
  const head = await c.setupSite();
  const obj = await c.call<{ id: number }>('results.objection.record', { publicationId: day.publication!.id, candidateId, raisedBy: '考生本人', content: '认为操作技能漏评一项' }, head);
  await c.call('results.objection.investigate', { objectionId: obj.id, investigation: '调阅现场录像，确有一项未评。' }, head);
  await c.call('results.objection.resolve', { objectionId: obj.id, decision: '异议成立，由原考评组重新评分。', outcome: 'upheld', subjectId }, head);
  return { objectionId: obj.id, head };
}

/** A skill candidate of the first panel whose theory score passes (so the skill score decides the outcome). */
export function candidatePassingTheory(c: ConsoleFixture, panel: Panel): { id: number; name: string; ticket: string } {
  // a read: which candidate the story is about
  return c.app.env.opened.sqlite
    .prepare(
      `SELECT c.id, c.name, c.ticket_no AS ticket FROM candidates c JOIN theory_scores t ON t.candidate_id = c.id
       WHERE c.id IN (${panel.candidateIds.map(() => '?').join(',')}) AND t.score >= 60 ORDER BY c.ticket_no LIMIT 1`,
    )
    .get(...panel.candidateIds) as { id: number; name: string; ticket: string };
}

/** A skill candidate of a panel who sat every subject (no absence: the demo day's door left some out). */
export function candidatePresent(c: ConsoleFixture, panel: Panel): { id: number; name: string; ticketNo: string; docNumber: string } {
  // a read: which candidate the story is about
  return c.app.env.opened.sqlite
    .prepare(
      `SELECT c.id, c.name, c.ticket_no AS ticketNo, c.doc_number AS docNumber FROM candidates c
       WHERE c.id IN (${panel.candidateIds.map(() => '?').join(',')}) AND NOT EXISTS (SELECT 1 FROM checkin_absences a WHERE a.candidate_id = c.id)
       ORDER BY c.ticket_no LIMIT 1`,
    )
    .get(...panel.candidateIds) as { id: number; name: string; ticketNo: string; docNumber: string };
}

/** Picks a date in an antd DatePicker (the input inside the test id), as typed and confirmed with Enter. */
export async function pickDate(page: Page, testId: string, date: string): Promise<void> {
  const input = page.locator(`input[data-testid=${testId}], [data-testid=${testId}] input`).first();
  await input.click();
  await input.fill(date);
  await page.keyboard.press('Enter');
}

/** A reference platform with a known port and key that is off until started (and on again after a stop). */
export interface PlatformSwitch {
  url: string;
  fingerprint: string;
  running: RunningPlatform | null;
  start(): Promise<RunningPlatform>;
  /** stops it if running and removes its data */
  dispose(): Promise<void>;
}

export async function platformSwitch(): Promise<PlatformSwitch> {
  const dir = mkdtempSync(join(tmpdir(), 'esc-e2e-platform-'));
  const probe = await startPlatform({ dataDir: dir });
  const { port, url, fingerprint } = probe;
  await probe.close();
  const sw: PlatformSwitch = {
    url,
    fingerprint,
    running: null,
    start: async () => (sw.running = await startPlatform({ dataDir: dir, port })),
    dispose: async () => {
      await sw.running?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return sw;
}
