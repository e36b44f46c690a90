// The last step: apply a checked plan, all-or-nothing inside the command's transaction. A re-import
// keeps row ids (occupations by code, subjects by occupation and kind, rooms and sessions by code,
// candidates by document number, staff by staff number) so what other stages recorded against
// them stays. The batch is created in draft; a re-import is accepted only while it is draft.
import { schema, type Sqlite } from '../../../db';
import { requireBatchStatus } from '../batch';
import { canonicalJson } from '../canonical';
import { nowIso, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { checkedPlan, type PlanCheck, type Reimport } from './check';
import { diffCounts, type PlanDiff } from './diff';
import type { Prepared } from './digest';
import type { PlanCandidate, PlanPackage } from './format';
import { candidatePhoto, photoMime, type ImageInfo, type PhotoFile } from './photo';
import { occupationKey } from './validate';

export interface ImportCounts {
  candidates: number;
  rooms: number;
  sessions: number;
  staff: number;
  photos: number;
}

export interface ImportResult {
  batchId: number;
  version: number;
  reimport: boolean;
  counts: ImportCounts;
  diff: PlanDiff | null;
  /** warnings the import went ahead with (P7 photos, P5 names…) */
  warnings: number;
}

/** What the writers share: the transaction's connection, the plan, and the ids written so far. */
interface Apply {
  sqlite: Sqlite;
  pkg: PlanPackage;
  batchId: number;
  reimport: boolean;
  now: string;
  /** occupationKey(name, work type, level) → occupation id */
  occupations: Map<string, number>;
  /** the package's subject code → subject id */
  subjects: Map<string, number>;
  rooms: Map<string, number>;
  sessions: Map<string, number>;
  /** ticket → candidate id */
  candidates: Map<string, number>;
}

/**
 * Writes the plan and notes the audit detail. Call inside one transaction (the command's): it
 * throws before writing when any error stands, when the batch is no longer draft, when it would
 * replace candidates of a session whose sign-in has started, or when a re-import is not confirmed.
 */
export function applyPlan(ctx: ServiceContext, prepared: Prepared, opts: { confirm: boolean }): ImportResult {
  // the import worker's check while nothing was recorded since it was made, else checked here (checkedPlan)
  const check = checkedPlan(ctx, prepared);
  const pkg = refuseUnlessApplicable(ctx, check, prepared, opts.confirm);
  const re = check.reimport;
  const { batchId, version } = writeBatch(ctx, pkg, re);
  const a: Apply = { sqlite: ctx.sqlite, pkg, batchId, reimport: !!re, now: nowIso(ctx), occupations: new Map(), subjects: new Map(), rooms: new Map(), sessions: new Map(), candidates: new Map() };
  dropLeavingCandidates(a);
  const keep = { occupations: writeOccupations(a), subjects: writeSubjects(a), rooms: writeRooms(a), sessions: writeSessions(a) };
  const photos = writeCandidates(a, prepared.read.photos);
  dropUnused(a, keep);
  writeStaff(a);
  const counts: ImportCounts = { candidates: pkg.candidates.length, rooms: pkg.rooms.length, sessions: pkg.sessions.length, staff: pkg.staff.length, photos };
  const result: ImportResult = { batchId, version, reimport: !!re, counts, diff: re?.diff ?? null, warnings: check.warnings };
  recordImport(a, ctx, version, prepared.digest, result);
  ctx.note(auditDetail(pkg, result, prepared.digest));
  return result;
}

/** The refusals, before anything is written; returns the plan to write. */
function refuseUnlessApplicable(ctx: ServiceContext, check: PlanCheck, prepared: Prepared, confirm: boolean): PlanPackage {
  const pkg = prepared.read.pkg;
  if (!check.ok || !pkg) {
    throw new AppError('PLAN_INVALID', 'plan.invalid', { errors: check.errors, warnings: check.warnings }, { details: { problems: check.problems, errors: check.errors, warnings: check.warnings } });
  }
  const re = check.reimport;
  if (!re) return pkg;
  // the plan is the batch's draft: once sealed (or amending a sealed version) it is no longer replaced
  requireBatchStatus(ctx.db, re.batchId, ['draft']);
  if (re.blocked.length) throw new AppError('PLAN_LOCKED', 'plan.sessionsLocked', { sessions: re.blocked.join(', ') }, { details: { blocked: re.blocked } });
  if (!confirm) throw new AppError('PLAN_CONFIRM_REQUIRED', 'plan.confirmRequired', { planCode: pkg.batch.planCode }, { details: { diff: re.diff } });
  return pkg;
}

/** The organisation (P1) and the batch (P5): a new batch in draft, or the held one at its next version. */
function writeBatch(ctx: ServiceContext, pkg: PlanPackage, re: Reimport | null): { batchId: number; version: number } {
  const org = pkg.organisation;
  const now = nowIso(ctx);
  const orgRow = { code: org.code, name: org.name, type: org.type, levelCap: org.levelCap ?? null };
  const orgId = ctx.db
    .insert(schema.organisations)
    .values(orgRow)
    .onConflictDoUpdate({ target: schema.organisations.code, set: { name: orgRow.name, type: orgRow.type, levelCap: orgRow.levelCap } })
    .returning({ id: schema.organisations.id })
    .get().id;
  const facts = { organisationId: orgId, name: pkg.batch.name, examDate: pkg.batch.examDate, importedAt: now };
  if (re) {
    const version = re.version + 1;
    ctx.sqlite
      .prepare<[number, string, string, number, string, number]>('UPDATE batches SET organisation_id = ?, name = ?, exam_date = ?, plan_version = ?, imported_at = ? WHERE id = ?')
      .run(orgId, facts.name, facts.examDate, version, now, re.batchId);
    return { batchId: re.batchId, version };
  }
  const batch = ctx.db
    .insert(schema.batches)
    .values({ ...facts, planCode: pkg.batch.planCode, status: 'draft', planVersion: 1 })
    .returning({ id: schema.batches.id })
    .get();
  return { batchId: batch.id, version: 1 };
}

const idsOf = (sqlite: Sqlite, table: 'candidates' | 'exam_sessions' | 'subjects' | 'rooms' | 'occupations', batchId: number) =>
  sqlite.prepare<[number], { id: number }>(`SELECT id FROM ${table} WHERE batch_id = ?`).all(batchId).map((r) => r.id);

/** Candidates that leave the plan go first: their subjects reference what may be removed next. */
function dropLeavingCandidates(a: Apply): void {
  const next = new Set(a.pkg.candidates.map((c) => c.docNumber));
  const held = a.sqlite.prepare<[number], { id: number; doc: string }>('SELECT id, doc_number AS doc FROM candidates WHERE batch_id = ?').all(a.batchId);
  const del = a.sqlite.prepare<[number]>('DELETE FROM candidates WHERE id = ?');
  for (const h of held) if (!next.has(h.doc)) del.run(h.id);
}

/** Occupations (P2/P3) by code, work type and level; returns the ids kept. */
function writeOccupations(a: Apply): Set<number> {
  const held = a.sqlite
    .prepare<[number], { id: number; code: string; wt: string | null; level: number }>('SELECT id, code, work_type_code AS wt, level FROM occupations WHERE batch_id = ?')
    .all(a.batchId);
  const byCode = new Map(held.map((o) => [`${o.code}|${o.wt ?? ''}|${o.level}`, o.id]));
  const ins = a.sqlite.prepare<[number, string, string, string | null, string | null, number]>(
    'INSERT INTO occupations (batch_id, code, name, work_type_code, work_type_name, level) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const upd = a.sqlite.prepare<[string, string | null, number]>('UPDATE occupations SET name = ?, work_type_name = ? WHERE id = ?');
  const keep = new Set<number>();
  for (const s of a.pkg.subjects) {
    const k = `${s.occupationCode}|${s.workTypeCode ?? ''}|${s.level}`;
    let id = byCode.get(k);
    if (id === undefined) {
      id = Number(ins.run(a.batchId, s.occupationCode, s.occupationName, s.workTypeCode ?? null, s.workTypeName ?? null, s.level).lastInsertRowid);
      byCode.set(k, id);
    } else upd.run(s.occupationName, s.workTypeName ?? null, id);
    keep.add(id);
    a.occupations.set(occupationKey(s.occupationName, s.workTypeName, s.level), id);
  }
  return keep;
}

/** Subjects (P6) by occupation and kind; returns the ids kept. */
function writeSubjects(a: Apply): Set<number> {
  const held = a.sqlite.prepare<[number], { id: number; occ: number; kind: string }>('SELECT id, occupation_id AS occ, kind FROM subjects WHERE batch_id = ?').all(a.batchId);
  const byKey = new Map(held.map((s) => [`${s.occ}|${s.kind}`, s.id]));
  const ins = a.sqlite.prepare<[number, number, string, string]>('INSERT INTO subjects (batch_id, occupation_id, kind, mode) VALUES (?, ?, ?, ?)');
  const upd = a.sqlite.prepare<[string, number]>('UPDATE subjects SET mode = ? WHERE id = ?');
  const keep = new Set<number>();
  for (const s of a.pkg.subjects) {
    const occ = a.occupations.get(occupationKey(s.occupationName, s.workTypeName, s.level))!;
    let id = byKey.get(`${occ}|${s.kind}`);
    if (id === undefined) {
      id = Number(ins.run(a.batchId, occ, s.kind, s.mode).lastInsertRowid);
      byKey.set(`${occ}|${s.kind}`, id);
    } else upd.run(s.mode, id);
    keep.add(id);
    a.subjects.set(s.code, id);
  }
  return keep;
}

/** Rooms (R1/R2) by code; returns the ids kept. */
function writeRooms(a: Apply): Set<number> {
  const held = a.sqlite.prepare<[number], { id: number; code: string }>('SELECT id, code FROM rooms WHERE batch_id = ?').all(a.batchId);
  for (const r of held) a.rooms.set(r.code, r.id);
  const ins = a.sqlite.prepare<[number, string, string, string, string, string, number]>('INSERT INTO rooms (batch_id, code, kind, building, floor, room_no, seats) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const upd = a.sqlite.prepare<[string, string, string, string, number, number]>('UPDATE rooms SET kind = ?, building = ?, floor = ?, room_no = ?, seats = ? WHERE id = ?');
  const keep = new Set<number>();
  for (const r of a.pkg.rooms) {
    let id = a.rooms.get(r.code);
    if (id === undefined) {
      id = Number(ins.run(a.batchId, r.code, r.kind, r.building, r.floor, r.roomNo, r.seats).lastInsertRowid);
      a.rooms.set(r.code, id);
    } else upd.run(r.kind, r.building, r.floor, r.roomNo, r.seats, id);
    keep.add(id);
  }
  return keep;
}

/** Sessions by code, with their rooms and panel size (S5); returns the ids kept. */
function writeSessions(a: Apply): Set<number> {
  const held = a.sqlite.prepare<[number], { id: number; code: string }>('SELECT id, code FROM exam_sessions WHERE batch_id = ?').all(a.batchId);
  for (const s of held) a.sessions.set(s.code, s.id);
  const ins = a.sqlite.prepare<[number, number, string, string, string, string, number]>(
    'INSERT INTO exam_sessions (batch_id, subject_id, code, name, starts_at, ends_at, proctors_per_room) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const upd = a.sqlite.prepare<[number, string, string, string, number, number]>('UPDATE exam_sessions SET subject_id = ?, name = ?, starts_at = ?, ends_at = ?, proctors_per_room = ? WHERE id = ?');
  const clearRooms = a.sqlite.prepare<[number]>('DELETE FROM session_rooms WHERE session_id = ?');
  const addRoom = a.sqlite.prepare<[number, number]>('INSERT INTO session_rooms (session_id, room_id) VALUES (?, ?)');
  const panel = a.sqlite.prepare<[number, number | null]>(
    'INSERT INTO session_plan (session_id, examiners_per_room) VALUES (?, ?) ON CONFLICT(session_id) DO UPDATE SET examiners_per_room = excluded.examiners_per_room',
  );
  const keep = new Set<number>();
  for (const s of a.pkg.sessions) {
    const subjectId = a.subjects.get(s.subject)!;
    let id = a.sessions.get(s.code);
    if (id === undefined) {
      id = Number(ins.run(a.batchId, subjectId, s.code, s.name, s.startsAt, s.endsAt, s.proctorsPerRoom).lastInsertRowid);
      a.sessions.set(s.code, id);
    } else upd.run(subjectId, s.name, s.startsAt, s.endsAt, s.proctorsPerRoom, id);
    keep.add(id);
    clearRooms.run(id);
    for (const r of s.rooms) addRoom.run(id, a.rooms.get(r)!);
    panel.run(id, s.examinersPerRoom ?? null);
  }
  return keep;
}

const photoType = (p: PhotoFile & { image: ImageInfo }) => photoMime(p.image);

type CandidateValues = [number, string, string, string, string, string, string, string | null, string | null, string | null, string | null, string | null, string | null];

/** The candidate's columns that an import writes, in the order the statements below take them. */
function candidateValues(a: Apply, c: PlanCandidate): CandidateValues {
  const occ = a.occupations.get(occupationKey(c.occupationName, c.workTypeName, c.level))!;
  return [occ, c.name, c.gender, c.birthDate, c.docType, c.docNumber.slice(-6), c.ticketNo, c.phone ?? null, c.education ?? null, c.major ?? null, c.ethnicity ?? null, c.category ?? null, c.workUnit ?? null];
}

/** A candidate as held: the columns an import writes (candidateValues' order), and the seats (seatKey) sorted. */
interface HeldRow {
  id: number;
  values: CandidateValues;
  seats: string;
}

const CANDIDATE_COLUMNS = 'occupation_id, name, gender, birth_date, doc_type, doc_tail, ticket_no, phone, education, major, ethnicity, category, work_unit';

/** A seat as compared between the plan and what is held: subject, session, room, seat, new or retake. */
type SeatRow = [subjectId: number, sessionId: number | null, roomId: number | null, seat: string | null, retake: 0 | 1];
const seatKey = (rows: SeatRow[]) => rows.map((r) => JSON.stringify(r)).sort().join('\n');

/** The batch's candidates as held, by document number (none on a first import). */
function heldRows(a: Apply): Map<string, HeldRow> {
  const held = new Map<string, HeldRow>();
  if (!a.reimport) return held;
  const seats = new Map<number, SeatRow[]>();
  const seatRows = a.sqlite.prepare<[number], { cid: number } & Record<'subject' | 'session' | 'room' | 'retake', number> & { seat: string | null }>(
    'SELECT cs.candidate_id AS cid, cs.subject_id AS subject, cs.session_id AS session, cs.room_id AS room, cs.seat AS seat, cs.retake AS retake FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id WHERE c.batch_id = ?',
  );
  for (const r of seatRows.iterate(a.batchId)) {
    const list = seats.get(r.cid) ?? [];
    list.push([r.subject, r.session, r.room, r.seat, r.retake ? 1 : 0]);
    seats.set(r.cid, list);
  }
  const rows = a.sqlite.prepare<[number], unknown[]>(`SELECT id, doc_number, ${CANDIDATE_COLUMNS} FROM candidates WHERE batch_id = ?`).raw();
  for (const [id, doc, ...values] of rows.iterate(a.batchId)) {
    held.set(doc as string, { id: id as number, values: values as CandidateValues, seats: seatKey(seats.get(id as number) ?? []) });
  }
  return held;
}

const sameValues = (x: readonly unknown[], y: readonly unknown[]) => x.length === y.length && x.every((v, i) => v === y[i]);

/**
 * Candidates (P7/P8/P11) by document number, names stored exactly as given, with their seats;
 * returns the photos written. A re-import writes only what changed (a row, its photo, its seats):
 * a plan of 10,000 with one phone corrected rewrites one row, not every page of the table, so its
 * transaction (on the thread that serves the doors) and its commit stay short.
 */
function writeCandidates(a: Apply, photos: ReadonlyMap<string, PhotoFile>): number {
  const held = heldRows(a);
  const ins = a.sqlite.prepare<[number, ...CandidateValues, string, Buffer | null, string | null]>(
    `INSERT INTO candidates (batch_id, ${CANDIDATE_COLUMNS}, doc_number, photo, photo_type)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const upd = a.sqlite.prepare<[...CandidateValues, number]>(
    `UPDATE candidates SET occupation_id = ?, name = ?, gender = ?, birth_date = ?, doc_type = ?, doc_tail = ?, ticket_no = ?, phone = ?, education = ?, major = ?, ethnicity = ?, category = ?, work_unit = ? WHERE id = ?`,
  );
  // the photo as held is compared by SQLite (bytes and type): the same photo is not written again
  const updPhoto = a.sqlite.prepare<{ photo: Buffer; type: string; id: number }>(
    'UPDATE candidates SET photo = @photo, photo_type = @type WHERE id = @id AND (photo IS NOT @photo OR photo_type IS NOT @type)',
  );
  const clearSeats = a.sqlite.prepare<[number]>('DELETE FROM candidate_subjects WHERE candidate_id = ?');
  // a re-import may swap two tickets: the held tickets that change are parked first, so the unique index never trips
  const park = a.sqlite.prepare<[number]>("UPDATE candidates SET ticket_no = '~' || id WHERE id = ?");
  for (const c of a.pkg.candidates) {
    const h = held.get(c.docNumber);
    if (h && h.values[TICKET] !== c.ticketNo) park.run(h.id);
  }
  const seats = seatWriter(a);
  let written = 0;
  for (const c of a.pkg.candidates) {
    const photo = candidatePhoto(photos, c);
    const values = candidateValues(a, c);
    const h = held.get(c.docNumber);
    const rows = seats.rows(c);
    let id: number;
    if (h === undefined) {
      id = Number(ins.run(a.batchId, ...values, c.docNumber, photo?.data ?? null, photo ? photoType(photo) : null).lastInsertRowid);
      seats.write(id, rows);
    } else {
      id = h.id;
      if (!sameValues(values, h.values)) upd.run(...values, id);
      // a re-import without a photo keeps the one held
      if (photo) updPhoto.run({ photo: photo.data, type: photoType(photo), id });
      if (seatKey(rows) !== h.seats) {
        clearSeats.run(id);
        seats.write(id, rows);
      }
    }
    if (photo) written++;
    a.candidates.set(c.ticketNo, id);
  }
  return written;
}

/** where the ticket number sits in CandidateValues */
const TICKET = CANDIDATE_COLUMNS.split(', ').indexOf('ticket_no');

/** A candidate's subjects (P6) with the room and seat of each (P7) and new or retake (P12): as rows, and written. */
function seatWriter(a: Apply): { rows: (c: PlanCandidate) => SeatRow[]; write: (candidateId: number, rows: SeatRow[]) => void } {
  const ins = a.sqlite.prepare<[number, ...SeatRow]>('INSERT INTO candidate_subjects (candidate_id, subject_id, session_id, room_id, seat, retake) VALUES (?, ?, ?, ?, ?, ?)');
  const subjectsOf = new Map<number, Map<string, number>>(); // occupation id → kind → subject id
  for (const s of a.pkg.subjects) {
    const occ = a.occupations.get(occupationKey(s.occupationName, s.workTypeName, s.level))!;
    const m = subjectsOf.get(occ) ?? new Map<string, number>();
    m.set(s.kind, a.subjects.get(s.code)!);
    subjectsOf.set(occ, m);
  }
  const sessionSubject = new Map(a.pkg.sessions.map((s) => [s.code, a.subjects.get(s.subject)!]));
  return {
    rows: (c) => {
      const kinds = subjectsOf.get(a.occupations.get(occupationKey(c.occupationName, c.workTypeName, c.level))!)!;
      const seatBySubject = new Map(c.seats.map((s) => [sessionSubject.get(s.session)!, s]));
      return c.subjects.map((k): SeatRow => {
        const subjectId = kinds.get(k)!;
        const seat = seatBySubject.get(subjectId);
        return [subjectId, seat ? a.sessions.get(seat.session)! : null, seat ? a.rooms.get(seat.room)! : null, seat?.seat ?? null, seat?.retake ? 1 : 0];
      });
    },
    write: (candidateId, rows) => {
      for (const r of rows) ins.run(candidateId, ...r);
    },
  };
}

/** What the plan no longer has: sessions, subjects, rooms and occupations not kept. */
function dropUnused(a: Apply, keep: { occupations: Set<number>; subjects: Set<number>; rooms: Set<number>; sessions: Set<number> }): void {
  const drop = (table: 'exam_sessions' | 'subjects' | 'rooms' | 'occupations', kept: Set<number>) => {
    const del = a.sqlite.prepare<[number]>(`DELETE FROM ${table} WHERE id = ?`);
    for (const id of idsOf(a.sqlite, table, a.batchId)) if (!kept.has(id)) del.run(id);
  };
  drop('exam_sessions', keep.sessions);
  drop('subjects', keep.subjects);
  drop('rooms', keep.rooms);
  drop('occupations', keep.occupations);
}

/** Staff (S1/S6/S7): the site-wide person by staff number; roles per batch; examiner bookings (S4); S3 relations. */
function writeStaff(a: Apply): void {
  a.sqlite.prepare<[number]>('DELETE FROM batch_staff_roles WHERE batch_id = ?').run(a.batchId);
  a.sqlite.prepare<[number]>('DELETE FROM session_examiner_pool WHERE session_id IN (SELECT id FROM exam_sessions WHERE batch_id = ?)').run(a.batchId);
  a.sqlite.prepare<[number]>("DELETE FROM training_relations WHERE kind = 'trained' AND candidate_id IN (SELECT id FROM candidates WHERE batch_id = ?)").run(a.batchId);
  const upStaff = a.sqlite.prepare<[string, string, string | null, string | null, string | null, string | null, string]>(
    `INSERT INTO staff (staff_no, name, gender, work_unit, examiner_grade, phone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(staff_no) DO UPDATE SET name = excluded.name, gender = excluded.gender, work_unit = excluded.work_unit,
       examiner_grade = excluded.examiner_grade, phone = COALESCE(excluded.phone, staff.phone)`,
  );
  const insRole = a.sqlite.prepare<[number, string]>('INSERT OR IGNORE INTO staff_roles (staff_id, role) VALUES (?, ?)');
  const insBatchRole = a.sqlite.prepare<[number, number, string]>('INSERT OR IGNORE INTO batch_staff_roles (batch_id, staff_id, role) VALUES (?, ?, ?)');
  const insPool = a.sqlite.prepare<[number, number]>('INSERT OR IGNORE INTO session_examiner_pool (session_id, staff_id) VALUES (?, ?)');
  const insTrained = a.sqlite.prepare<[number, number]>("INSERT OR IGNORE INTO training_relations (staff_id, candidate_id, kind) VALUES (?, ?, 'trained')");
  const staffId = a.sqlite.prepare<[string], { id: number }>('SELECT id FROM staff WHERE staff_no = ?');
  for (const s of a.pkg.staff) {
    upStaff.run(s.staffNo, s.name, s.gender ?? null, s.workUnit ?? null, s.examinerGrade ?? null, s.phone ?? null, a.now);
    const id = staffId.get(s.staffNo)!.id;
    for (const r of s.roles) {
      insRole.run(id, r);
      insBatchRole.run(a.batchId, id, r);
    }
    for (const code of s.sessions ?? []) insPool.run(a.sessions.get(code)!, id);
    for (const t of s.trained ?? []) {
      const cid = a.candidates.get(t);
      if (cid !== undefined) insTrained.run(id, cid);
    }
  }
}

/** The import's own record (P9): version, who, the digest of what was applied, counts and the diff's size. */
function recordImport(a: Apply, ctx: ServiceContext, version: number, digest: string | null, r: ImportResult): void {
  a.sqlite
    .prepare<[number, number, string, number | null, string, string]>('INSERT INTO plan_imports (batch_id, version, at, actor_id, digest, summary) VALUES (?, ?, ?, ?, ?, ?)')
    .run(a.batchId, version, a.now, ctx.actor?.staffId ?? null, digest ?? '', canonicalJson({ counts: r.counts, warnings: r.warnings, diff: r.diff ? diffCounts(r.diff) : null }));
}

/** What the audit event records of an import (P9): which plan, what was read, and what changed. */
export function auditDetail(pkg: PlanPackage, r: ImportResult, digest: string | null): Record<string, unknown> {
  const cap = <T,>(xs: T[]) => xs.slice(0, 200);
  const d = r.diff;
  return {
    subject: { batchId: r.batchId, planCode: pkg.batch.planCode, version: r.version },
    reimport: r.reimport,
    digest,
    counts: r.counts,
    diff: d
      ? {
          counts: diffCounts(d),
          candidates: {
            added: cap(d.candidates.added.map((x) => x.label)),
            removed: cap(d.candidates.removed.map((x) => x.label)),
            changed: cap(d.candidates.changed.map((c) => ({ who: c.label, fields: c.fields }))),
          },
          staff: {
            added: cap(d.staff.added.map((x) => x.key)),
            removed: cap(d.staff.removed.map((x) => x.key)),
            changed: cap(d.staff.changed.map((c) => ({ who: c.key, fields: c.fields }))),
          },
        }
      : null,
  };
}
