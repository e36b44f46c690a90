// Who signs a seal (DOMAIN S9): the site head, every chief examiner of the batch's panels and the
// supervisor, each with their own staff number and PIN.
import { and, asc, eq } from 'drizzle-orm';
import { schema, type ReadDb } from '../../../db';
import { acceptStaffPin, type ProvenPins } from '../auth';
import { nowIso, type ServiceContext } from '../context';
import { AppError } from '../errors';

export const SIGNER_ROLES = ['site_head', 'chief_examiner', 'supervisor'] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];

export interface Person {
  id: number;
  staffNo: string;
  name: string;
}

const person = { id: schema.staff.id, staffNo: schema.staff.staffNo, name: schema.staff.name };

/** The chief examiners of the batch's current panels (the draw's active assignments). */
export function chiefsOf(db: ReadDb, batchId: number): Person[] {
  return db
    .selectDistinct(person)
    .from(schema.drawAssignments)
    .innerJoin(schema.examSessions, eq(schema.examSessions.id, schema.drawAssignments.sessionId))
    .innerJoin(schema.staff, eq(schema.staff.id, schema.drawAssignments.staffId))
    .where(and(eq(schema.examSessions.batchId, batchId), eq(schema.drawAssignments.active, true), eq(schema.drawAssignments.role, 'chief_examiner')))
    .orderBy(asc(schema.staff.staffNo))
    .all();
}

/** Who holds a role for this batch: the batch's own roles first, then the site-wide ones. */
export function holdersOf(db: ReadDb, batchId: number, role: 'site_head' | 'supervisor'): Person[] {
  // a plan names a batch's supervisor, never its site head (PLAN_ROLES): the site head is site-wide
  const perBatch =
    role === 'site_head'
      ? []
      : db
    .select(person)
    .from(schema.batchStaffRoles)
    .innerJoin(schema.staff, eq(schema.staff.id, schema.batchStaffRoles.staffId))
    .where(and(eq(schema.batchStaffRoles.batchId, batchId), eq(schema.batchStaffRoles.role, role), eq(schema.staff.active, true)))
    .all();
  if (perBatch.length) return perBatch;
  return db
    .select(person)
    .from(schema.staffRoles)
    .innerJoin(schema.staff, eq(schema.staff.id, schema.staffRoles.staffId))
    .where(and(eq(schema.staffRoles.role, role), eq(schema.staff.active, true)))
    .orderBy(asc(schema.staff.staffNo))
    .all();
}

export interface SignatureInput {
  staffNo: string;
  pin: string;
}

export interface Signed {
  role: SignerRole;
  staffId: number;
  staffNo: string;
  name: string;
  at: string;
}

interface SignerSets {
  chiefs: Person[];
  chiefIds: Set<number>;
  heads: Set<number>;
  sups: Set<number>;
}

function signerSets(db: ReadDb, batchId: number): SignerSets {
  const chiefs = chiefsOf(db, batchId);
  return {
    chiefs,
    chiefIds: new Set(chiefs.map((p) => p.id)),
    heads: new Set(holdersOf(db, batchId, 'site_head').map((p) => p.id)),
    sups: new Set(holdersOf(db, batchId, 'supervisor').map((p) => p.id)),
  };
}

function roleOf(sets: SignerSets, staffId: number): SignerRole | null {
  if (sets.chiefIds.has(staffId)) return 'chief_examiner';
  if (sets.heads.has(staffId)) return 'site_head';
  if (sets.sups.has(staffId)) return 'supervisor';
  return null;
}

/** Refuses unless the site head, every chief examiner and the supervisor have signed. */
function requireComplete(sets: SignerSets, signed: readonly Signed[]): void {
  const siteHead = signed.some((s) => s.role === 'site_head') ? 0 : 1;
  const lackingChiefs = sets.chiefs.filter((c) => !signed.some((s) => s.staffId === c.id));
  const supervisor = signed.some((s) => s.role === 'supervisor') ? 0 : 1;
  if (siteHead || lackingChiefs.length || supervisor) {
    throw new AppError(
      'BAD_INPUT',
      'seal.signaturesMissing',
      { siteHead, chiefs: lackingChiefs.length, supervisor },
      { details: { chiefs: lackingChiefs.map((c) => ({ staffNo: c.staffNo, name: c.name })) } },
    );
  }
}

/**
 * S9: the site head, every chief examiner of the batch's panels and the supervisor each sign with
 * their own staff number and PIN. The PINs were proven before the transaction (the command's
 * prepare: scrypt off the event loop); here each is accepted, or refused, counted and audited.
 */
export function checkSignatures(ctx: ServiceContext, input: { batchId: number; signatures: readonly SignatureInput[] }, pins: ProvenPins): Signed[] {
  const sets = signerSets(ctx.db, input.batchId);
  const at = nowIso(ctx);
  const signed: Signed[] = [];
  const seen = new Set<number>();
  for (const [i, s] of input.signatures.entries()) {
    const p = ctx.db
      .select({ ...person, active: schema.staff.active })
      .from(schema.staff)
      .where(eq(schema.staff.staffNo, s.staffNo.trim()))
      .get();
    // each refusal names the signature's field (its key in the input), so the form shows it there
    const field = (name: 'staffNo' | 'pin') => `signatures.${i}.${name}`;
    if (!p || !p.active) throw new AppError('PIN_WRONG', 'seal.pinWrong', { field: field('pin') }, { persist: true });
    if (seen.has(p.id)) throw new AppError('BAD_INPUT', 'seal.signedTwice', { name: p.name, staffNo: p.staffNo, field: field('staffNo') });
    seen.add(p.id);
    const role = roleOf(sets, p.id);
    if (!role) throw new AppError('FORBIDDEN', 'seal.notSigner', { name: p.name, staffNo: p.staffNo, field: field('staffNo') });
    try {
      acceptStaffPin(ctx, pins, p.id, s.pin);
    } catch (e) {
      if (!(e instanceof AppError) || !e.reason) throw e;
      throw new AppError(e.code, e.reason, { ...e.params, field: field('pin') }, { details: e.details, persist: e.persist });
    }
    signed.push({ role, staffId: p.id, staffNo: p.staffNo, name: p.name, at });
  }
  requireComplete(sets, signed);
  return signed;
}
