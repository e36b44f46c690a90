// Site events (append-only): paper bags received and checked (E2, E9: a bag that does not match
// raises an incident), equipment failure not caused by the candidate (E7), papers and sheets
// collected and sealed (E8), the briefing the day before (E1); and monitoring links (R4).

import { eq } from 'drizzle-orm';
import { schema, type Db, type Sqlite } from '../../../db';
import type { Actor } from '../auth';
import { canonicalJson } from '../canonical';
import { AppError } from '../errors';
import { EVENT_KINDS, SITE_KINDS } from './catalogue';
import { place } from './record';

export type EventInput =
  | { kind: 'bag_received'; sessionId: number; roomId: number; occupationCode: string; level: number; count: number; sealIntact: boolean; note: string }
  | { kind: 'equipment_failure'; sessionId: number; roomId: number; candidateId?: number | undefined; equipment: string; startedAt?: string | undefined; minutesLost: number; action: string }
  | { kind: 'papers_sealed'; sessionId: number; roomId: number; papers: number; answerSheets: number; signInSheets: number; sealNo: string; note: string }
  | { kind: 'briefing'; batchId: number; heldAt: string; place: string; attendees: string; minutes: string };

const LEVEL_ZH = ['', '一级', '二级', '三级', '四级', '五级'];

/** What the bag should say: the session's occupation and level, and how many sit the room. */
export function bagExpectation(sqlite: Sqlite, sessionId: number, roomId: number) {
  return sqlite
    .prepare(
      `SELECT o.code AS occupationCode, o.name AS occupationName, o.level,
              (SELECT COUNT(*) FROM candidate_subjects cs WHERE cs.session_id = s.id AND cs.room_id = ?) AS count
       FROM exam_sessions s JOIN subjects su ON su.id = s.subject_id JOIN occupations o ON o.id = su.occupation_id WHERE s.id = ?`,
    )
    .get(roomId, sessionId) as { occupationCode: string; occupationName: string; level: number; count: number };
}

export function recordEvent(db: Db, sqlite: Sqlite, actor: Actor, device: string, now: Date, input: EventInput) {
  const at = now.toISOString();
  let batchId: number;
  let sessionId: number | null = null;
  let roomId: number | null = null;
  let candidateId: number | null = null;
  let eventAt = at;
  let outcome = 'ok';
  let detail: Record<string, unknown>;
  let incidentId: number | null = null;
  if (input.kind === 'briefing') {
    if (!db.select().from(schema.batches).where(eq(schema.batches.id, input.batchId)).get()) throw new AppError('NOT_FOUND', '找不到该认定批次。', 'No such batch.');
    batchId = input.batchId;
    eventAt = new Date(input.heldAt).toISOString();
    detail = { place: input.place, attendees: input.attendees, minutes: input.minutes };
  } else {
    const p = place(sqlite, input.sessionId, input.roomId);
    batchId = p.batchId;
    sessionId = p.sessionId;
    roomId = p.roomId;
    if (input.kind === 'bag_received') {
      const want = bagExpectation(sqlite, p.sessionId, p.roomId);
      const problems: string[] = [];
      // E2/E9: the bag must be this session's paper: occupation, level, enough papers, seal intact
      if (input.occupationCode.trim() !== want.occupationCode) problems.push(`职业不符（袋上 ${input.occupationCode}，应为 ${want.occupationCode} ${want.occupationName}）`);
      if (input.level !== want.level) problems.push(`等级不符（袋上 ${LEVEL_ZH[input.level] ?? input.level}，应为 ${LEVEL_ZH[want.level]}）`);
      if (input.count < want.count) problems.push(`份数不足（${input.count} 份，本考场 ${want.count} 人）`);
      if (!input.sealIntact) problems.push('密封已破损');
      detail = { occupationCode: input.occupationCode.trim(), level: input.level, count: input.count, sealIntact: input.sealIntact, note: input.note, expected: want, problems };
      if (problems.length > 0) {
        outcome = 'mismatch';
        incidentId = db
          .insert(schema.incidents)
          .values({
            batchId,
            sessionId,
            roomId,
            subjectType: 'site',
            kind: 'paper_bag',
            kindZh: SITE_KINDS.paper_bag,
            occurredAt: at,
            description: `试卷袋核对不符：${problems.join('；')}${input.note ? `。${input.note}` : ''}`,
            witnesses: '',
            recordedAt: at,
            recordedBy: actor.staffId,
            device,
            source: 'bag_check',
            status: 'open',
          })
          .returning({ id: schema.incidents.id })
          .get().id;
      }
    } else if (input.kind === 'equipment_failure') {
      if (input.candidateId) {
        const sits = sqlite.prepare('SELECT 1 FROM candidate_subjects WHERE candidate_id = ? AND session_id = ? AND room_id = ?').get(input.candidateId, sessionId, roomId);
        if (!sits) throw new AppError('BAD_INPUT', '该考生不在本场次本考场。', 'The candidate does not sit this session in this room.');
        candidateId = input.candidateId;
      }
      if (input.startedAt) {
        const t = new Date(input.startedAt);
        if (Number.isNaN(t.getTime()) || t > now) throw new AppError('BAD_INPUT', '故障开始时间无效或晚于当前时间。', 'Invalid start time.');
        eventAt = t.toISOString();
      }
      detail = { equipment: input.equipment, minutesLost: input.minutesLost, action: input.action, notCandidateCaused: true };
    } else {
      const signedIn = (sqlite.prepare('SELECT COUNT(*) AS n FROM checkins WHERE session_id = ? AND room_id = ?').get(sessionId, roomId) as { n: number }).n;
      // E8: answer sheets collected should be one per candidate signed in
      if (input.answerSheets !== signedIn) outcome = 'mismatch';
      detail = { papers: input.papers, answerSheets: input.answerSheets, signInSheets: input.signInSheets, sealNo: input.sealNo, note: input.note, signedIn };
    }
  }
  const row = db
    .insert(schema.siteEvents)
    .values({ batchId, kind: input.kind, sessionId, roomId, candidateId, at: eventAt, detail: canonicalJson(detail), outcome, incidentId, recordedAt: at, recordedBy: actor.staffId, device })
    .returning({ id: schema.siteEvents.id })
    .get();
  return {
    result: { eventId: row.id, outcome, incidentId, kindZh: EVENT_KINDS[input.kind] },
    detail: { subject: { eventId: row.id, kind: input.kind, sessionId, roomId, incidentId }, after: { outcome, ...detail } },
  };
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
export function addMonitoringLink(db: Db, sqlite: Sqlite, actor: Actor, now: Date, input: LinkInput) {
  const p = place(sqlite, input.sessionId, input.roomId);
  const from = new Date(input.startsAt);
  const to = new Date(input.endsAt);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to <= from) throw new AppError('BAD_INPUT', '录像时间段无效：结束须晚于开始。', 'Invalid time range.');
  const row = db
    .insert(schema.monitoringLinks)
    .values({ sessionId: p.sessionId, roomId: p.roomId, channel: input.channel, fileName: input.fileName, startsAt: from.toISOString(), endsAt: to.toISOString(), recordedAt: now.toISOString(), recordedBy: actor.staffId })
    .returning({ id: schema.monitoringLinks.id })
    .get();
  return { result: { linkId: row.id }, detail: { subject: { linkId: row.id, sessionId: p.sessionId, roomId: p.roomId }, after: { channel: input.channel, fileName: input.fileName, startsAt: from.toISOString(), endsAt: to.toISOString() } } };
}

/** The recordings that cover a moment in a room (an incident shows these). */
export function linksAt(sqlite: Sqlite, sessionId: number, roomId: number, atIso: string) {
  return sqlite
    .prepare(
      `SELECT id, channel, file_name AS fileName, starts_at AS startsAt, ends_at AS endsAt FROM monitoring_links
       WHERE session_id = ? AND room_id = ? AND starts_at <= ? AND ends_at >= ? ORDER BY id`,
    )
    .all(sessionId, roomId, atIso, atIso) as { id: number; channel: string; fileName: string; startsAt: string; endsAt: string }[];
}
