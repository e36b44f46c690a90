// The supervisor's ruling (S8, E6): a decision with reasons, signed with the supervisor's PIN.
// A ruling is final; a change is a new, attributed ruling that supersedes the old one (the
// database allows no other change: see *_incidents_guards.sql).

import { and, eq, isNull } from 'drizzle-orm';
import { schema, type Db } from '../../../db';
import type { Actor } from '../auth';
import { verifyStaffPin } from '../auth';
import { canonicalJson, sha256Hex } from '../canonical';
import { AppError } from '../errors';
import { DECISIONS, NON_CANDIDATE_DECISIONS, type Decision } from './catalogue';

export interface RuleInput {
  incidentId: number;
  decision: Decision;
  reason: string;
  pin: string;
}

/** The subject a decision touches: the session's subject, or null (the whole batch result) for result_void and police. */
export function subjectOf(decision: Decision, sessionSubjectId: number): number | null {
  return decision === 'result_void' || decision === 'police' ? null : sessionSubjectId;
}

export function currentRuling(db: Db, incidentId: number) {
  return db
    .select()
    .from(schema.incidentRulings)
    .where(and(eq(schema.incidentRulings.incidentId, incidentId), isNull(schema.incidentRulings.supersededBy)))
    .get();
}

function insertRuling(db: Db, actor: Actor, device: string, now: Date, input: RuleInput, supersedes: number | null) {
  const inc = db.select().from(schema.incidents).where(eq(schema.incidents.id, input.incidentId)).get();
  if (!inc) throw new AppError('NOT_FOUND', '找不到该违纪记录。', 'No such incident.');
  if (inc.status === 'awaiting_second') throw new AppError('CONFLICT', '该记录尚缺第二名监考人员签字，暂不能处理。', 'The second proctor has not signed yet.');
  if (inc.subjectType !== 'candidate' && !NON_CANDIDATE_DECISIONS.includes(input.decision)) {
    throw new AppError('BAD_INPUT', `「${DECISIONS[input.decision]}」只适用于考生。`, 'That decision applies to candidates only.');
  }
  const session = db.select().from(schema.examSessions).where(eq(schema.examSessions.id, inc.sessionId)).get()!;
  const record = {
    incidentId: inc.id,
    candidateId: inc.candidateId,
    staffId: inc.staffId,
    subjectId: inc.subjectType === 'candidate' ? subjectOf(input.decision, session.subjectId) : null,
    decision: input.decision,
    reason: input.reason,
    decidedAt: now.toISOString(),
    decidedBy: actor.staffId,
    supersedes,
  };
  // the PIN signs what is written: checked before anything changes
  verifyStaffPin(db, actor.staffId, input.pin, { now: () => now });
  const signature = sha256Hex(canonicalJson(record));
  const row = db
    .insert(schema.incidentRulings)
    .values({ ...record, device, signature })
    .returning({ id: schema.incidentRulings.id })
    .get();
  if (inc.status !== 'ruled') db.update(schema.incidents).set({ status: 'ruled' }).where(eq(schema.incidents.id, inc.id)).run();
  return { id: row.id, record, signature };
}

/** The first ruling on an incident. */
export function rule(db: Db, actor: Actor, device: string, now: Date, input: RuleInput) {
  const existing = currentRuling(db, input.incidentId);
  if (existing) {
    throw new AppError('CONFLICT', '该违纪记录已有处理决定；如需改变，请作出新的决定取代原决定。', 'Already ruled: a change is a new ruling that supersedes.');
  }
  const r = insertRuling(db, actor, device, now, input, null);
  return { result: { rulingId: r.id, decision: r.record.decision }, detail: { subject: { incidentId: input.incidentId, rulingId: r.id, candidateId: r.record.candidateId }, after: { ...r.record, signature: r.signature } } };
}

/** A new ruling that replaces the current one; the old one stays, marked superseded_by the new. */
export function supersede(db: Db, actor: Actor, device: string, now: Date, input: RuleInput & { rulingId: number }) {
  const old = db.select().from(schema.incidentRulings).where(eq(schema.incidentRulings.id, input.rulingId)).get();
  if (!old || old.incidentId !== input.incidentId) throw new AppError('NOT_FOUND', '找不到要取代的处理决定。', 'No such ruling.');
  if (old.supersededBy !== null) throw new AppError('CONFLICT', '该决定已被取代，请针对当前有效的决定。', 'That ruling was already superseded.');
  const r = insertRuling(db, actor, device, now, input, old.id);
  db.update(schema.incidentRulings).set({ supersededBy: r.id }).where(eq(schema.incidentRulings.id, old.id)).run();
  return {
    result: { rulingId: r.id, supersedes: old.id, decision: r.record.decision },
    detail: {
      subject: { incidentId: input.incidentId, rulingId: r.id, supersedes: old.id, candidateId: r.record.candidateId },
      before: { rulingId: old.id, decision: old.decision, reason: old.reason, decidedBy: old.decidedBy },
      after: { ...r.record, signature: r.signature },
    },
  };
}
