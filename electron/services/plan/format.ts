// The plan package, version 1: what the provincial platform would send (JSON) and what the
// workbook form reads into. docs/plan-package.md describes it; resources/plan-package.schema.json
// is generated from this file (scripts/plan-schema.ts) and a test keeps the two equal.
import { z } from 'zod';

export const PLAN_FORMAT = 'exam-site-plan';
export const PLAN_VERSION = 1;

// The domain's words (documents, kinds, modes, levels, roles) live in electron/domain/vocabulary.ts;
// re-exported here because the plan format is defined in them.
export {
  DOC_TYPES,
  ORG_TYPES,
  ORG_TYPE_ZH,
  SUBJECT_KINDS,
  SUBJECT_KIND_ZH,
  SUBJECT_KIND_SHORT_ZH,
  SUBJECT_KIND_RESULT_ZH,
  MODES,
  MODE_ZH,
  MODES_ALLOWED,
  ROOM_KINDS,
  ROOM_KIND_ZH,
  LEVEL_ZH,
  PLAN_ROLES,
  PLAN_ROLE_ZH,
  EXAMINER_GRADES,
  EXAMINER_GRADE_ZH,
} from '../../domain/vocabulary';
export type { SubjectKind, Mode, PlanRole } from '../../domain/vocabulary';
import { ORG_TYPES, SUBJECT_KINDS, MODES, ROOM_KINDS, PLAN_ROLES, EXAMINER_GRADES } from '../../domain/vocabulary';

const text = (max = 200) => z.string().max(max);
const opt = (max = 200) => z.string().max(max).nullable().optional();

export const planOrganisation = z.object({
  code: text(40).describe('机构编码, e.g. S0000370000XX'),
  name: text(),
  type: z.enum(ORG_TYPES),
  levelCap: z.number().int().min(1).max(5).nullable().optional().describe('P4: highest level filed (1 = 一级); null: the type’s typical cap'),
});

export const planBatch = z.object({
  planCode: text(64).describe('the platform’s plan number'),
  name: text().describe('P5: 20230521XXX(机构名称)第1期社会化评价'),
  examDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export const planSubject = z.object({
  code: text(32).describe('the package’s own key for the subject, referenced by sessions'),
  occupationCode: text(32).describe('P2: 6-18-01-01'),
  occupationName: text(64),
  workTypeCode: opt(32),
  workTypeName: opt(64),
  level: z.number().int().min(1).max(5),
  kind: z.enum(SUBJECT_KINDS),
  mode: z.enum(MODES),
});

export const planRoom = z.object({
  code: text(32).describe('考场, e.g. 第1考场'),
  kind: z.enum(ROOM_KINDS),
  building: text(64),
  floor: text(16),
  roomNo: text(16),
  seats: z.number().int().min(0).max(10000),
});

export const planSession = z.object({
  code: text(32),
  name: text(100),
  subject: text(32).describe('a subject code'),
  startsAt: z.string().describe('ISO 8601 with offset, e.g. 2026-05-21T09:00:00+08:00'),
  endsAt: z.string(),
  rooms: z.array(text(32)),
  proctorsPerRoom: z.number().int().min(0).max(20).default(2),
  examinersPerRoom: z.number().int().min(0).max(20).nullable().optional().describe('S5: skill and review, 3 or more and odd'),
});

export const planSeat = z.object({
  session: text(32),
  room: text(32),
  seat: opt(16),
  retake: z.boolean().optional(),
});

export const planCandidate = z.object({
  name: text(64).describe('P11: stored as given, rare characters included'),
  gender: z.enum(['男', '女']),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  docType: text(32),
  docNumber: text(64).describe('P8: stored in one spelling (full-width to ASCII, spaces and dashes removed, upper case)'),
  ticketNo: text(32),
  phone: opt(32),
  ethnicity: opt(16),
  education: opt(32),
  major: opt(64),
  category: opt(16),
  workUnit: opt(100),
  occupationName: text(64),
  workTypeName: opt(64),
  level: z.number().int().min(1).max(5),
  /** subject kinds the candidate sits (申报科目) */
  subjects: z.array(z.enum(SUBJECT_KINDS)),
  /** 考核方式 as the registration form lists them (checked against P6) */
  modes: z.array(z.enum(MODES)).optional(),
  /** where they sit: one row per session */
  seats: z.array(planSeat),
  /** a JPG as base64 (JSON form); the workbook form takes photos from a folder or zip */
  photo: z.string().nullable().optional(),
});

export const planStaff = z.object({
  staffNo: text(32),
  name: text(64),
  gender: z.enum(['男', '女']).nullable().optional(),
  workUnit: opt(100),
  phone: opt(32),
  roles: z.array(z.enum(PLAN_ROLES)),
  examinerGrade: z.enum(EXAMINER_GRADES).nullable().optional(),
  /** sessions an examiner is booked for (optional) */
  sessions: z.array(text(32)).optional(),
  /** S3: ticket numbers of candidates this person trained */
  trained: z.array(text(32)).optional(),
});

export const planPackage = z.object({
  format: z.literal(PLAN_FORMAT),
  version: z.literal(PLAN_VERSION),
  organisation: planOrganisation,
  batch: planBatch,
  subjects: z.array(planSubject),
  rooms: z.array(planRoom),
  sessions: z.array(planSession),
  candidates: z.array(planCandidate),
  staff: z.array(planStaff),
});

export type PlanPackage = z.infer<typeof planPackage>;
export type PlanCandidate = z.infer<typeof planCandidate>;
export type PlanStaff = z.infer<typeof planStaff>;
export type PlanSession = z.infer<typeof planSession>;
export type PlanSubject = z.infer<typeof planSubject>;
export type PlanRoom = z.infer<typeof planRoom>;

/** The JSON Schema of the package (draft 2020-12), as committed in resources/. */
export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(planPackage, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return { $id: 'https://exam-site-console.local/plan-package.v1.schema.json', title: '考点通认定计划包 / plan package v1', ...schema };
}
