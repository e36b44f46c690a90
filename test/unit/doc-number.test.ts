// P8: one spelling of a document number. Any spelling of the same number (lower-case x, spaces,
// full-width digits, hyphens) is stored once by every import path and found at the door; any real
// birth date is accepted, an implausible age is warned and never refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseDocNumber } from '../../electron/domain/doc-number';
import { makeResidentId, parseResidentId } from '../../electron/domain/gb11643';
import { demoPackage, workbookFile } from '../support/plan-fixtures';
import { siteHead, testConsole } from './helpers';

const FULL = (ch: string) => (/[0-9A-Za-z]/.test(ch) ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch);
const SEPARATORS = [' ', '  ', '-', '\u3000', '\u2010', '\uff0d', '\t'];

/** Another way a person, a scanner or an IME writes the same number. */
function spelling(canonical: string) {
  return fc
    .record({
      perChar: fc.array(fc.record({ full: fc.boolean(), lower: fc.boolean(), sep: fc.option(fc.constantFrom(...SEPARATORS), { freq: 4 }) }), {
        minLength: canonical.length,
        maxLength: canonical.length,
      }),
      lead: fc.constantFrom('', ' ', '\u3000'),
      trail: fc.constantFrom('', ' ', '\n'),
    })
    .map(({ perChar, lead, trail }) => lead + [...canonical].map((ch, i) => {
      const how = perChar[i]!;
      let out = how.lower ? ch.toLowerCase() : ch;
      if (how.full) out = FULL(out);
      return out + (how.sep ?? '');
    }).join('') + trail);
}

const residentId = fc
  .record({
    region: fc.constantFrom('370402', '110105', '440524', '650102'),
    birth: fc.date({ min: new Date('1880-01-01T00:00:00Z'), max: new Date('2012-12-31T00:00:00Z'), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, birth, seq }) => makeResidentId(region, birth.toISOString().slice(0, 10).replace(/-/g, ''), seq));

describe('P8: one spelling of a document number', () => {
  it('P8 property: every spelling of a resident ID or another document normalises to the one stored form, and a resident ID still checks', () => {
    fc.assert(
      fc.property(residentId.chain((id) => fc.tuple(fc.constant(id), spelling(id))), ([id, spelled]) => {
        expect(normaliseDocNumber(spelled)).toBe(id);
        expect(parseResidentId(spelled).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
    const passport = fc.stringMatching(/^[A-Z]{1,2}[0-9]{7,8}$/);
    fc.assert(fc.property(passport.chain((p) => fc.tuple(fc.constant(p), spelling(p))), ([p, spelled]) => {
          expect(normaliseDocNumber(spelled)).toBe(p);
        }), { numRuns: 200 });
  });

  it('P8: any real birth date is accepted, the standard’s own 1880 example included; a date that does not exist or lies ahead is not', () => {
    expect(parseResidentId('440524188001010014').ok).toBe(true); // GB 11643's example, born 1880-01-01
    expect(parseResidentId('11010519491231002x').ok).toBe(true); // its other example, lower-case x
    expect(parseResidentId(makeResidentId('110105', '18950229', 1))).toEqual({ ok: false, problem: 'date' }); // 1895 was no leap year
    expect(parseResidentId(makeResidentId('110105', '20300101', 1), '2026-05-21')).toEqual({ ok: false, problem: 'date' });
  });

  it('P8 attack: the same person spelled three ways (a workbook, then the JSON package twice: the form the platform download is read in) is one candidate, found at the door by any spelling; an old birth date imports with a warning', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const pkg = demoPackage(12);
    // candidate 0 is old: born 1935 (aged 91 on the day) — warned, imported
    const old = pkg.candidates[0]!;
    old.docNumber = makeResidentId('370402', '19350607', old.gender === '男' ? 11 : 12);
    old.birthDate = '1935-06-07';
    const canonical = pkg.candidates.map((x) => x.docNumber);
    const [first, second, third, atDoor] = [1, 2, 3, 4].map((seed) => pkg.candidates.map((x) => fc.sample(spelling(x.docNumber), { numRuns: 1, seed: seed * 7919 + x.docNumber.length })[0]!));
    const spelled = (docs: string[]) => ({ ...structuredClone(pkg), candidates: pkg.candidates.map((x, i) => ({ ...structuredClone(x), docNumber: docs[i]! })) });
    const b64 = (f: { name: string; data: Buffer }) => ({ name: f.name, data: f.data.toString('base64') });

    const checked = await c.ok<{ ok: boolean; problems: { rule: string; severity: string; reason: string; params: Record<string, unknown> }[] }>('plan.check', { files: [b64(await workbookFile(spelled(first!)))] }, token);
    expect(checked.ok).toBe(true);
    expect(checked.problems.filter((p) => p.reason === 'plan.ageImplausible')).toEqual([expect.objectContaining({ rule: 'P8', severity: 'warning', params: expect.objectContaining({ age: 90 }) })]);
    await c.ok('plan.import', { files: [b64(await workbookFile(spelled(first!)))] }, token);
    const stored = () => (c.app.env.opened.sqlite.prepare('SELECT doc_number AS d FROM candidates ORDER BY id').all() as { d: string }[]).map((r) => r.d);
    expect(stored().sort()).toEqual([...canonical].sort());

    // the JSON package and the platform's download spell them otherwise: nothing to add, remove or change
    for (const docs of [second!, third!]) {
      const json = { name: 'plan.json', data: Buffer.from(JSON.stringify(spelled(docs))) };
      const again = await c.ok<{ reimport: { unchanged: boolean } | null }>('plan.check', { files: [b64(json)] }, token);
      expect(again.reimport?.unchanged).toBe(true);
    }
    expect(stored()).toHaveLength(12);

    // the door finds each candidate by yet another spelling
    const seats = c.app.env.opened.sqlite.prepare('SELECT c.id, c.doc_number AS doc, cs.session_id AS s, cs.room_id AS r FROM candidates c JOIN candidate_subjects cs ON cs.candidate_id = c.id WHERE cs.room_id IS NOT NULL GROUP BY c.id').all() as { id: number; doc: string; s: number; r: number }[];
    for (const seat of seats) {
      const code = atDoor![canonical.indexOf(seat.doc)]!;
      const r = await c.ok<{ kind: string; verdict: { candidate: { id: number } | null } }>('checkin.scan', { sessionId: seat.s, roomId: seat.r, code }, token);
      expect(r.kind, code).toBe('verdict');
      expect(r.verdict.candidate?.id, code).toBe(seat.id);
    }
  }, 120_000);
});
