// The supervisor's ruling (S8, E6): a decision with reasons, signed with the supervisor's PIN.
// A ruling is final; a change is a new, attributed ruling that supersedes the old one (the
// database allows no other change: see *_incidents_guards.sql).

import { and, eq, isNull } from 'drizzle-orm';
import { schema, type ReadDb } from '../../../db';
import { acceptStaffPin, type ProvenPins } from '../auth';
import { canonicalJson, sha256Hex } from '../canonical';
import { actorOf, nowIso, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { NON_CANDIDATE_DECISIONS, type Decision } from './catalogue';

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

export function currentRuling(db: ReadDb, incidentId: number) {
  return db
    .select()
    .from(schema.incidentRulings)
    .where(and(eq(schema.incidentRulings.incidentId, incidentId), isNull(schema.incidentRulings.supersededBy)))
    .get();
}

function insertRuling(ctx: ServiceContext, input: RuleInput, supersedes: number | null, pins: ProvenPins) {
  const { db } = ctx;
  const actor = actorOf(ctx);
  const inc = db.select().from(schema.incidents).where(eq(schema.incidents.id, input.incidentId)).get();
  if (!inc) throw new AppError('NOT_FOUND', 'incidents.noSuchIncident');
  if (inc.status === 'awaiting_second') throw new AppError('CONFLICT', 'incidents.awaitingSecond');
  if (inc.subjectType !== 'candidate' && !NON_CANDIDATE_DECISIONS.includes(input.decision)) {
    throw new AppError('BAD_INPUT', 'incidents.decisionCandidateOnly', { decision: `@inc.decision.${input.decision}` });
  }
  const session = db.select().from(schema.examSessions).where(eq(schema.examSessions.id, inc.sessionId)).get()!;
  const record = {
    incidentId: inc.id,
    candidateId: inc.candidateId,
    staffId: inc.staffId,
    subjectId: inc.subjectType === 'candidate' ? subjectOf(input.decision, session.subjectId) : null,
    decision: input.decision,
    reason: input.reason,
    decidedAt: nowIso(ctx),
    decidedBy: actor.staffId,
    supersedes,
  };
  // the PIN signs what is written: proven before the transaction, accepted before anything changes
  acceptStaffPin(ctx, pins, actor.staffId, input.pin);
  const signature = sha256Hex(canonicalJson(record));
  const row = db
    .insert(schema.incidentRulings)
    .values({ ...record, device: ctx.device, signature })
    .returning({ id: schema.incidentRulings.id })
    .get();
  if (inc.status !== 'ruled') db.update(schema.incidents).set({ status: 'ruled' }).where(eq(schema.incidents.id, inc.id)).run();
  return { id: row.id, record, signature };
}

/** The first ruling on an incident. */
export function rule(ctx: ServiceContext, input: RuleInput, pins: ProvenPins) {
  if (currentRuling(ctx.db, input.incidentId)) throw new AppError('CONFLICT', 'incidents.alreadyRuled');
  const r = insertRuling(ctx, input, null, pins);
  ctx.note({ subject: { incidentId: input.incidentId, rulingId: r.id, candidateId: r.record.candidateId }, after: { ...r.record, signature: r.signature } });
  return { rulingId: r.id, decision: r.record.decision };
}

/** A new ruling that replaces the current one; the old one stays, marked superseded_by the new. */
export function supersede(ctx: ServiceContext, input: RuleInput & { rulingId: number }, pins: ProvenPins) {
  const old = ctx.db.select().from(schema.incidentRulings).where(eq(schema.incidentRulings.id, input.rulingId)).get();
  if (!old || old.incidentId !== input.incidentId) throw new AppError('NOT_FOUND', 'incidents.noSuchRuling');
  if (old.supersededBy !== null) throw new AppError('CONFLICT', 'incidents.rulingSuperseded');
  const r = insertRuling(ctx, input, old.id, pins);
  ctx.db.update(schema.incidentRulings).set({ supersededBy: r.id }).where(eq(schema.incidentRulings.id, old.id)).run();
  ctx.note({
    subject: { incidentId: input.incidentId, rulingId: r.id, supersedes: old.id, candidateId: r.record.candidateId },
    before: { rulingId: old.id, decision: old.decision, reason: old.reason, decidedBy: old.decidedBy },
    after: { ...r.record, signature: r.signature },
  });
  return { rulingId: r.id, supersedes: old.id, decision: r.record.decision };
}
