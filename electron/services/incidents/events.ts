// Site events (append-only): paper bags received and checked (E2, E9: a bag that does not match
// raises an incident), equipment failure not caused by the candidate (E7), papers and sheets
// collected and sealed (E8), the briefing the day before (E1); and monitoring links (R4).

import { eq } from 'drizzle-orm';
import { schema, type ReadSqlite } from '../../../db';
import type { SiteEventKind, SiteEventOutcome } from '../../../db/schema/incidents';
import { canonicalJson } from '../canonical';
import { actorOf, nowIso, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { bagIncidentDescriptionZh, type BagProblem } from '../../domain/incidents';
import { place, sitsHere, type Place } from './record';

type BagInput = { kind: 'bag_received'; sessionId: number; roomId: number; occupationCode: string; level: number; count: number; sealIntact: boolean; note: string };
type FailureInput = { kind: 'equipment_failure'; sessionId: number; roomId: number; candidateId?: number | undefined; equipment: string; startedAt?: string | undefined; minutesLost: number; action: string };
type SealedInput = { kind: 'papers_sealed'; sessionId: number; roomId: number; papers: number; answerSheets: number; signInSheets: number; sealNo: string; note: string };
type BriefingInput = { kind: 'briefing'; batchId: number; heldAt: string; place: string; attendees: string; minutes: string };
export type EventInput = BagInput | FailureInput | SealedInput | BriefingInput;

export interface BagExpectation {
  occupationCode: string;
  occupationName: string;
  level: number;
  count: number;
}

/** What the bag should say: the session's occupation and level, and how many sit the room. */
export function bagExpectation(sqlite: ReadSqlite, sessionId: number, roomId: number): BagExpectation {
  const row = sqlite
    .prepare<[number, number], BagExpectation>(
      `SELECT o.code AS occupationCode, o.name AS occupationName, o.level,
              (SELECT COUNT(*) FROM candidate_subjects cs WHERE cs.session_id = s.id AND cs.room_id = ?) AS count
       FROM exam_sessions s JOIN subjects su ON su.id = s.subject_id JOIN occupations o ON o.id = su.occupation_id WHERE s.id = ?`,
    )
    .get(roomId, sessionId);
  if (!row) throw new AppError('NOT_FOUND', 'incidents.noSuchRoom', { sessionId, roomId });
  return row;
}

/** What an event writes beside its kind: where, when, its facts, how it came out, and any incident it raised. */
interface EventRow {
  batchId: number;
  sessionId: number | null;
  roomId: number | null;
  candidateId: number | null;
  at: string;
  detail: Record<string, unknown>;
  outcome: SiteEventOutcome;
  incidentId: number | null;
}

/** E2/E9: the bag must be this session's paper: occupation, level, enough papers, seal intact. */
export function bagProblems(input: Pick<BagInput, 'occupationCode' | 'level' | 'count' | 'sealIntact'>, want: BagExpectation): BagProblem[] {
  const problems: BagProblem[] = [];
  const given = input.occupationCode.trim();
  if (given !== want.occupationCode) problems.push({ reason: 'occupation', params: { given, expected: want.occupationCode, occupation: want.occupationName } });
  if (input.level !== want.level) problems.push({ reason: 'level', params: { given: input.level, expected: want.level } });
  if (input.count < want.count) problems.push({ reason: 'count', params: { given: input.count, expected: want.count } });
  if (!input.sealIntact) problems.push({ reason: 'seal' });
  return problems;
}

function bagReceived(ctx: ServiceContext, p: Place, input: BagInput): EventRow {
  const at = nowIso(ctx);
  const want = bagExpectation(ctx.sqlite, p.sessionId, p.roomId);
  const problems = bagProblems(input, want);
  const detail = { occupationCode: input.occupationCode.trim(), level: input.level, count: input.count, sealIntact: input.sealIntact, note: input.note, expected: want, problems };
  let incidentId: number | null = null;
  if (problems.length > 0) {
    incidentId = ctx.db
      .insert(schema.incidents)
      .values({
        batchId: p.batchId,
        sessionId: p.sessionId,
        roomId: p.roomId,
        subjectType: 'site',
        kind: 'paper_bag',
        occurredAt: at,
        // the written record of the incident, in the words of the official record (a Chinese form)
        description: bagIncidentDescriptionZh(problems, input.note),
        witnesses: '',
        recordedAt: at,
        recordedBy: actorOf(ctx).staffId,
        device: ctx.device,
        source: 'bag_check',
        status: 'open',
      })
      .returning({ id: schema.incidents.id })
      .get().id;
  }
  return { batchId: p.batchId, sessionId: p.sessionId, roomId: p.roomId, candidateId: null, at, detail, outcome: problems.length > 0 ? 'mismatch' : 'ok', incidentId };
}

function equipmentFailure(ctx: ServiceContext, p: Place, input: FailureInput): EventRow {
  const now = ctx.clock.now();
  if (input.candidateId && !sitsHere(ctx.sqlite, input.candidateId, p.sessionId, p.roomId)) throw new AppError('BAD_INPUT', 'incidents.candidateNotHere');
  let at = now.toISOString();
  if (input.startedAt) {
    const t = new Date(input.startedAt);
    if (Number.isNaN(t.getTime()) || t > now) throw new AppError('BAD_INPUT', 'incidents.failureStartInvalid');
    at = t.toISOString();
  }
  const detail = { equipment: input.equipment, minutesLost: input.minutesLost, action: input.action, notCandidateCaused: true };
  return { batchId: p.batchId, sessionId: p.sessionId, roomId: p.roomId, candidateId: input.candidateId || null, at, detail, outcome: 'ok', incidentId: null };
}

function papersSealed(ctx: ServiceContext, p: Place, input: SealedInput): EventRow {
  const signedIn = ctx.sqlite.prepare<[number, number], { n: number }>('SELECT COUNT(*) AS n FROM checkins WHERE session_id = ? AND room_id = ?').get(p.sessionId, p.roomId)?.n ?? 0;
  const detail = { papers: input.papers, answerSheets: input.answerSheets, signInSheets: input.signInSheets, sealNo: input.sealNo, note: input.note, signedIn };
  // E8: answer sheets collected should be one per candidate signed in
  const outcome: SiteEventOutcome = input.answerSheets !== signedIn ? 'mismatch' : 'ok';
  return { batchId: p.batchId, sessionId: p.sessionId, roomId: p.roomId, candidateId: null, at: nowIso(ctx), detail, outcome, incidentId: null };
}

function briefing(ctx: ServiceContext, input: BriefingInput): EventRow {
  if (!ctx.db.select().from(schema.batches).where(eq(schema.batches.id, input.batchId)).get()) throw new AppError('NOT_FOUND', 'incidents.noSuchBatch');
  const detail = { place: input.place, attendees: input.attendees, minutes: input.minutes };
  return { batchId: input.batchId, sessionId: null, roomId: null, candidateId: null, at: new Date(input.heldAt).toISOString(), detail, outcome: 'ok', incidentId: null };
}

function eventRow(ctx: ServiceContext, input: EventInput): EventRow {
  if (input.kind === 'briefing') return briefing(ctx, input);
  const p = place(ctx.sqlite, input.sessionId, input.roomId);
  if (input.kind === 'bag_received') return bagReceived(ctx, p, input);
  if (input.kind === 'equipment_failure') return equipmentFailure(ctx, p, input);
  return papersSealed(ctx, p, input);
}

export function recordEvent(ctx: ServiceContext, input: EventInput): { eventId: number; outcome: SiteEventOutcome; incidentId: number | null; kind: SiteEventKind } {
  const e = eventRow(ctx, input);
  const row = ctx.db
    .insert(schema.siteEvents)
    .values({ batchId: e.batchId, kind: input.kind, sessionId: e.sessionId, roomId: e.roomId, candidateId: e.candidateId, at: e.at, detail: canonicalJson(e.detail), outcome: e.outcome, incidentId: e.incidentId, recordedAt: nowIso(ctx), recordedBy: actorOf(ctx).staffId, device: ctx.device })
    .returning({ id: schema.siteEvents.id })
    .get();
  ctx.note({ subject: { eventId: row.id, kind: input.kind, sessionId: e.sessionId, roomId: e.roomId, incidentId: e.incidentId }, after: { outcome: e.outcome, ...e.detail } });
  return { eventId: row.id, outcome: e.outcome, incidentId: e.incidentId, kind: input.kind };
}

export interface LinkInput {
  sessionId: number;
  roomId: number;
  channel: string;
  fileName: string;
  startsAt: string;
  endsAt: string;
}

/** R4: where a room's recording of a session can be found. */
export function addMonitoringLink(ctx: ServiceContext, input: LinkInput) {
  const p = place(ctx.sqlite, input.sessionId, input.roomId);
  const from = new Date(input.startsAt);
  const to = new Date(input.endsAt);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to <= from) throw new AppError('BAD_INPUT', 'incidents.rangeInvalid');
  const row = ctx.db
    .insert(schema.monitoringLinks)
    .values({ sessionId: p.sessionId, roomId: p.roomId, channel: input.channel, fileName: input.fileName, startsAt: from.toISOString(), endsAt: to.toISOString(), recordedAt: nowIso(ctx), recordedBy: actorOf(ctx).staffId })
    .returning({ id: schema.monitoringLinks.id })
    .get();
  ctx.note({ subject: { linkId: row.id, sessionId: p.sessionId, roomId: p.roomId }, after: { channel: input.channel, fileName: input.fileName, startsAt: from.toISOString(), endsAt: to.toISOString() } });
  return { linkId: row.id };
}

export interface LinkRow {
  id: number;
  channel: string;
  fileName: string;
  startsAt: string;
  endsAt: string;
}

/** The recordings that cover a moment in a room (an incident shows these). */
export function linksAt(sqlite: ReadSqlite, sessionId: number, roomId: number, atIso: string): LinkRow[] {
  return sqlite
    .prepare<[number, number, string, string], LinkRow>(
      `SELECT id, channel, file_name AS fileName, starts_at AS startsAt, ends_at AS endsAt FROM monitoring_links
       WHERE session_id = ? AND room_id = ? AND starts_at <= ? AND ends_at >= ? ORDER BY id`,
    )
    .all(sessionId, roomId, atIso, atIso);
}

interface BriefingRow {
  id: number;
  at: string;
  detail: string;
  recorderName: string;
}

/** The batch's briefings (E1), oldest first. */
export function briefings(sqlite: ReadSqlite, batchId: number) {
  return sqlite
    .prepare<[number], BriefingRow>(`SELECT e.id, e.at, e.detail, st.name AS recorderName FROM site_events e JOIN staff st ON st.id = e.recorded_by WHERE e.batch_id = ? AND e.kind = 'briefing' ORDER BY e.at`)
    .all(batchId)
    .map((e) => ({ ...e, detail: JSON.parse(e.detail) as { place: string; attendees: string; minutes: string } }));
}
