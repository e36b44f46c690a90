// The console's own doors: first start, sign-in, staff and PINs, the audit trail, About and the
// site overview, the demo clock. The work is in electron/services (auth, audit, demo-clock, system/).
import { statSync } from 'node:fs';
import { z } from 'zod';
import { STAFF_EXAMINER_GRADES } from '../../db/schema/core';
import { PIN_RULE, changeOwnPin, prepareOwnPin, provePin, refuseWeakPin, rolesOf, revokeToken, signIn, unlockStaff } from '../services/auth';
import { hashPinAsync } from '../services/pins';
import { actorOf } from '../services/context';
import { auditHead, auditPage, integrityCheck, verifyChain } from '../services/audit';
import { advanceDemoClock } from '../services/demo-clock';
import { ROLES } from '../services/roles';
import { initSite, setupStatus as readSetupStatus, siteOverview as readSiteOverview, siteRow, sqliteVersion } from '../services/system/site';
import { createStaff, listStaff } from '../services/system/staff';
import { MAX_CODES_PER_CALL, enrol, issueEnrolmentCodes, prepareEnrolment } from '../services/system/enrolment';
import { AppError } from '../services/errors';
import { defineCommand } from './registry';

const pin = z.string().regex(PIN_RULE, 'PIN 须为 6–12 位数字');
const staffNo = z.string().trim().min(1, '请输入工号').max(32);
const personName = z.string().trim().min(1, '请输入姓名').max(64);
const role = z.enum(ROLES);

export const setupStatus = defineCommand({
  name: 'setup.status',
  kind: 'query',
  access: 'public',
  input: z.object({}),
  handler: (ctx) => readSetupStatus(ctx, ctx.env.version),
});

/** The demo site only: moves its clock forward (training on E4/E5/G5 moments); audited. */
export const demoClockAdvance = defineCommand({
  name: 'demo.clock.advance',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({ to: z.iso.datetime({ offset: true, message: '请给出带时区的时间' }) }),
  handler: (ctx, input) => advanceDemoClock(ctx, { to: new Date(input.to) }),
});

/**
 * First start: name the site and set the site head's PIN. Refused once done. Also makes the
 * recovery code (shown and printed once, never stored): the database key is wrapped under it
 * before the site exists, so a console with a site always has a way back in.
 */
export const setupInit = defineCommand({
  name: 'setup.init',
  kind: 'mutation',
  access: 'public',
  input: z.object({ siteName: z.string().trim().min(1, '请输入考点名称').max(100), headName: personName, staffNo, pin }),
  // scrypt off the event loop, before the transaction: the PIN's hash, and the recovery code's wrap
  prepare: async (ctx, input) => {
    if (siteRow(ctx.db)) throw new AppError('SETUP_DONE', 'setup.done');
    refuseWeakPin(input.pin, input.staffNo);
    const [hash, recovery] = await Promise.all([hashPinAsync(input.pin, ctx.random), ctx.env.vault ? ctx.env.vault.newRecovery(ctx.random) : null]);
    return { hash, recovery };
  },
  handler: (ctx, input, prepared) => {
    // checked again inside the transaction, before the vault changes: a second setup racing the
    // first must never replace the code the first one showed
    if (siteRow(ctx.db)) throw new AppError('SETUP_DONE', 'setup.done');
    // the wrap is in the vault before the site row commits (a failed write rolls the setup back)
    if (prepared.recovery && ctx.env.vault) ctx.env.vault.commitRecovery(prepared.recovery.wrap);
    const r = initSite(ctx, input, { hash: prepared.hash });
    ctx.note({ recoveryCode: prepared.recovery ? 'made' : 'none (plain database)' });
    return { ...r, recoveryCode: prepared.recovery?.code ?? null };
  },
});

export const authSignIn = defineCommand({
  name: 'auth.signIn',
  kind: 'mutation',
  access: 'public',
  input: z.object({ staffNo, pin: z.string().min(1, '请输入 PIN').max(64), role: role.optional() }),
  // scrypt in the thread pool before the transaction, for known and unknown staff numbers alike
  prepare: (ctx, input) => provePin(ctx, input.staffNo, input.pin),
  handler: (ctx, input, proof) => {
    const result = signIn(ctx, input, proof);
    ctx.actor = result.actor; // the sign-in's own audit event names who signed in
    return result;
  },
});

export const authSignOut = defineCommand({
  name: 'auth.signOut',
  kind: 'mutation',
  access: 'signedIn',
  input: z.object({}),
  handler: (ctx) => {
    if (ctx.token) revokeToken(ctx, ctx.token);
    return { signedOut: true };
  },
});

export const authMe = defineCommand({
  name: 'auth.me',
  kind: 'query',
  access: 'signedIn',
  input: z.object({}),
  handler: (ctx) => {
    const actor = actorOf(ctx);
    return { actor, roles: rolesOf(ctx.db, actor.staffId), siteName: siteRow(ctx.db)?.name ?? null };
  },
});

export const authChangePin = defineCommand({
  name: 'auth.changePin',
  kind: 'mutation',
  access: 'signedIn',
  input: z.object({ oldPin: z.string().min(1).max(64), newPin: pin }),
  prepare: (ctx, input) => prepareOwnPin(ctx, input),
  handler: (ctx, _input, prepared) => changeOwnPin(ctx, prepared),
});

/** Public: a staff member chooses their own PIN with the enrolment code of the day (S1). */
export const authEnrol = defineCommand({
  name: 'auth.enrol',
  kind: 'mutation',
  access: 'public',
  input: z.object({ staffNo, code: z.string().trim().min(1, '请输入启用码').max(32), pin }),
  prepare: (ctx, input) => prepareEnrolment(ctx, input),
  handler: (ctx, input, prepared) => enrol(ctx, input, prepared),
});

/** The site head lifts the wrong-PIN locks on an account (from every client); audited. */
export const authUnlock = defineCommand({
  name: 'auth.unlock',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({ staffId: z.number().int().positive() }),
  handler: (ctx, input) => unlockStaff(ctx, input),
});

export const staffList = defineCommand({
  name: 'staff.list',
  kind: 'query',
  access: ['site_head', 'admin', 'supervisor'],
  input: z.object({}),
  handler: (ctx) => listStaff(ctx),
});

export const staffCreate = defineCommand({
  name: 'staff.create',
  kind: 'mutation',
  access: ['site_head', 'admin'],
  input: z.object({
    staffNo,
    name: personName,
    roles: z.array(role).min(1, '至少选择一个角色'),
    workUnit: z.string().trim().max(100).optional(),
    examinerGrade: z.enum(STAFF_EXAMINER_GRADES).optional(),
  }),
  handler: (ctx, input) => createStaff(ctx, input),
});

/**
 * Issues one-time enrolment codes (the slips are printed from the answer; only hashes are kept).
 * For someone with a PIN this is the reset: never a PIN, and the old one stops working.
 */
export const staffIssueEnrolment = defineCommand({
  name: 'staff.issueEnrolment',
  kind: 'mutation',
  access: ['site_head', 'admin'],
  input: z.object({ staffIds: z.array(z.number().int().positive()).min(1).max(MAX_CODES_PER_CALL) }),
  handler: (ctx, input) => issueEnrolmentCodes(ctx, input),
});

export const auditStatus = defineCommand({
  name: 'audit.status',
  kind: 'query',
  access: 'signedIn',
  input: z.object({}),
  handler: (ctx) => auditHead(ctx.sqlite),
});

/** The same check as `npm run verify`: the file's integrity and the whole chain. */
export const auditVerify = defineCommand({
  name: 'audit.verify',
  kind: 'query',
  access: 'signedIn',
  input: z.object({}),
  handler: (ctx) => {
    const integrity = integrityCheck(ctx.sqlite);
    const chain = verifyChain(ctx.sqlite);
    return { ok: integrity.length === 0 && chain.ok, integrity, chain, checkedAt: ctx.clock.now().toISOString() };
  },
});

export const auditList = defineCommand({
  name: 'audit.list',
  kind: 'query',
  access: ['site_head', 'supervisor', 'admin'],
  input: z.object({ beforeSeq: z.number().int().positive().optional(), limit: z.number().int().min(1).max(500).default(50) }),
  handler: (ctx, input) => auditPage(ctx.sqlite, input),
});

/** the database file and its WAL on disk (0 when not there yet) */
function fileBytes(p: string): number {
  try {
    return statSync(p).size;
  } catch {
    return 0;
  }
}

export const systemAbout = defineCommand({
  name: 'system.about',
  kind: 'query',
  access: 'signedIn',
  input: z.object({}),
  handler: (ctx) => {
    const file = ctx.env.opened.file;
    return {
      version: ctx.env.version,
      dataDir: ctx.env.dataDir,
      dbFile: file,
      dbBytes: fileBytes(file) + fileBytes(`${file}-wal`),
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      sqlite: sqliteVersion(ctx),
      platform: process.platform,
      staffCount: readSiteOverview(ctx.db).staff,
      // encryption at rest: the cipher, where the key came from this time, the keystore
      encryption: ctx.env.vault
        ? { cipher: 'SQLCipher 4 (AES-256)', keySource: ctx.env.vault.source, keystore: ctx.env.vault.keystoreStatus(), hasRecovery: ctx.env.vault.hasRecovery }
        : null,
    };
  },
});

/** The site head's first look at the site: what is loaded and what is not yet. */
export const siteOverview = defineCommand({
  name: 'site.overview',
  kind: 'query',
  access: 'signedIn',
  input: z.object({}),
  handler: (ctx) => readSiteOverview(ctx.db),
});

export const systemCommands = [
  demoClockAdvance,
  setupStatus,
  setupInit,
  authSignIn,
  authSignOut,
  authMe,
  authChangePin,
  authEnrol,
  authUnlock,
  staffList,
  staffCreate,
  staffIssueEnrolment,
  auditStatus,
  auditVerify,
  auditList,
  systemAbout,
  siteOverview,
] as const;
