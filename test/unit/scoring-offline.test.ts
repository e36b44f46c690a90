// A score sheet submitted from a tablet that lost its connection (S9): the tablet keeps one submit
// key per attempt, so a retry after a lost answer is the same signed sheet, never a second one nor a
// refusal; the PIN is checked on every attempt; a key reused for anything else is refused.
import { describe, expect, test } from 'vitest';
import { parseDraft } from '../../renderer/src/pages/scoring/sheetDraft';
import { entriesFor, scoringDay, signInAs, STAFF_PIN } from '../support/scoring-seed';
import { testConsole } from './helpers';

const KEY = 'tablet-key-0123456789abcdef';

describe('S9: a retried submit is the same sheet', () => {
  test('S9: the same key and entries answer the recorded sheet (one row, one signature); the PIN is still checked', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    const p = day.panels[0]!;
    const cand = p.candidateIds[0]!;
    const items = day.items.get(p.subjectId)!;
    const m = p.members[1]!;
    const t = await signInAs(c, m.staffNo, m.role);
    const entries = entriesFor(items, 81);
    const first = await c.ok<{ signature: string; submittedAt: string; total: number; replayed: boolean }>('scoring.sheet.submit', { candidateId: cand, subjectId: p.subjectId, entries, pin: STAFF_PIN, submitKey: KEY }, t);
    expect(first).toMatchObject({ total: 81, replayed: false });

    c.clock.advance(60_000);
    // the retry (the tablet never saw the first answer): the same sheet, not "locked"
    const again = await c.ok<{ signature: string; submittedAt: string; total: number; replayed: boolean }>('scoring.sheet.submit', { candidateId: cand, subjectId: p.subjectId, entries, pin: STAFF_PIN, submitKey: KEY }, t);
    expect(again).toEqual({ ...first, replayed: true, rescored: [] });
    const rows = c.app.env.opened.sqlite.prepare('SELECT status, signature, submit_key AS k FROM score_sheets WHERE candidate_id = ? AND subject_id = ? AND examiner_id = ?').all(cand, p.subjectId, m.staffId);
    expect(rows).toEqual([{ status: 'submitted', signature: first.signature, k: KEY }]);

    // the PIN signs every attempt: a replay with a wrong one is refused
    const wrong = await c.call('scoring.sheet.submit', { candidateId: cand, subjectId: p.subjectId, entries, pin: '000000', submitKey: KEY }, t);
    expect(wrong.ok ? '' : wrong.error.code).toBe('PIN_WRONG');
    // other entries under the same key are another sheet: refused, the signed one unchanged
    const changed = await c.call('scoring.sheet.submit', { candidateId: cand, subjectId: p.subjectId, entries: entriesFor(items, 90), pin: STAFF_PIN, submitKey: KEY }, t);
    expect(changed.ok ? null : changed.error).toMatchObject({ code: 'CONFLICT', reason: 'scoring.submitKeyReused' });
    // a new key on a signed sheet: locked as before
    const other = await c.call('scoring.sheet.submit', { candidateId: cand, subjectId: p.subjectId, entries, pin: STAFF_PIN, submitKey: 'another-key-0123456789' }, t);
    expect(other.ok ? null : other.error).toMatchObject({ code: 'CONFLICT', reason: 'scoring.sheetLocked' });
    // another examiner cannot use the key
    const n = p.members[2]!;
    const tn = await signInAs(c, n.staffNo, n.role);
    const foreign = await c.call('scoring.sheet.submit', { candidateId: cand, subjectId: p.subjectId, entries, pin: STAFF_PIN, submitKey: KEY }, tn);
    expect(foreign.ok ? null : foreign.error).toMatchObject({ code: 'CONFLICT', reason: 'scoring.submitKeyReused' });
    expect(c.app.env.opened.sqlite.prepare("SELECT COUNT(*) AS n FROM score_sheets WHERE candidate_id = ? AND subject_id = ? AND status = 'submitted'").get(cand, p.subjectId)).toEqual({ n: 1 });
  });

  test('S9: a submit key must look like one the tablet makes (16–64 of A–Z a–z 0–9 _ -)', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    const p = day.panels[0]!;
    const m = p.members[1]!;
    const t = await signInAs(c, m.staffNo, m.role);
    const r = await c.call('scoring.sheet.submit', { candidateId: p.candidateIds[0]!, subjectId: p.subjectId, entries: entriesFor(day.items.get(p.subjectId)!, 70), pin: STAFF_PIN, submitKey: 'short' }, t);
    expect(r.ok ? '' : r.error.code).toBe('BAD_INPUT');
  });
});

describe('the device draft', () => {
  test('reads back only what the page wrote: entries checked, the submit key checked, never anything else', () => {
    const entries = [
      { itemId: 1, points: 12.5, missing: false },
      { itemId: 2, points: null, missing: true },
    ];
    expect(parseDraft(JSON.stringify({ entries, submitKey: KEY, savedAt: '2026-05-21T08:00:00Z', pin: '135790' }))).toEqual({ entries, submitKey: KEY, savedAt: '2026-05-21T08:00:00Z' });
    // the earlier form (entries alone) still restores
    expect(parseDraft(JSON.stringify(entries))).toEqual({ entries, submitKey: null, savedAt: '' });
    expect(parseDraft(JSON.stringify({ entries, submitKey: 'x y' }))?.submitKey).toBeNull();
    for (const bad of [null, 'not json', '{}', JSON.stringify({ entries: [{ itemId: 'a', points: 1, missing: false }] }), JSON.stringify({ entries: [{ itemId: 1, points: 101, missing: false }] }), JSON.stringify(Array(51).fill(entries[0]))]) {
      expect(parseDraft(bad)).toBeNull();
    }
    expect(parseDraft(`[${' '.repeat(20_000)}]`)).toBeNull();
  });
});
