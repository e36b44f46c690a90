// A paired device's queue, replayed when it reaches the office PC again. Each event is applied
// exactly once by its client-made id (a replay or a retried request answers with the same record)
// and judged again by the console at the time it happened (device clock + the offset it measured,
// never later than its arrival; E4/E5). What the two sides disagree on becomes an alarm for the
// supervisor, never a silent overwrite: the same candidate signed in at two doors while apart is
// one sign-in and one alarm. A revoked device's events are kept unapplied for the site head.
import { AppError } from '../errors';
import { actorOf, nowIso, type ServiceContext } from '../context';
import type { LookupMethod } from '../../../db/schema/checkin';
import type { DeviceEventKind, DeviceEventOutcome } from '../../../db/schema/devices';
import { ProvenPins } from '../auth';
import { confirmSignIn, recordRefusal, type PhotoInput } from '../checkin/signin';
import type { PairedDevice } from './credential';

/** Events per replay call: one transaction each, small enough that a retry costs little. */
export const REPLAY_BATCH_MAX = 50;
/** A measured offset beyond this is not believed (judged at arrival); a demo or test console runs months from the tablet's clock. */
export const MAX_OFFSET_MS = 400 * 86_400_000;

export interface QueuedEvent {
  /** client-made, ulid-like: 26 characters of Crockford base32, time first */
  id: string;
  kind: DeviceEventKind;
  sessionId: number;
  roomId: number;
  candidateId: number | null;
  method: LookupMethod;
  scanned: string;
  /** the device's clock when it happened (ISO) */
  at: string;
  /** server − device clock as measured at the device's latest contact before the event */
  offsetMs: number;
  photo?: PhotoInput | undefined;
  noPhotoReason?: string | undefined;
}

export interface EventResult {
  eventId: string;
  outcome: DeviceEventOutcome;
  /** true when the event had already been applied (a replay or a retry): the same record is returned */
  duplicate: boolean;
  result: Record<string, unknown>;
}

interface StoredRow {
  outcome: DeviceEventOutcome;
  result: string;
  device_id: number;
}

/** The console's time for an event: device time + offset, never in the future of its arrival. */
export function judgedTime(e: Pick<QueuedEvent, 'at' | 'offsetMs'>, arrival: Date): Date {
  const device = new Date(e.at).getTime();
  if (!Number.isFinite(device)) throw new AppError('BAD_INPUT', 'devices.badEventTime');
  const offset = Math.abs(e.offsetMs) <= MAX_OFFSET_MS ? e.offsetMs : 0;
  return new Date(Math.min(device + offset, arrival.getTime()));
}

function insertEvent(ctx: ServiceContext, device: PairedDevice, e: QueuedEvent, judged: Date, arrival: Date, outcome: DeviceEventOutcome, result: Record<string, unknown>, payload: string | null) {
  ctx.sqlite
    .prepare(
      `INSERT INTO device_events (event_id, device_id, kind, session_id, room_id, candidate_id, proctor_id, device_at, offset_ms, judged_at, received_at, outcome, result, payload)
       VALUES (@eventId, @deviceId, @kind, @sessionId, @roomId, @candidateId, @proctorId, @deviceAt, @offsetMs, @judgedAt, @receivedAt, @outcome, @result, @payload)`,
    )
    .run({
      eventId: e.id,
      deviceId: device.id,
      kind: e.kind,
      sessionId: sessionExists(ctx, e.sessionId) ? e.sessionId : null,
      roomId: roomExists(ctx, e.roomId) ? e.roomId : null,
      candidateId: e.candidateId !== null && candidateExists(ctx, e.candidateId) ? e.candidateId : null,
      proctorId: ctx.actor?.staffId ?? null,
      deviceAt: e.at,
      offsetMs: Math.round(e.offsetMs),
      judgedAt: judged.toISOString(),
      receivedAt: arrival.toISOString(),
      outcome,
      result: JSON.stringify(result),
      payload,
    });
}

const exists = (table: string) => (ctx: ServiceContext, id: number) => !!ctx.sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id);
const sessionExists = exists('exam_sessions');
const roomExists = exists('rooms');
const candidateExists = exists('candidates');

/** The disagreement alarm: the device admitted someone the console refuses now (a stale plan, a clock). */
function disagreementAlarm(ctx: ServiceContext, e: QueuedEvent, at: string, verdict: string): number {
  return Number(
    ctx.sqlite
      .prepare(
        `INSERT INTO checkin_alerts (kind, candidate_id, session_id, room_id, checkin_id, at, proctor_id, device, detail, status)
         VALUES ('offline_disagreement', ?, ?, ?, NULL, ?, ?, ?, ?, 'draft')`,
      )
      .run(e.candidateId, e.sessionId, e.roomId, at, actorOf(ctx).staffId, ctx.device, JSON.stringify({ eventId: e.id, verdict, deviceAt: e.at, offline: true }))
      .lastInsertRowid,
  );
}

function applyConfirm(ctx: ServiceContext, e: QueuedEvent): { outcome: DeviceEventOutcome; result: Record<string, unknown> } {
  if (e.candidateId === null) throw new AppError('BAD_INPUT', 'devices.confirmNeedsCandidate');
  try {
    const r = ctx.sqlite.transaction(() => confirmSignIn(ctx, { sessionId: e.sessionId, roomId: e.roomId, candidateId: e.candidateId!, method: e.method, scanned: e.scanned, photo: e.photo, noPhotoReason: e.noPhotoReason }, ProvenPins.none()))();
    return { outcome: 'applied', result: { checkinId: r.checkinId, photoId: r.photoId, at: r.at } };
  } catch (err) {
    if (!(err instanceof AppError) || (err.code !== 'DOOR_REFUSED' && err.code !== 'ENTRY_CLOSED')) throw err;
  }
  // judged again, the console refuses: the refusal is recorded; a second sign-in raises the
  // impersonation alarm (recordRefusal), any other disagreement its own alarm
  const refusal = ctx.sqlite.transaction(() => recordRefusal(ctx, { sessionId: e.sessionId, roomId: e.roomId, candidateId: e.candidateId, method: e.method, code: e.scanned }))();
  const alertId = refusal.alertId ?? disagreementAlarm(ctx, e, nowIso(ctx), refusal.verdict);
  return { outcome: 'alarm', result: { refusalId: refusal.refusalId, alertId, verdict: refusal.verdict } };
}

function applyRefuse(ctx: ServiceContext, e: QueuedEvent): { outcome: DeviceEventOutcome; result: Record<string, unknown> } {
  try {
    const r = ctx.sqlite.transaction(() => recordRefusal(ctx, { sessionId: e.sessionId, roomId: e.roomId, candidateId: e.candidateId, method: e.method, code: e.scanned }))();
    return { outcome: 'applied', result: { refusalId: r.refusalId, alertId: r.alertId, verdict: r.verdict } };
  } catch (err) {
    // the device refused someone the console would admit: nothing to record but the event itself
    if (err instanceof AppError && err.reason === 'checkin.nothingToRefuse') return { outcome: 'refused', result: { verdict: 'ok' } };
    throw err;
  }
}

/**
 * Applies a batch of a device's events in the caller's transaction (one command, one audit event).
 * Each event runs in its own savepoint, so one bad event is recorded as refused and the rest go on.
 */
export function replayEvents(ctx: ServiceContext, device: PairedDevice, events: QueuedEvent[]): { results: EventResult[]; revoked: boolean } {
  if (!ctx.sqlite.inTransaction) throw new Error('replayEvents: must run inside the command transaction');
  const arrival = ctx.clock.now();
  const stored = ctx.sqlite.prepare<[string], StoredRow>('SELECT outcome, result, device_id FROM device_events WHERE event_id = ?');
  const results: EventResult[] = [];
  const notes: Record<string, unknown>[] = [];
  for (const e of events) {
    const prior = stored.get(e.id);
    if (prior) {
      // a replay or a retried request: the same record, whichever device asks
      if (prior.device_id !== device.id) throw new AppError('CONFLICT', 'devices.eventIdTaken', { eventId: e.id });
      results.push({ eventId: e.id, outcome: prior.outcome, duplicate: true, result: JSON.parse(prior.result) as Record<string, unknown> });
      continue;
    }
    const judged = judgedTime(e, arrival);
    if (device.revoked) {
      insertEvent(ctx, device, e, judged, arrival, 'held', {}, JSON.stringify(e));
      results.push({ eventId: e.id, outcome: 'held', duplicate: false, result: {} });
      notes.push({ eventId: e.id, outcome: 'held', candidateId: e.candidateId });
      continue;
    }
    // the event's own clock: confirm and refuse judge and stamp at the time it happened
    const eventNotes: Record<string, unknown> = {};
    const evCtx: ServiceContext = { ...ctx, clock: { now: () => judged }, note: (d) => Object.assign(eventNotes, d) };
    let applied: { outcome: DeviceEventOutcome; result: Record<string, unknown> };
    try {
      applied = e.kind === 'confirm' ? applyConfirm(evCtx, e) : applyRefuse(evCtx, e);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // bad input, a door the proctor was not drawn to (S2): recorded as refused with its reason
      applied = { outcome: 'refused', result: { error: err.code, reason: err.reason ?? null, params: err.params ?? null } };
    }
    insertEvent(evCtx, device, e, judged, arrival, applied.outcome, applied.result, null);
    results.push({ eventId: e.id, outcome: applied.outcome, duplicate: false, result: applied.result });
    notes.push({ eventId: e.id, kind: e.kind, outcome: applied.outcome, judgedAt: judged.toISOString(), offsetMs: e.offsetMs, ...eventNotes });
  }
  ctx.note({ device: { id: device.id, uid: device.uid, name: device.name }, events: notes });
  return { results, revoked: device.revoked };
}
