// Anyone with the record can re-run a draw: the same inputs and seed must give the same result,
// and the table must agree with the audit chain.
import type { ReadDb, ReadSqlite } from '../../../db';
import { canonicalJson, sha256Hex } from '../canonical';
import { DrawModel } from './model';
import { drawRow } from './queries';
import { checkResult } from './rules';
import { solveDraw } from './solver';
import { DRAW_ALGORITHM, type DrawInput, type DrawResult, type RoomAssignment, type Violation } from './types';

/** A room's people by name, for the report (the renderer lays them out). */
export interface RoomPeople {
  proctors: string[];
  chief: string | null;
  examiners: string[];
}

export interface VerifyReport {
  drawId: number;
  same: boolean;
  seed: string;
  algorithm: string;
  algorithmKnown: boolean;
  inputsDigestOk: boolean;
  resultDigestOk: boolean;
  auditOk: boolean;
  rerunDigest: string | null;
  differences: { sessionId: number; roomId: number; roomCode: string; recorded: RoomPeople | null; rerun: RoomPeople | null }[];
  violations: Violation[];
}

/**
 * A result as the solver decides it: the assignments and where rotation gave way. Draws recorded
 * before the findings were coded carry sentences in `relaxed`; their assignments and findings
 * still compare with a re-run.
 */
function decided(r: DrawResult): unknown {
  return { assignments: r.assignments, relaxed: r.relaxed.map((x) => ({ kind: x.kind, sessionId: x.sessionId, roomId: x.roomId, staffIds: x.staffIds })) };
}

export const isLegacyResult = (r: DrawResult): boolean => r.relaxed.some((x) => typeof (x as { reason?: unknown }).reason !== 'string');

/** the table against the audit chain: the event of the draw names the same seed and digests */
function auditAgrees(sqlite: ReadSqlite, d: ReturnType<typeof drawRow>): boolean {
  if (!d.auditSeq) return false;
  const ev = sqlite.prepare<[number], { detail: string }>("SELECT detail FROM audit_events WHERE seq = ? AND command = 'draw.run' AND outcome = 'ok'").get(d.auditSeq);
  if (!ev) return false;
  const det = JSON.parse(ev.detail) as { seed?: string; inputsDigest?: string; resultDigest?: string; drawId?: number }; // the draw's own audit detail (runDraw's notes)
  return det.seed === d.seed && det.inputsDigest === d.inputsDigest && det.resultDigest === d.resultDigest && det.drawId === d.id;
}

function differencesOf(model: DrawModel, recorded: DrawResult, rerun: DrawResult): VerifyReport['differences'] {
  const people = (a: RoomAssignment | undefined): RoomPeople | null =>
    a ? { proctors: a.proctors.map((id) => model.name(id)), chief: a.chief === null ? null : model.name(a.chief), examiners: a.examiners.map((id) => model.name(id)) } : null;
  const key = (a: RoomAssignment) => `${a.sessionId}:${a.roomId}`;
  const byRerun = new Map(rerun.assignments.map((a) => [key(a), a]));
  const byRecord = new Map(recorded.assignments.map((a) => [key(a), a]));
  const out: VerifyReport['differences'] = [];
  for (const k of new Set([...byRerun.keys(), ...byRecord.keys()])) {
    const a = byRecord.get(k);
    const b = byRerun.get(k);
    if (canonicalJson(a ?? null) === canonicalJson(b ?? null)) continue;
    const [sessionId, roomId] = k.split(':').map(Number) as [number, number];
    out.push({ sessionId, roomId, roomCode: model.roomCode(sessionId, roomId), recorded: people(a), rerun: people(b) });
  }
  return out;
}

/** Re-runs a draw from its record: same inputs and seed must give the same result. */
export function verifyDraw(db: ReadDb, sqlite: ReadSqlite, drawId: number): VerifyReport {
  const d = drawRow(db, drawId);
  // the record's own bytes, written by runDraw from a DrawInput and a DrawResult; the digests below vouch for them
  const inputs = JSON.parse(d.inputs) as DrawInput;
  const recorded = JSON.parse(d.result) as DrawResult;
  const inputsDigestOk = sha256Hex(d.inputs) === d.inputsDigest; // the stored bytes are what was digested at draw time
  const resultDigestOk = sha256Hex(d.result) === d.resultDigest;
  const auditOk = auditAgrees(sqlite, d);
  const algorithmKnown = d.algorithm === DRAW_ALGORITHM && inputs.algorithm === DRAW_ALGORITHM;
  const model = new DrawModel(inputs);
  const outcome = algorithmKnown ? solveDraw(inputs, d.seed) : null;
  const rerun = outcome?.ok ? outcome.result : null;
  const rerunDigest = rerun ? sha256Hex(canonicalJson(rerun)) : null;
  const differences = rerun ? differencesOf(model, recorded, rerun) : [];
  const sameResult = !!rerun && (isLegacyResult(recorded) ? canonicalJson(decided(rerun)) === canonicalJson(decided(recorded)) : rerunDigest === d.resultDigest);
  const violations = checkResult(inputs, recorded, model);
  const same = sameResult && differences.length === 0 && inputsDigestOk && resultDigestOk && auditOk;
  return { drawId: d.id, same, seed: d.seed, algorithm: d.algorithm, algorithmKnown, inputsDigestOk, resultDigestOk, auditOk, rerunDigest, differences, violations };
}
