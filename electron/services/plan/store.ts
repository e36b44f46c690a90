// Keeps the plan in the console's SQLite: check (validate + diff against what is held), then apply
// all-or-nothing. A re-import keeps row ids (rooms by code, sessions by code, candidates by
// document number, staff by staff number) so what other stages recorded against them stays.
import type { Db, Sqlite } from '../../../db';
import { appendAudit } from '../audit';
import type { Actor } from '../auth';
import { canonicalJson, sha256Hex } from '../canonical';
import { AppError } from '../errors';
import type { Clock } from '../runtime';
import { SUBJECT_KIND_ZH, type PlanCandidate, type PlanPackage, type PlanStaff } from './format';
import { maskDocNumber } from '../../domain/gb11643';
import { describeProblem, type PlanProblem } from './problems';
import { readPlanFiles, type InputFile, type PhotoFile, type ReadResult } from './reader';
import { isJpeg, occupationKey, validatePlan } from './validate';

export interface PlanInput {
  files?: InputFile[];
  /** a plan package object (the JSON form) */
  pkg?: unknown;
}

export interface Prepared {
  read: ReadResult;
  /** SHA-256 over the files handed in (name and bytes) or the package object */
  digest: string | null;
}

/** The async half: read the files (exceljs is async) and digest what was read. */
export async function preparePlan(input: PlanInput): Promise<Prepared> {
  const read = await readPlanFiles(input.files ?? [], input.pkg !== undefined ? { packageObject: input.pkg } : {});
  // the digest names what was handed in: each file's bytes (or the package object), in name order
  const digest = read.pkg
    ? sha256Hex(
        canonicalJson({
          files: (input.files ?? []).map((f) => [f.name.replace(/^.*[\\/]/, ''), sha256Hex(f.data)]).sort(),
          pkg: input.pkg === undefined ? null : sha256Hex(canonicalJson(input.pkg)),
        }),
      )
    : null;
  return { read, digest };
}

export interface ChangedField {
  field: string;
  before: string;
  after: string;
}
export interface DiffItem {
  key: string;
  name: string;
  label: string;
}
export interface DiffChange extends DiffItem {
  fields: ChangedField[];
}
export interface DiffPart {
  added: DiffItem[];
  removed: DiffItem[];
  changed: DiffChange[];
}
export interface PlanDiff {
  candidates: DiffPart;
  staff: DiffPart;
  rooms: DiffPart;
  sessions: DiffPart;
}

export interface PlanCheck {
  ok: boolean;
  errors: number;
  warnings: number;
  problems: PlanProblem[];
  sources: ReadResult['sources'];
  digest: string | null;
  summary: {
    planCode: string;
    name: string;
    examDate: string;
    organisation: string;
    occupations: number;
    subjects: number;
    rooms: number;
    sessions: number;
    candidates: number;
    staff: number;
    photos: number;
  } | null;
  /** set when a batch with this plan code is already held */
  reimport: { batchId: number; version: number; status: string; diff: PlanDiff; unchanged: boolean; lockedSessions: string[]; blocked: string[] } | null;
}

/**
 * The guard against replacing candidates after sign-in started (issue 3 §4, P9): any sign-in at
 * the door (`checkins`) for a session of this batch locks that session.
 */
export function sessionsWithSignIn(sqlite: Sqlite, batchId: number): Set<string> {
  const rows = sqlite
    .prepare('SELECT DISTINCT s.code AS code FROM checkins c JOIN exam_sessions s ON s.id = c.session_id WHERE s.batch_id = ?')
    .all(batchId) as { code: string }[];
  return new Set(rows.map((r) => r.code));
}

// ---- what the database holds, in the package's terms (for the diff) ----

interface HeldCandidate {
  id: number;
  fields: Record<string, string>;
  sessions: Set<string>;
  name: string;
  ticketNo: string;
}

const CANDIDATE_FIELDS: [keyof PlanCandidate | 'occupation' | 'seatList' | 'subjectList', string][] = [
  ['name', '姓名'],
  ['gender', '性别'],
  ['birthDate', '出生日期'],
  ['docType', '证件类型'],
  ['ticketNo', '准考证号'],
  ['phone', '联系电话'],
  ['ethnicity', '民族'],
  ['education', '文化程度'],
  ['major', '所学专业'],
  ['category', '考生类别'],
  ['workUnit', '工作单位'],
  ['occupation', '职业(工种)/等级'],
  ['subjectList', '考核科目'],
  ['seatList', '考场安排'],
];

function candidateFields(c: PlanCandidate): Record<string, string> {
  return {
    name: c.name,
    gender: c.gender,
    birthDate: c.birthDate,
    docType: c.docType,
    ticketNo: c.ticketNo,
    phone: c.phone ?? '',
    ethnicity: c.ethnicity ?? '',
    education: c.education ?? '',
    major: c.major ?? '',
    category: c.category ?? '',
    workUnit: c.workUnit ?? '',
    occupation: `${c.occupationName}${c.workTypeName ? `(${c.workTypeName})` : ''}/${c.level}级`,
    subjectList: c.subjects.map((k) => SUBJECT_KIND_ZH[k]).sort().join('、'),
    seatList: c.seats
      .map((s) => `${s.session}@${s.room}#${s.seat ?? ''}${s.retake ? '(补考)' : ''}`)
      .sort()
      .join('、'),
  };
}

function heldCandidates(sqlite: Sqlite, batchId: number): Map<string, HeldCandidate> {
  const rows = sqlite
    .prepare(
      `SELECT c.*, o.name AS occ_name, o.work_type_name AS wt_name, o.level AS level FROM candidates c
       JOIN occupations o ON o.id = c.occupation_id WHERE c.batch_id = ?`,
    )
    .all(batchId) as Record<string, string | number | null>[];
  const subj = sqlite
    .prepare(
      `SELECT cs.candidate_id AS cid, sb.kind AS kind, es.code AS session, r.code AS room, cs.seat AS seat, cs.retake AS retake
       FROM candidate_subjects cs JOIN subjects sb ON sb.id = cs.subject_id
       LEFT JOIN exam_sessions es ON es.id = cs.session_id LEFT JOIN rooms r ON r.id = cs.room_id
       WHERE sb.batch_id = ?`,
    )
    .all(batchId) as { cid: number; kind: string; session: string | null; room: string | null; seat: string | null; retake: number }[];
  const bySid = new Map<number, typeof subj>();
  for (const s of subj) bySid.set(s.cid, [...(bySid.get(s.cid) ?? []), s]);
  const out = new Map<string, HeldCandidate>();
  const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  for (const r of rows) {
    const mine = bySid.get(Number(r.id)) ?? [];
    out.set(s(r.doc_number), {
      id: Number(r.id),
      name: s(r.name),
      ticketNo: s(r.ticket_no),
      sessions: new Set(mine.map((m) => m.session).filter((x): x is string => !!x)),
      fields: {
        name: s(r.name),
        gender: s(r.gender),
        birthDate: s(r.birth_date),
        docType: s(r.doc_type),
        ticketNo: s(r.ticket_no),
        phone: s(r.phone),
        ethnicity: s(r.ethnicity),
        education: s(r.education),
        major: s(r.major),
        category: s(r.category),
        workUnit: s(r.work_unit),
        occupation: `${s(r.occ_name)}${r.wt_name ? `(${s(r.wt_name)})` : ''}/${s(r.level)}级`,
        subjectList: mine
          .map((m) => SUBJECT_KIND_ZH[m.kind as keyof typeof SUBJECT_KIND_ZH] ?? m.kind)
          .sort()
          .join('、'),
        seatList: mine
          .filter((m) => m.session)
          .map((m) => `${m.session}@${m.room ?? ''}#${m.seat ?? ''}${m.retake ? '(补考)' : ''}`)
          .sort()
          .join('、'),
      },
    });
  }
  return out;
}

const STAFF_FIELDS: [string, string][] = [
  ['name', '姓名'],
  ['workUnit', '工作单位'],
  ['roles', '角色'],
  ['examinerGrade', '考评员等级'],
  ['sessions', '考评场次'],
];

function staffFields(s: PlanStaff): Record<string, string> {
  return {
    name: s.name,
    workUnit: s.workUnit ?? '',
    roles: [...s.roles].sort().join('、'),
    examinerGrade: s.examinerGrade ?? '',
    sessions: [...(s.sessions ?? [])].sort().join('、'),
  };
}

function heldStaff(sqlite: Sqlite, batchId: number): Map<string, Record<string, string>> {
  const rows = sqlite
    .prepare(
      `SELECT st.id AS id, st.staff_no AS staffNo, st.name AS name, st.work_unit AS workUnit, st.examiner_grade AS grade,
              group_concat(bsr.role) AS roles
       FROM batch_staff_roles bsr JOIN staff st ON st.id = bsr.staff_id WHERE bsr.batch_id = ? GROUP BY st.id`,
    )
    .all(batchId) as { id: number; staffNo: string; name: string; workUnit: string | null; grade: string | null; roles: string }[];
  const pool = sqlite
    .prepare('SELECT p.staff_id AS sid, s.code AS code FROM session_examiner_pool p JOIN exam_sessions s ON s.id = p.session_id WHERE s.batch_id = ?')
    .all(batchId) as { sid: number; code: string }[];
  const out = new Map<string, Record<string, string>>();
  for (const r of rows) {
    out.set(r.staffNo, {
      name: r.name,
      workUnit: r.workUnit ?? '',
      roles: r.roles.split(',').sort().join('、'),
      examinerGrade: r.grade ?? '',
      sessions: pool
        .filter((p) => p.sid === r.id)
        .map((p) => p.code)
        .sort()
        .join('、'),
    });
  }
  return out;
}

function diffMaps(
  held: Map<string, Record<string, string>>,
  next: Map<string, Record<string, string>>,
  fields: [string, string][],
  label: (key: string, f: Record<string, string>) => string,
): DiffPart {
  const part: DiffPart = { added: [], removed: [], changed: [] };
  for (const [k, f] of next) {
    const h = held.get(k);
    if (!h) part.added.push({ key: k, name: f.name ?? k, label: label(k, f) });
    else {
      const changed = fields.filter(([key]) => (h[key] ?? '') !== (f[key] ?? '')).map(([key, zh]) => ({ field: zh, before: h[key] ?? '', after: f[key] ?? '' }));
      if (changed.length) part.changed.push({ key: k, name: f.name ?? k, label: label(k, f), fields: changed });
    }
  }
  for (const [k, h] of held) if (!next.has(k)) part.removed.push({ key: k, name: h.name ?? k, label: label(k, h) });
  return part;
}

function codeMap(sqlite: Sqlite, sql: string, batchId: number): Map<string, Record<string, string>> {
  const rows = sqlite.prepare(sql).all(batchId) as Record<string, string>[];
  return new Map(rows.map((r) => [r.code!, r]));
}

/** Validates and, for a plan already held, works out what would change. Writes nothing. */
export function checkPlan(sqlite: Sqlite, prepared: Prepared, opts: { today?: string } = {}): PlanCheck {
  const { read } = prepared;
  const pkg = read.pkg;
  const problems = [...read.problems];
  const held = pkg ? !!sqlite.prepare('SELECT 1 FROM batches WHERE plan_code = ?').get(pkg.batch.planCode) : false;
  if (pkg) problems.push(...validatePlan(pkg, read.locate, { photos: read.photos, photosHeld: held, ...(opts.today ? { today: opts.today } : {}) }));
  // reading problems come first (they explain later ones), then errors before warnings
  const sorted = [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity === 'warning')];
  const errors = sorted.filter((p) => p.severity === 'error').length;
  let reimport: PlanCheck['reimport'] = null;
  if (pkg) {
    const batch = sqlite.prepare('SELECT id, plan_version AS version, status FROM batches WHERE plan_code = ?').get(pkg.batch.planCode) as
      | { id: number; version: number; status: string }
      | undefined;
    if (batch) {
      const held = heldCandidates(sqlite, batch.id);
      const nextCand = new Map(pkg.candidates.map((c) => [c.docNumber, candidateFields(c)]));
      const heldCand = new Map([...held].map(([k, h]) => [k, h.fields]));
      const candLabel = (k: string, f: Record<string, string>) => `${f.ticketNo ?? ''} ${maskDocNumber(k)}`;
      const diff: PlanDiff = {
        candidates: diffMaps(heldCand, nextCand, CANDIDATE_FIELDS.map(([k, zh]) => [k as string, zh]), candLabel),
        staff: diffMaps(heldStaff(sqlite, batch.id), new Map(pkg.staff.map((s) => [s.staffNo, staffFields(s)])), STAFF_FIELDS, (k) => k),
        rooms: diffMaps(
          codeMap(sqlite, "SELECT code, code AS name, kind, building || '/' || floor || '/' || room_no AS place, CAST(seats AS TEXT) AS seats FROM rooms WHERE batch_id = ?", batch.id),
          new Map(pkg.rooms.map((r) => [r.code, { name: r.code, kind: r.kind, place: `${r.building}/${r.floor}/${r.roomNo}`, seats: String(r.seats) }])),
          [
            ['kind', '考场类型'],
            ['place', '位置'],
            ['seats', '座位数'],
          ],
          (k) => k,
        ),
        sessions: diffMaps(
          codeMap(
            sqlite,
            `SELECT s.code AS code, s.name AS name, s.starts_at AS startsAt, s.ends_at AS endsAt,
                    (SELECT group_concat(code, '、') FROM (SELECT r.code AS code FROM session_rooms sr JOIN rooms r ON r.id = sr.room_id WHERE sr.session_id = s.id ORDER BY r.code)) AS rooms
             FROM exam_sessions s WHERE s.batch_id = ?`,
            batch.id,
          ),
          new Map(pkg.sessions.map((s) => [s.code, { name: s.name, startsAt: s.startsAt, endsAt: s.endsAt, rooms: [...s.rooms].sort().join('、') }])),
          [
            ['name', '场次名称'],
            ['startsAt', '开始时间'],
            ['endsAt', '结束时间'],
            ['rooms', '考场'],
          ],
          (k) => k,
        ),
      };
      // sign-in started: candidates of those sessions can no longer be replaced
      const locked = sessionsWithSignIn(sqlite, batch.id);
      const blocked = new Set<string>();
      if (locked.size) {
        const touch = (sessions: Iterable<string>) => {
          for (const s of sessions) if (locked.has(s)) blocked.add(s);
        };
        const nextByDoc = new Map(pkg.candidates.map((c) => [c.docNumber, c]));
        for (const a of diff.candidates.added) touch(nextByDoc.get(a.key)!.seats.map((s) => s.session));
        for (const r of diff.candidates.removed) touch(held.get(r.key)!.sessions);
        for (const c of diff.candidates.changed) {
          touch(held.get(c.key)!.sessions);
          touch(nextByDoc.get(c.key)!.seats.map((s) => s.session));
        }
        for (const s of [...diff.sessions.removed, ...diff.sessions.changed]) touch([s.key]);
      }
      const parts = [diff.candidates, diff.staff, diff.rooms, diff.sessions];
      reimport = {
        batchId: batch.id,
        version: batch.version,
        status: batch.status,
        diff,
        unchanged: parts.every((p) => p.added.length + p.removed.length + p.changed.length === 0),
        lockedSessions: [...locked].sort(),
        blocked: [...blocked].sort(),
      };
    }
  }
  const occupations = pkg ? new Set(pkg.subjects.map((s) => occupationKey(s.occupationName, s.workTypeName, s.level))).size : 0;
  return {
    ok: errors === 0 && !!pkg,
    errors,
    warnings: sorted.length - errors,
    problems: sorted,
    sources: read.sources,
    digest: prepared.digest,
    summary: pkg
      ? {
          planCode: pkg.batch.planCode,
          name: pkg.batch.name,
          examDate: pkg.batch.examDate,
          organisation: pkg.organisation.name,
          occupations,
          subjects: pkg.subjects.length,
          rooms: pkg.rooms.length,
          sessions: pkg.sessions.length,
          candidates: pkg.candidates.length,
          staff: pkg.staff.length,
          photos: read.photos.size,
        }
      : null,
    reimport,
  };
}

function photoFor(photos: ReadonlyMap<string, PhotoFile>, c: PlanCandidate): PhotoFile | null {
  return photos.get(c.ticketNo.toUpperCase()) ?? photos.get(c.docNumber.toUpperCase()) ?? null;
}

const FINAL_STATUSES = new Set(['scored', 'sealed']);

export interface ApplyResult {
  batchId: number;
  version: number;
  reimport: boolean;
  counts: { candidates: number; rooms: number; sessions: number; staff: number; photos: number };
  diff: PlanDiff | null;
}

/**
 * Writes the plan. Call inside one transaction (the command's): it throws before writing when any
 * error stands, when a re-import is not confirmed, or when it would replace candidates of a
 * session whose sign-in has started.
 */
export function applyPlan(db: Db, sqlite: Sqlite, prepared: Prepared, opts: { clock: Clock; actorId: number | null; confirm: boolean; today?: string }): { result: ApplyResult; check: PlanCheck } {
  void db;
  const check = checkPlan(sqlite, prepared, opts.today ? { today: opts.today } : {});
  const pkg = prepared.read.pkg;
  if (!check.ok || !pkg) {
    const first = check.problems.filter((p) => p.severity === 'error').slice(0, 3).map(describeProblem).join('；');
    throw new AppError('PLAN_INVALID', `认定计划有 ${check.errors} 处错误，未导入任何数据。${first}`, `The plan has ${check.errors} errors; nothing was imported.`, {
      details: { problems: check.problems, errors: check.errors, warnings: check.warnings },
    });
  }
  const re = check.reimport;
  if (re) {
    if (FINAL_STATUSES.has(re.status)) {
      throw new AppError('PLAN_LOCKED', `批次 ${pkg.batch.planCode} 已${re.status === 'sealed' ? '封存' : '完成评分'}，不能再导入计划。`, 'The batch is past scoring; the plan can no longer be replaced.');
    }
    if (re.blocked.length) {
      throw new AppError('PLAN_LOCKED', `场次 ${re.blocked.join('、')} 已开始签到，其考生不能再由导入替换。`, `Sign-in has started for ${re.blocked.join(', ')}; its candidates can no longer be replaced by an import.`, {
        details: { blocked: re.blocked },
      });
    }
    if (!opts.confirm) {
      throw new AppError('PLAN_CONFIRM_REQUIRED', `批次 ${pkg.batch.planCode} 已导入过：请先核对变更，再确认导入。`, 'This plan is already held: review the changes and confirm.', {
        details: { diff: re.diff },
      });
    }
  }
  const now = opts.clock.now().toISOString();
  const photos = prepared.read.photos;
  const q = (sql: string) => sqlite.prepare(sql);

  // organisation (P1) and batch (P5)
  const org = pkg.organisation;
  q(
    `INSERT INTO organisations (code, name, type, level_cap) VALUES (?, ?, ?, ?)
     ON CONFLICT(code) DO UPDATE SET name = excluded.name, type = excluded.type, level_cap = excluded.level_cap`,
  ).run(org.code, org.name, org.type, org.levelCap ?? null);
  const orgId = (q('SELECT id FROM organisations WHERE code = ?').get(org.code) as { id: number }).id;
  let batchId: number;
  let version = 1;
  if (re) {
    batchId = re.batchId;
    version = re.version + 1;
    q('UPDATE batches SET organisation_id = ?, name = ?, exam_date = ?, plan_version = ?, imported_at = ? WHERE id = ?').run(orgId, pkg.batch.name, pkg.batch.examDate, version, now, batchId);
  } else {
    batchId = Number(
      q("INSERT INTO batches (organisation_id, plan_code, name, exam_date, status, plan_version, imported_at) VALUES (?, ?, ?, ?, 'draft', 1, ?)").run(
        orgId,
        pkg.batch.planCode,
        pkg.batch.name,
        pkg.batch.examDate,
        now,
      ).lastInsertRowid,
    );
  }

  // candidates that leave the plan go first (their subjects reference what may be removed next)
  const nextDocs = new Set(pkg.candidates.map((c) => c.docNumber));
  const heldDocs = q('SELECT id, doc_number AS doc FROM candidates WHERE batch_id = ?').all(batchId) as { id: number; doc: string }[];
  const delCandidate = q('DELETE FROM candidates WHERE id = ?');
  for (const h of heldDocs) if (!nextDocs.has(h.doc)) delCandidate.run(h.id);

  // occupations (P2/P3) by code + work type + level
  const occIds = new Map<string, number>(); // occupationKey(name, workType, level) → id
  const heldOcc = q('SELECT id, code, work_type_code AS wt, level FROM occupations WHERE batch_id = ?').all(batchId) as { id: number; code: string; wt: string | null; level: number }[];
  const occByCode = new Map(heldOcc.map((o) => [`${o.code}|${o.wt ?? ''}|${o.level}`, o.id]));
  const keepOcc = new Set<number>();
  for (const s of pkg.subjects) {
    const k = `${s.occupationCode}|${s.workTypeCode ?? ''}|${s.level}`;
    let id = occByCode.get(k);
    if (id === undefined) {
      id = Number(
        q('INSERT INTO occupations (batch_id, code, name, work_type_code, work_type_name, level) VALUES (?, ?, ?, ?, ?, ?)').run(batchId, s.occupationCode, s.occupationName, s.workTypeCode ?? null, s.workTypeName ?? null, s.level)
          .lastInsertRowid,
      );
      occByCode.set(k, id);
    } else q('UPDATE occupations SET name = ?, work_type_name = ? WHERE id = ?').run(s.occupationName, s.workTypeName ?? null, id);
    keepOcc.add(id);
    occIds.set(occupationKey(s.occupationName, s.workTypeName, s.level), id);
  }

  // subjects (P6) by occupation + kind
  const heldSubj = q('SELECT id, occupation_id AS occ, kind FROM subjects WHERE batch_id = ?').all(batchId) as { id: number; occ: number; kind: string }[];
  const subjByKey = new Map(heldSubj.map((s) => [`${s.occ}|${s.kind}`, s.id]));
  const subjectIdByCode = new Map<string, number>();
  const keepSubj = new Set<number>();
  for (const s of pkg.subjects) {
    const occ = occIds.get(occupationKey(s.occupationName, s.workTypeName, s.level))!;
    let id = subjByKey.get(`${occ}|${s.kind}`);
    if (id === undefined) {
      id = Number(q('INSERT INTO subjects (batch_id, occupation_id, kind, mode) VALUES (?, ?, ?, ?)').run(batchId, occ, s.kind, s.mode).lastInsertRowid);
      subjByKey.set(`${occ}|${s.kind}`, id);
    } else q('UPDATE subjects SET mode = ? WHERE id = ?').run(s.mode, id);
    keepSubj.add(id);
    subjectIdByCode.set(s.code, id);
  }

  // rooms (R1/R2) by code
  const roomIds = new Map((q('SELECT id, code FROM rooms WHERE batch_id = ?').all(batchId) as { id: number; code: string }[]).map((r) => [r.code, r.id]));
  const keepRoom = new Set<number>();
  for (const r of pkg.rooms) {
    let id = roomIds.get(r.code);
    if (id === undefined) {
      id = Number(q('INSERT INTO rooms (batch_id, code, kind, building, floor, room_no, seats) VALUES (?, ?, ?, ?, ?, ?, ?)').run(batchId, r.code, r.kind, r.building, r.floor, r.roomNo, r.seats).lastInsertRowid);
      roomIds.set(r.code, id);
    } else q('UPDATE rooms SET kind = ?, building = ?, floor = ?, room_no = ?, seats = ? WHERE id = ?').run(r.kind, r.building, r.floor, r.roomNo, r.seats, id);
    keepRoom.add(id);
  }

  // sessions by code, with their rooms and panel size
  const sessionIds = new Map((q('SELECT id, code FROM exam_sessions WHERE batch_id = ?').all(batchId) as { id: number; code: string }[]).map((s) => [s.code, s.id]));
  const keepSession = new Set<number>();
  for (const s of pkg.sessions) {
    const subjectId = subjectIdByCode.get(s.subject)!;
    let id = sessionIds.get(s.code);
    if (id === undefined) {
      id = Number(
        q('INSERT INTO exam_sessions (batch_id, subject_id, code, name, starts_at, ends_at, proctors_per_room) VALUES (?, ?, ?, ?, ?, ?, ?)').run(batchId, subjectId, s.code, s.name, s.startsAt, s.endsAt, s.proctorsPerRoom)
          .lastInsertRowid,
      );
      sessionIds.set(s.code, id);
    } else q('UPDATE exam_sessions SET subject_id = ?, name = ?, starts_at = ?, ends_at = ?, proctors_per_room = ? WHERE id = ?').run(subjectId, s.name, s.startsAt, s.endsAt, s.proctorsPerRoom, id);
    keepSession.add(id);
    q('DELETE FROM session_rooms WHERE session_id = ?').run(id);
    for (const r of s.rooms) q('INSERT INTO session_rooms (session_id, room_id) VALUES (?, ?)').run(id, roomIds.get(r)!);
    q('INSERT INTO session_plan (session_id, examiners_per_room) VALUES (?, ?) ON CONFLICT(session_id) DO UPDATE SET examiners_per_room = excluded.examiners_per_room').run(id, s.examinersPerRoom ?? null);
  }

  // candidates (P7/P8/P11) by document number; names stored exactly as given
  const held = new Map((q('SELECT id, doc_number AS doc FROM candidates WHERE batch_id = ?').all(batchId) as { id: number; doc: string }[]).map((r) => [r.doc, r.id]));
  const insCand = q(
    `INSERT INTO candidates (batch_id, occupation_id, name, gender, birth_date, doc_type, doc_number, doc_tail, ticket_no, phone, education, major, ethnicity, category, work_unit, photo, photo_type)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updCand = q(
    `UPDATE candidates SET occupation_id = ?, name = ?, gender = ?, birth_date = ?, doc_type = ?, doc_tail = ?, ticket_no = ?, phone = ?, education = ?, major = ?, ethnicity = ?, category = ?, work_unit = ? WHERE id = ?`,
  );
  const updPhoto = q('UPDATE candidates SET photo = ?, photo_type = ? WHERE id = ?');
  const delSubjects = q('DELETE FROM candidate_subjects WHERE candidate_id = ?');
  const insSubject = q('INSERT INTO candidate_subjects (candidate_id, subject_id, session_id, room_id, seat, retake) VALUES (?, ?, ?, ?, ?, ?)');
  // a re-import may swap two tickets: park the held tickets first so the unique index never trips
  if (re) q("UPDATE candidates SET ticket_no = '~' || id WHERE batch_id = ?").run(batchId);
  const subjectsOf = new Map<number, Map<string, number>>(); // occupation id → kind → subject id
  for (const s of pkg.subjects) {
    const occ = occIds.get(occupationKey(s.occupationName, s.workTypeName, s.level))!;
    const m = subjectsOf.get(occ) ?? new Map<string, number>();
    m.set(s.kind, subjectIdByCode.get(s.code)!);
    subjectsOf.set(occ, m);
  }
  const sessionSubject = new Map(pkg.sessions.map((s) => [s.code, subjectIdByCode.get(s.subject)!]));
  const candidateIds = new Map<string, number>(); // ticket → id
  let photoCount = 0;
  for (const c of pkg.candidates) {
    const occ = occIds.get(occupationKey(c.occupationName, c.workTypeName, c.level))!;
    const photo = photoFor(photos, c);
    const tail = c.docNumber.slice(-6);
    let id = held.get(c.docNumber);
    if (id === undefined) {
      id = Number(
        insCand.run(
          batchId,
          occ,
          c.name,
          c.gender,
          c.birthDate,
          c.docType,
          c.docNumber,
          tail,
          c.ticketNo,
          c.phone ?? null,
          c.education ?? null,
          c.major ?? null,
          c.ethnicity ?? null,
          c.category ?? null,
          c.workUnit ?? null,
          photo?.data ?? null,
          photo ? (isJpeg(photo.data) ? 'image/jpeg' : 'application/octet-stream') : null,
        ).lastInsertRowid,
      );
    } else {
      updCand.run(occ, c.name, c.gender, c.birthDate, c.docType, tail, c.ticketNo, c.phone ?? null, c.education ?? null, c.major ?? null, c.ethnicity ?? null, c.category ?? null, c.workUnit ?? null, id);
      // a re-import without a photo keeps the one held
      if (photo) updPhoto.run(photo.data, isJpeg(photo.data) ? 'image/jpeg' : 'application/octet-stream', id);
      delSubjects.run(id);
    }
    if (photo) photoCount++;
    candidateIds.set(c.ticketNo, id);
    const kinds = subjectsOf.get(occ)!;
    const seatBySubject = new Map(c.seats.map((s) => [sessionSubject.get(s.session)!, s]));
    for (const k of c.subjects) {
      const subjectId = kinds.get(k)!;
      const seat = seatBySubject.get(subjectId);
      insSubject.run(id, subjectId, seat ? sessionIds.get(seat.session)! : null, seat ? roomIds.get(seat.room)! : null, seat?.seat ?? null, seat?.retake ? 1 : 0);
    }
  }

  // what the plan no longer has
  const drop = (table: string, keep: Set<number>) => {
    for (const r of q(`SELECT id FROM ${table} WHERE batch_id = ?`).all(batchId) as { id: number }[]) if (!keep.has(r.id)) q(`DELETE FROM ${table} WHERE id = ?`).run(r.id);
  };
  drop('exam_sessions', keepSession);
  drop('subjects', keepSubj);
  drop('rooms', keepRoom);
  drop('occupations', keepOcc);

  // staff (S1/S6/S7): the site-wide person by staff number; roles per batch; examiner bookings; S3 relations
  q('DELETE FROM batch_staff_roles WHERE batch_id = ?').run(batchId);
  q('DELETE FROM session_examiner_pool WHERE session_id IN (SELECT id FROM exam_sessions WHERE batch_id = ?)').run(batchId);
  q("DELETE FROM training_relations WHERE kind = 'trained' AND candidate_id IN (SELECT id FROM candidates WHERE batch_id = ?)").run(batchId);
  const upStaff = q(
    `INSERT INTO staff (staff_no, name, gender, work_unit, examiner_grade, phone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(staff_no) DO UPDATE SET name = excluded.name, gender = excluded.gender, work_unit = excluded.work_unit,
       examiner_grade = excluded.examiner_grade, phone = COALESCE(excluded.phone, staff.phone)`,
  );
  const staffId = q('SELECT id FROM staff WHERE staff_no = ?');
  const insRole = q('INSERT OR IGNORE INTO staff_roles (staff_id, role) VALUES (?, ?)');
  const insBatchRole = q('INSERT OR IGNORE INTO batch_staff_roles (batch_id, staff_id, role) VALUES (?, ?, ?)');
  const insPool = q('INSERT OR IGNORE INTO session_examiner_pool (session_id, staff_id) VALUES (?, ?)');
  const insTrained = q("INSERT OR IGNORE INTO training_relations (staff_id, candidate_id, kind) VALUES (?, ?, 'trained')");
  for (const s of pkg.staff) {
    upStaff.run(s.staffNo, s.name, s.gender ?? null, s.workUnit ?? null, s.examinerGrade ?? null, s.phone ?? null, now);
    const id = (staffId.get(s.staffNo) as { id: number }).id;
    for (const r of s.roles) {
      insRole.run(id, r);
      insBatchRole.run(batchId, id, r);
    }
    for (const code of s.sessions ?? []) insPool.run(sessionIds.get(code)!, id);
    for (const t of s.trained ?? []) {
      const cid = candidateIds.get(t);
      if (cid !== undefined) insTrained.run(id, cid);
    }
  }

  const counts = { candidates: pkg.candidates.length, rooms: pkg.rooms.length, sessions: pkg.sessions.length, staff: pkg.staff.length, photos: photoCount };
  const diff = re?.diff ?? null;
  q('INSERT INTO plan_imports (batch_id, version, at, actor_id, digest, summary) VALUES (?, ?, ?, ?, ?, ?)').run(
    batchId,
    version,
    now,
    opts.actorId,
    prepared.digest ?? '',
    canonicalJson({ counts, warnings: check.warnings, diff: diff ? diffCounts(diff) : null }),
  );
  return { result: { batchId, version, reimport: !!re, counts, diff }, check };
}

export function diffCounts(d: PlanDiff): Record<string, { added: number; removed: number; changed: number }> {
  const c = (p: DiffPart) => ({ added: p.added.length, removed: p.removed.length, changed: p.changed.length });
  return { candidates: c(d.candidates), staff: c(d.staff), rooms: c(d.rooms), sessions: c(d.sessions) };
}

/** What the audit event records of an import (P9): who, which plan, and what changed. */
export function auditDetail(pkg: PlanPackage, r: ApplyResult, digest: string | null): Record<string, unknown> {
  const cap = <T,>(xs: T[]) => xs.slice(0, 200);
  return {
    subject: { batchId: r.batchId, planCode: pkg.batch.planCode, version: r.version },
    reimport: r.reimport,
    digest,
    counts: r.counts,
    diff: r.diff
      ? {
          counts: diffCounts(r.diff),
          candidates: {
            added: cap(r.diff.candidates.added.map((a) => a.label)),
            removed: cap(r.diff.candidates.removed.map((a) => a.label)),
            changed: cap(r.diff.candidates.changed.map((c) => ({ who: c.label, fields: c.fields }))),
          },
          staff: {
            added: cap(r.diff.staff.added.map((a) => a.key)),
            removed: cap(r.diff.staff.removed.map((a) => a.key)),
            changed: cap(r.diff.staff.changed.map((c) => ({ who: c.key, fields: c.fields }))),
          },
        }
      : null,
  };
}

/**
 * Imports a plan package (or files) directly, for tests, the demo loader and the benchmark:
 * one transaction with its audit event, exactly as the `plan.import` command does.
 */
export async function importPlan(
  env: { sqlite: Sqlite; db: Db; clock: Clock },
  input: PlanInput,
  opts: { actor?: Actor | null; device?: string; confirm?: boolean } = {},
): Promise<ApplyResult> {
  const prepared = await preparePlan(input);
  return env.sqlite.transaction(() => {
    const { result } = applyPlan(env.db, env.sqlite, prepared, { clock: env.clock, actorId: opts.actor?.staffId ?? null, confirm: opts.confirm ?? false });
    appendAudit(env.sqlite, {
      at: env.clock.now().toISOString(),
      actorId: opts.actor?.staffId ?? null,
      actorName: opts.actor?.name ?? null,
      role: opts.actor?.role ?? null,
      device: opts.device ?? 'service',
      command: 'plan.import',
      outcome: 'ok',
      payloadDigest: prepared.digest ?? sha256Hex(''),
      detail: auditDetail(prepared.read.pkg!, result, prepared.digest),
    });
    return result;
  })();
}
