// Validation of a plan package before anything is written: every problem, with where it is and
// the DOMAIN rule it breaks. Errors stop the import; warnings are shown and may be accepted.
// Each rule family is one small function over a shared run (the package, the locator, the indexes
// the later checks need, and the list being filled).
import { DOC_TYPES, MODES_ALLOWED, type PlanCandidate, type PlanPackage, type PlanSession, type PlanStaff, type SubjectKind } from './format';
import { ageOn, normaliseDocNumber, PLAUSIBLE_AGE } from '../../domain/doc-number';
import { parseResidentId } from '../../domain/gb11643';
import { problem, sortProblems, word, type Locator, type PlanProblem, type PlanReason, type PlanRule, type Where } from './problems';
import { PHOTO_LIMITS } from '../../domain/limits';
import { photoRefusal, type PhotoFile } from './photo';

/** P4: the typical cap by organisation type when the filed scope gives none (1 = 一级 is highest). */
export const DEFAULT_LEVEL_CAP: Record<PlanPackage['organisation']['type'], number | null> = {
  technical_school: 3,
  vocational_school: 4,
  social_org: 3,
  enterprise: null,
};
/** P4: the 2020 pilot social organisations evaluate at most 3 occupations. */
export const SOCIAL_ORG_MAX_OCCUPATIONS = 3;
/** P7: Shandong caps photos at 20 KB (domain/limits.ts states it with every other limit). */
export const PHOTO_MAX_BYTES = PHOTO_LIMITS.bytes;

export const occupationKey = (name: string, workType: string | null | undefined, level: number) => `${name}\u0000${workType ?? ''}\u0000${level}`;

const ms = (iso: string) => Date.parse(iso);
const overlaps = (a: PlanSession, b: PlanSession) => ms(a.startsAt) < ms(b.endsAt) && ms(b.startsAt) < ms(a.endsAt);
const compactDate = (d: string) => d.replace(/-/g, '');
const timed = (s: PlanSession) => !!s.startsAt && !!s.endsAt && !Number.isNaN(ms(s.startsAt)) && !Number.isNaN(ms(s.endsAt));
const isExaminer = (s: PlanStaff) => s.roles.includes('examiner') || s.roles.includes('chief_examiner');
/** the occupation as a person reads it in a problem: the name, and the work type when there is one */
const occupationLabel = (name: string, workType: string | null | undefined) => (workType ? `${name} ${workType}` : name);

export interface ValidateOptions {
  photos?: ReadonlyMap<string, PhotoFile>;
  /** today in the site's calendar (YYYY-MM-DD): birth dates after it are wrong */
  today?: string;
  /** a re-import: the photos already held stay when none are sent */
  photosHeld?: boolean;
}

type Params = Record<string, string | number>;

/** One validation run: the package, where things are, the indexes later checks use, and the problems. */
interface Run {
  pkg: PlanPackage;
  at: Locator;
  opts: ValidateOptions;
  out: PlanProblem[];
  subjectByCode: Map<string, number>;
  roomByCode: Map<string, number>;
  sessionByCode: Map<string, number>;
  ticketRow: Map<string, number>;
  /** occupations whose own subject has a wrong mode: their candidates' 考核方式 is not checked again */
  badModes: Set<string>;
  /** session|room → candidates seated there */
  inRoom: Map<string, number>;
  /** first row of each document number, seat (session|room|seat) and staff number */
  docRow: Map<string, number>;
  seatTaken: Map<string, number>;
  staffRow: Map<string, number>;
}

const err = (r: Run, rule: PlanRule, where: Where, reason: PlanReason, params?: Params) => r.out.push(problem('error', rule, where, reason, params));
const warn = (r: Run, rule: PlanRule, where: Where, reason: PlanReason, params?: Params) => r.out.push(problem('warning', rule, where, reason, params));
const subjectOf = (r: Run, s: PlanSession) => r.pkg.subjects[r.subjectByCode.get(s.subject) ?? -1];
const kindOf = (r: Run, s: PlanSession) => subjectOf(r, s)?.kind;
const levelOf = (r: Run, s: PlanSession) => subjectOf(r, s)?.level ?? 5;
const panelOf = (s: PlanSession, kind: SubjectKind | undefined) => (kind === 'skill' || kind === 'review' ? (s.examinersPerRoom ?? 3) : 0);

export function validatePlan(pkg: PlanPackage, at: Locator, opts: ValidateOptions = {}): PlanProblem[] {
  const parts = validateParts(pkg, at, { ...(opts.today !== undefined ? { today: opts.today } : {}) });
  return sortProblems([...parts.before, ...validatePhotos(pkg, at, opts), ...parts.after]);
}

/**
 * Everything validatePlan checks except the photos (P7), which depend on what the site holds (a
 * re-import keeps its photos): the import worker runs this part, off the event loop, and the
 * command adds the photo check. `before` and `after` are the problems found before and after the
 * photos in validatePlan's order, so the combined list reads exactly as validatePlan's.
 */
export interface ValidatedParts {
  before: PlanProblem[];
  after: PlanProblem[];
}

export function validateParts(pkg: PlanPackage, at: Locator, opts: Pick<ValidateOptions, 'today'>): ValidatedParts {
  const run = newRun(pkg, at, opts);
  checkBatchName(run);
  checkSubjects(run);
  checkRooms(run);
  checkSessions(run);
  pkg.sessions.forEach((s, i) => checkStaffing(run, s, i));
  pkg.candidates.forEach((c, i) => checkCandidate(run, c, i));
  checkRoomCapacity(run);
  const cut = run.out.length;
  pkg.staff.forEach((s, i) => checkStaffMember(run, s, i));
  return { before: run.out.slice(0, cut), after: run.out.slice(cut) };
}

/** P7 alone: the photos handed in against the candidates (warnings, in validatePlan's order). */
export function validatePhotos(pkg: PlanPackage, at: Locator, opts: ValidateOptions): PlanProblem[] {
  const run = newRun(pkg, at, opts);
  checkPhotos(run);
  return run.out;
}

function newRun(pkg: PlanPackage, at: Locator, opts: ValidateOptions): Run {
  return {
    pkg,
    at,
    opts,
    out: [],
    subjectByCode: new Map(),
    roomByCode: new Map(),
    sessionByCode: new Map(),
    ticketRow: new Map(),
    badModes: new Set(),
    inRoom: new Map(),
    docRow: new Map(),
    seatTaken: new Map(),
    staffRow: new Map(),
  };
}

/** P5: 20230521XXX(机构名称)第1期社会化评价 — the date is the exam date. */
function checkBatchName(r: Run): void {
  const b = r.pkg.batch;
  const p5 = /^(\d{8}).+第\d+期(社会化评价|技工院校|.*评价)$/.exec(b.name);
  if (b.name && !p5) warn(r, 'P5', r.at.batch('name'), 'nameFormat', { name: b.name });
  else if (p5 && b.examDate && p5[1] !== compactDate(b.examDate)) warn(r, 'P5', r.at.batch('name'), 'nameDate', { nameDate: p5[1]!, examDate: b.examDate });
}

/** Subjects: P2 codes, P6 modes, P4 scope. */
function checkSubjects(r: Run): void {
  const { pkg, at } = r;
  const cap = pkg.organisation.levelCap ?? DEFAULT_LEVEL_CAP[pkg.organisation.type];
  const occupations = new Set<string>();
  pkg.subjects.forEach((s, i) => {
    const first = r.subjectByCode.get(s.code);
    if (s.code && first !== undefined) err(r, 'FORMAT', at.item('subjects', i, 'code'), 'subjectCodeDuplicate', { code: s.code, firstRow: at.item('subjects', first).row ?? first + 1 });
    else r.subjectByCode.set(s.code, i);
    if (s.occupationCode && !/^\d-\d{2}-\d{2}-\d{2}$/.test(s.occupationCode)) err(r, 'P2', at.item('subjects', i, 'occupationCode'), 'occupationCodeForm', { code: s.occupationCode });
    if (s.workTypeCode && !/^\d-\d{2}-\d{2}-\d{2}-\d{2}$/.test(s.workTypeCode)) err(r, 'P2', at.item('subjects', i, 'workTypeCode'), 'workTypeCodeForm', { code: s.workTypeCode });
    if (!MODES_ALLOWED[s.kind].includes(s.mode)) {
      r.badModes.add(occupationKey(s.occupationName, s.workTypeName, s.level));
      err(r, 'P6', at.item('subjects', i, 'mode'), 'modeNotAllowed', { kind: word.kind(s.kind), mode: word.mode(s.mode), allowed: word.modesAllowed(s.kind) });
    }
    if (cap !== null && s.level >= 1 && s.level < cap) {
      err(r, 'P4', at.item('subjects', i, 'level'), 'levelAboveCap', { occupation: s.occupationName, level: word.level(s.level), orgType: word.orgType(pkg.organisation.type), cap: word.level(cap) });
    }
    occupations.add(s.occupationCode || s.occupationName);
  });
  if (pkg.organisation.type === 'social_org' && occupations.size > SOCIAL_ORG_MAX_OCCUPATIONS) {
    err(r, 'P4', at.item('subjects', pkg.subjects.length - 1, 'occupationName'), 'socialOrgOccupations', { max: SOCIAL_ORG_MAX_OCCUPATIONS, n: occupations.size });
  }
}

function checkRooms(r: Run): void {
  r.pkg.rooms.forEach((room, i) => {
    if (room.code && r.roomByCode.has(room.code)) err(r, 'FORMAT', r.at.item('rooms', i, 'code'), 'roomDuplicate', { room: room.code });
    else r.roomByCode.set(room.code, i);
    if (room.seats <= 0) err(r, 'R2', r.at.item('rooms', i, 'seats'), 'seatsPositive');
  });
}

/** Sessions on their own: codes, R1 rooms, times, S2 proctors per room, S5 panel size. */
function checkSessions(r: Run): void {
  const { pkg, at } = r;
  pkg.sessions.forEach((s, i) => {
    if (s.code && r.sessionByCode.has(s.code)) err(r, 'FORMAT', at.item('sessions', i, 'code'), 'sessionDuplicate', { session: s.code });
    else r.sessionByCode.set(s.code, i);
    if (s.subject && !r.subjectByCode.has(s.subject)) err(r, 'P6', at.item('sessions', i, 'subject'), 'sessionSubjectUnknown', { subject: s.subject });
    if (s.rooms.length === 0) err(r, 'R1', at.item('sessions', i, 'rooms'), 'sessionNoRooms', { session: s.code });
    for (const room of s.rooms) if (!r.roomByCode.has(room)) err(r, 'R1', at.item('sessions', i, 'rooms'), 'sessionRoomUnknown', { room });
    if (new Set(s.rooms).size !== s.rooms.length) err(r, 'R1', at.item('sessions', i, 'rooms'), 'sessionRoomRepeated');
    if (timed(s) && ms(s.endsAt) <= ms(s.startsAt)) err(r, 'FORMAT', at.item('sessions', i, 'endsAt'), 'sessionEndsBeforeStart');
    if (timed(s) && pkg.batch.examDate && !s.startsAt.startsWith(pkg.batch.examDate)) warn(r, 'P5', at.item('sessions', i, 'startsAt'), 'sessionDate', { examDate: pkg.batch.examDate });
    if (s.proctorsPerRoom < 2) err(r, 'S2', at.item('sessions', i, 'proctorsPerRoom'), 'proctorsPerRoom', { n: s.proctorsPerRoom });
    const kind = kindOf(r, s);
    if ((kind === 'skill' || kind === 'review') && s.examinersPerRoom != null && (s.examinersPerRoom < 3 || s.examinersPerRoom % 2 === 0)) {
      err(r, 'S5', at.item('sessions', i, 'examinersPerRoom'), 'panelSize', { kind: word.kind(kind), n: s.examinersPerRoom });
    }
  });
}

/** S2, S5, S6: enough proctors and examiners for every session and those running beside it. */
function checkStaffing(r: Run, s: PlanSession, i: number): void {
  if (!timed(s) || s.rooms.length === 0) return;
  const { pkg, at } = r;
  const concurrent = pkg.sessions.filter((o) => timed(o) && overlaps(s, o));
  // S2: two proctors in every room of every session running at the same time
  const proctors = pkg.staff.filter((p) => p.roles.includes('proctor')).length;
  const roomsNow = new Map<string, number>();
  for (const o of concurrent) for (const room of o.rooms) roomsNow.set(room, Math.max(roomsNow.get(room) ?? 0, Math.max(2, o.proctorsPerRoom)));
  const needProctors = [...roomsNow.values()].reduce((a, n) => a + n, 0);
  if (proctors < needProctors) err(r, 'S2', at.item('sessions', i, 'rooms'), 'proctorsShort', { session: s.code, rooms: roomsNow.size, need: needProctors, have: proctors });
  // S5: a panel of examiners in every room; examiners booked for the session, or else the whole pool
  const kind = kindOf(r, s);
  const panel = panelOf(s, kind);
  if (panel === 0 || !kind) return;
  const examiners = pkg.staff.filter(isExaminer);
  const anyBooked = examiners.some((e) => (e.sessions ?? []).length > 0);
  const pool = anyBooked ? examiners.filter((e) => (e.sessions ?? []).includes(s.code)) : examiners;
  const need = anyBooked ? panel * s.rooms.length : concurrent.reduce((a, o) => a + panelOf(o, kindOf(r, o)) * o.rooms.length, 0);
  if (pool.length < need) {
    err(r, 'S5', at.item('sessions', i, anyBooked ? 'examinersPerRoom' : 'rooms'), 'examinersShort', { session: s.code, kind: word.kind(kind), need, panel, have: pool.length });
  }
  // S6: level 2 and above needs senior examiners (with bookings, each examiner's grade is checked instead)
  if (levelOf(r, s) <= 2 && !anyBooked) {
    const seniors = pool.filter((e) => e.examinerGrade === 'senior').length;
    if (seniors < panel * s.rooms.length) err(r, 'S6', at.item('sessions', i, 'rooms'), 'seniorsShort', { session: s.code, level: word.level(levelOf(r, s)), need: panel * s.rooms.length, have: seniors });
  }
}

/** Candidates: P8 documents, P7 tickets, P6 subjects, seats. */
function checkCandidate(r: Run, c: PlanCandidate, i: number): void {
  checkDocument(r, c, i);
  checkUnique(r, c, i);
  const offered = offeredFor(r, c);
  if (c.level && !offered) err(r, 'P6', r.at.item('candidates', i, 'level'), 'occupationNotOffered', { occupation: occupationLabel(c.occupationName, c.workTypeName), level: word.level(c.level) });
  if (offered) checkOffer(r, c, i, offered);
  if (c.subjects.length === 0) err(r, 'P6', r.at.item('candidates', i, 'subjects'), 'noSubjects');
  const seatedKinds = new Set<SubjectKind>();
  const seatedSessions = new Set<string>();
  c.seats.forEach((_seat, j) => checkSeat(r, c, i, j, seatedKinds, seatedSessions));
  for (const k of c.subjects) if (!seatedKinds.has(k) && offered?.kinds.has(k)) warn(r, 'P7', r.at.item('candidates', i, 'subjects'), 'kindUnseated', { kind: word.kind(k) });
}

/** P8: an accepted document; a resident ID read against the birth date and sex. */
function checkDocument(r: Run, c: PlanCandidate, i: number): void {
  const at = (f: string) => r.at.item('candidates', i, f);
  if (/^\d{4}-\d{2}-\d{2}$/.test(c.birthDate)) checkAge(r, c.birthDate, i);
  if (!(DOC_TYPES as readonly string[]).includes(c.docType)) {
    err(r, 'P8', at('docType'), 'docTypeUnknown', { docType: c.docType, accepted: word.workbook('docTypes') });
    return;
  }
  if (c.docType !== '居民身份证' || !c.docNumber) return;
  const id = parseResidentId(c.docNumber, r.opts.today);
  if (!id.ok) {
    err(r, 'P8', at('docNumber'), 'idNumber', { problem: word.idProblem(id.problem), docNumber: c.docNumber });
    return;
  }
  if (c.birthDate && id.facts.birthDate !== c.birthDate) err(r, 'P8', at('birthDate'), 'birthDateMismatch', { birthDate: c.birthDate, idBirthDate: id.facts.birthDate });
  if (id.facts.gender !== c.gender) err(r, 'P8', at('gender'), 'genderMismatch', { gender: c.gender, idGender: id.facts.gender });
}

/** P8: any real birth date is accepted; an age no candidate plausibly has is warned (a typo, or a very old card), never refused. */
function checkAge(r: Run, birthDate: string, i: number): void {
  const today = r.opts.today;
  if (!today) return;
  const age = ageOn(birthDate, today);
  if (age < PLAUSIBLE_AGE.min || age > PLAUSIBLE_AGE.max) warn(r, 'P8', r.at.item('candidates', i, 'birthDate'), 'ageImplausible', { age, birthDate, min: PLAUSIBLE_AGE.min, max: PLAUSIBLE_AGE.max });
}

/** P8 and P7: one candidate per document number and per ticket. */
function checkUnique(r: Run, c: PlanCandidate, i: number): void {
  const byDoc = r.docRow;
  const rowOf = (first: number) => r.at.item('candidates', first).row ?? first + 1;
  if (c.docNumber) {
    const first = byDoc.get(c.docNumber);
    if (first !== undefined) err(r, 'P8', r.at.item('candidates', i, 'docNumber'), 'docDuplicate', { firstRow: rowOf(first) });
    else byDoc.set(c.docNumber, i);
  }
  if (c.ticketNo) {
    const first = r.ticketRow.get(c.ticketNo);
    if (first !== undefined) err(r, 'P7', r.at.item('candidates', i, 'ticketNo'), 'ticketDuplicate', { ticket: c.ticketNo, firstRow: rowOf(first) });
    else r.ticketRow.set(c.ticketNo, i);
  }
}

interface Offered {
  kinds: Set<SubjectKind>;
  modes: Set<string>;
}

/** What the plan offers the candidate's occupation and level (its subjects' kinds and modes). */
function offeredFor(r: Run, c: PlanCandidate): Offered | undefined {
  if (!c.level) return undefined;
  const key = occupationKey(c.occupationName, c.workTypeName, c.level);
  const mine = r.pkg.subjects.filter((s) => occupationKey(s.occupationName, s.workTypeName, s.level) === key);
  return mine.length ? { kinds: new Set(mine.map((s) => s.kind)), modes: new Set(mine.map((s) => s.mode)) } : undefined;
}

/** P6: the candidate's subjects and modes are ones the plan offers. */
function checkOffer(r: Run, c: PlanCandidate, i: number, o: Offered): void {
  const who = { occupation: c.occupationName, level: word.level(c.level) };
  for (const k of c.subjects) if (!o.kinds.has(k)) err(r, 'P6', r.at.item('candidates', i, 'subjects'), 'kindNotOffered', { ...who, kind: word.kind(k) });
  if (r.badModes.has(occupationKey(c.occupationName, c.workTypeName, c.level))) return;
  for (const m of c.modes ?? []) if (!o.modes.has(m)) err(r, 'P6', r.at.item('candidates', i, 'modes'), 'modeNotOffered', { ...who, mode: word.mode(m) });
}

/** R1, P6, R2: one seat of a candidate — a known session of their subject, a room of it, a free seat. */
function checkSeat(r: Run, c: PlanCandidate, i: number, j: number, seatedKinds: Set<SubjectKind>, seatedSessions: Set<string>): void {
  const seat = c.seats[j]!;
  const si = r.sessionByCode.get(seat.session);
  if (si === undefined) {
    err(r, 'R1', r.at.seat(i, j, 'session'), 'seatSessionUnknown', { session: seat.session });
    return;
  }
  const s = r.pkg.sessions[si]!;
  const subj = subjectOf(r, s);
  if (subj && (occupationKey(subj.occupationName, subj.workTypeName, subj.level) !== occupationKey(c.occupationName, c.workTypeName, c.level) || !c.subjects.includes(subj.kind))) {
    err(r, 'P6', r.at.seat(i, j, 'session'), 'seatSessionMismatch', { session: s.code, occupation: subj.occupationName, level: word.level(subj.level), kind: word.kind(subj.kind) });
  }
  if (subj) seatedKinds.add(subj.kind);
  if (seatedSessions.has(s.code)) err(r, 'R1', r.at.seat(i, j, 'session'), 'seatTwice', { session: s.code });
  seatedSessions.add(s.code);
  if (!s.rooms.includes(seat.room)) {
    err(r, 'R1', r.at.seat(i, j, 'room'), 'seatRoomNotInSession', { room: seat.room, session: s.code });
    return;
  }
  const key = `${s.code}|${seat.room}`;
  r.inRoom.set(key, (r.inRoom.get(key) ?? 0) + 1);
  if (!seat.seat) return;
  const taken = r.seatTaken;
  const other = taken.get(`${key}|${seat.seat}`);
  if (other !== undefined) err(r, 'R2', r.at.seat(i, j, 'seat'), 'seatTaken', { room: seat.room, session: s.code, seat: seat.seat, other: r.pkg.candidates[other]!.name });
  else taken.set(`${key}|${seat.seat}`, i);
}

/** R2: a room's seats are a hard capacity, counting every session in it at the same time. */
function checkRoomCapacity(r: Run): void {
  r.pkg.rooms.forEach((room, ri) => {
    const using = r.pkg.sessions.filter((s) => s.rooms.includes(room.code) && timed(s));
    for (const s of using) {
      const together = using.filter((o) => overlaps(s, o));
      const n = together.reduce((a, o) => a + (r.inRoom.get(`${o.code}|${room.code}`) ?? 0), 0);
      if (n > room.seats) {
        err(r, 'R2', r.at.item('rooms', ri, 'seats'), 'roomOverCapacity', { room: room.code, sessions: together.map((o) => o.code).join(', '), n, seats: room.seats });
        break;
      }
    }
  });
}

/** P7: photos (warnings: the day can run without them, but the door compares faces). */
function checkPhotos(r: Run): void {
  const { photos, photosHeld } = r.opts;
  if (!photos) return;
  const { pkg, at } = r;
  if (photos.size === 0) {
    if (pkg.candidates.length > 0) {
      if (photosHeld) warn(r, 'P7', at.photos(), 'photosNoneKept');
      else warn(r, 'P7', at.photos(), 'photosNone', { n: pkg.candidates.length });
    }
    return;
  }
  const used = new Set<string>();
  pkg.candidates.forEach((c, i) => {
    const key = [normaliseDocNumber(c.ticketNo), normaliseDocNumber(c.docNumber)].find((k) => photos.has(k));
    if (!key) {
      warn(r, 'P7', at.item('candidates', i, 'name'), 'photoMissing', { ticket: c.ticketNo, doc: c.docNumber });
      return;
    }
    used.add(key);
    const ph = photos.get(key)!;
    const where = at.item('candidates', i, 'name');
    // a photo refused here is not stored (apply.ts takes only what photoRefusal lets through)
    const refusal = photoRefusal(ph);
    if (refusal === 'tooBig') warn(r, 'P7', where, 'photoTooBig', { file: ph.name, kb: (ph.size / 1024).toFixed(1), maxKb: PHOTO_MAX_BYTES / 1024 });
    else if (refusal === 'notImage') warn(r, 'P7', where, 'photoNotJpeg', { file: ph.name });
    else if (refusal === 'tooLarge' || (ph.image && (ph.image.width < PHOTO_LIMITS.minWidth || ph.image.height < PHOTO_LIMITS.minHeight))) {
      warn(r, 'P7', where, 'photoDimensions', { file: ph.name, width: ph.image!.width, height: ph.image!.height, minWidth: PHOTO_LIMITS.minWidth, minHeight: PHOTO_LIMITS.minHeight, maxSide: PHOTO_LIMITS.maxSide });
    }
  });
  for (const [k, ph] of photos) if (!used.has(k)) warn(r, 'P7', at.photos(), 'photoOrphan', { file: ph.name });
}

/** S7: the three duties that may not be held together in one batch. */
const ROLE_GROUPS: [string, (s: PlanStaff) => boolean][] = [
  ['proctor', (s) => s.roles.includes('proctor')],
  ['examiner', isExaminer],
  ['supervisor', (s) => s.roles.includes('supervisor')],
];

/** Staff: S1 roles, S7 duties apart, S6 grades, S4 booked sessions, S3 training relations. */
function checkStaffMember(r: Run, s: PlanStaff, i: number): void {
  const at = (f: string) => r.at.item('staff', i, f);
  const byNo = r.staffRow;
  if (s.staffNo && byNo.has(s.staffNo)) err(r, 'FORMAT', at('staffNo'), 'staffNoDuplicate', { staffNo: s.staffNo });
  else byNo.set(s.staffNo, i);
  if (s.roles.length === 0) err(r, 'S1', at('roles'), 'staffNoRoles');
  const groups = ROLE_GROUPS.filter(([, has]) => has(s)).map(([g]) => g);
  if (groups.length > 1) err(r, 'S7', at('roles'), 'rolesCrossed', { name: s.name, a: word.roleGroup(groups[0]!), b: word.roleGroup(groups.slice(1).join('_')) });
  if (isExaminer(s) && !s.examinerGrade) err(r, 'S6', at('examinerGrade'), 'examinerGradeMissing');
  for (const code of s.sessions ?? []) {
    const si = r.sessionByCode.get(code);
    if (si === undefined) {
      err(r, 'S4', at('sessions'), 'staffSessionUnknown', { session: code });
      continue;
    }
    const lvl = levelOf(r, r.pkg.sessions[si]!);
    if (s.examinerGrade === 'examiner' && lvl <= 2) err(r, 'S6', at('examinerGrade'), 'examinerGradeTooLow', { name: s.name, session: code, level: word.level(lvl) });
  }
  for (const t of s.trained ?? []) if (!r.ticketRow.has(t)) warn(r, 'S3', at('trained'), 'trainedUnknown', { ticket: t });
}
