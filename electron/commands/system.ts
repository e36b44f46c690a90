import { count, eq } from 'drizzle-orm';
import { statSync } from 'node:fs';
import { z } from 'zod';
import { schema } from '../../db';
import { PIN_RULE, rolesOf, revokeToken, setPin, signIn, verifyStaffPin } from '../services/auth';
import { integrityCheck, verifyChain } from '../services/audit';
import { DEMO_CLOCK_KEY, advanceDemoClock } from '../services/demo-clock';
import { AppError } from '../services/errors';
import { ROLES } from '../services/roles';
import { defineCommand } from './registry';

const pin = z.string().regex(PIN_RULE, 'PIN 须为 6–12 位数字');
const staffNo = z.string().trim().min(1, '请输入工号').max(32);
const personName = z.string().trim().min(1, '请输入姓名').max(64);
const role = z.enum(ROLES);

function siteRow(ctx: { db: import('../../db').Db }) {
  return ctx.db.select().from(schema.site).get();
}

export const setupStatus = defineCommand({
  name: 'setup.status',
  kind: 'query',
  access: 'public',
  input: z.object({}),
  handler: (ctx) => {
    const s = siteRow(ctx);
    // the demo runs on its exam day's clock (electron/server/demo.ts): the frame shows that time
    const demo = !!ctx.db.select().from(schema.appMeta).where(eq(schema.appMeta.key, DEMO_CLOCK_KEY)).get();
    return { needsSetup: !s, siteName: s?.name ?? null, version: ctx.env.version, demoClock: demo ? ctx.clock.now().toISOString() : null };
  },
});

/** The demo site only: moves its clock forward (training on E4/E5/G5 moments); audited. */
export const demoClockAdvance = defineCommand({
  name: 'demo.clock.advance',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({ to: z.iso.datetime({ offset: true, message: '请给出带时区的时间' }) }),
  handler: (ctx, input) => {
    const r = advanceDemoClock(ctx.sqlite, ctx.clock, new Date(input.to));
    ctx.note({ before: { demoClock: r.from }, after: { demoClock: r.to } });
    return r;
  },
});

const setupDone = () => new AppError('SETUP_DONE', '本机已完成初始设置。', 'This PC has already been set up.');

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
  // scrypt off the event loop, before the transaction
  prepare: async (ctx) => {
    if (siteRow(ctx)) throw setupDone();
    return ctx.env.vault ? ctx.env.vault.newRecovery(ctx.random) : null;
  },
  handler: (ctx, input, recovery) => {
    if (siteRow(ctx)) throw setupDone();
    // the wrap is in the vault before the site row commits (a failed write rolls the setup back)
    if (recovery && ctx.env.vault) ctx.env.vault.commitRecovery(recovery.wrap);
    const now = ctx.clock.now().toISOString();
    ctx.db.insert(schema.site).values({ id: 1, name: input.siteName, createdAt: now }).run();
    const person = ctx.db
      .insert(schema.staff)
      .values({ staffNo: input.staffNo, name: input.headName, createdAt: now })
      .returning({ id: schema.staff.id })
      .get();
    ctx.db.insert(schema.staffRoles).values({ staffId: person.id, role: 'site_head' }).run();
    setPin(ctx.db, person.id, input.pin, ctx.clock, ctx.random);
    ctx.note({ site: input.siteName, siteHead: { staffId: person.id, staffNo: input.staffNo, name: input.headName }, recoveryCode: recovery ? 'made' : 'none (plain database)' });
    return { staffId: person.id, recoveryCode: recovery?.code ?? null };
  },
});

export const authSignIn = defineCommand({
  name: 'auth.signIn',
  kind: 'mutation',
  access: 'public',
  input: z.object({ staffNo, pin: z.string().min(1, '请输入 PIN').max(64), role: role.optional() }),
  handler: (ctx, input) => {
    ctx.note({ staffNo: input.staffNo, role: input.role ?? null });
    const result = signIn(ctx.db, input, ctx.device, ctx.clock, ctx.random);
    ctx.actor = result.actor;
    return result;
  },
});

export const authSignOut = defineCommand({
  name: 'auth.signOut',
  kind: 'mutation',
  access: 'signedIn',
  input: z.object({}),
  handler: (ctx) => {
    if (ctx.token) revokeToken(ctx.db, ctx.token, ctx.clock);
    return { signedOut: true };
  },
});

export const authMe = defineCommand({
  name: 'auth.me',
  kind: 'query',
  access: 'signedIn',
  input: z.object({}),
  handler: (ctx) => {
    const actor = ctx.actor!;
    return { actor, roles: rolesOf(ctx.db, actor.staffId), siteName: siteRow(ctx)?.name ?? null };
  },
});

export const authChangePin = defineCommand({
  name: 'auth.changePin',
  kind: 'mutation',
  access: 'signedIn',
  input: z.object({ oldPin: z.string().min(1).max(64), newPin: pin }),
  handler: (ctx, input) => {
    const actor = ctx.actor!;
    verifyStaffPin(ctx.db, actor.staffId, input.oldPin, ctx.clock);
    setPin(ctx.db, actor.staffId, input.newPin, ctx.clock, ctx.random);
    ctx.note({ staffId: actor.staffId });
    return { changed: true };
  },
});

export const staffList = defineCommand({
  name: 'staff.list',
  kind: 'query',
  access: ['site_head', 'admin', 'supervisor'],
  input: z.object({}),
  handler: (ctx) => {
    const people = ctx.db.select().from(schema.staff).orderBy(schema.staff.staffNo).all();
    const pins = new Set(ctx.db.select({ id: schema.staffPins.staffId }).from(schema.staffPins).all().map((r) => r.id));
    return people.map((p) => ({
      id: p.id,
      staffNo: p.staffNo,
      name: p.name,
      workUnit: p.workUnit,
      examinerGrade: p.examinerGrade,
      active: p.active,
      roles: rolesOf(ctx.db, p.id),
      hasPin: pins.has(p.id),
    }));
  },
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
    examinerGrade: z.enum(['examiner', 'senior']).optional(),
    pin: pin.optional(),
  }),
  handler: (ctx, input) => {
    if (input.roles.includes('site_head') && ctx.actor!.role !== 'site_head') {
      throw new AppError('FORBIDDEN', '只有考点负责人可以指定考点负责人。', 'Only the site head may appoint a site head.');
    }
    const exists = ctx.db.select({ id: schema.staff.id }).from(schema.staff).where(eq(schema.staff.staffNo, input.staffNo)).get();
    if (exists) throw new AppError('CONFLICT', `工号 ${input.staffNo} 已存在。`, `Staff number ${input.staffNo} exists.`);
    const person = ctx.db
      .insert(schema.staff)
      .values({
        staffNo: input.staffNo,
        name: input.name,
        workUnit: input.workUnit ?? null,
        examinerGrade: input.examinerGrade ?? null,
        createdAt: ctx.clock.now().toISOString(),
      })
      .returning({ id: schema.staff.id })
      .get();
    for (const r of new Set(input.roles)) ctx.db.insert(schema.staffRoles).values({ staffId: person.id, role: r }).run();
    if (input.pin) setPin(ctx.db, person.id, input.pin, ctx.clock, ctx.random);
    ctx.note({ after: { id: person.id, staffNo: input.staffNo, name: input.name, roles: input.roles, pinSet: !!input.pin } });
    return { id: person.id };
  },
});

export const staffSetPin = defineCommand({
  name: 'staff.setPin',
  kind: 'mutation',
  access: ['site_head', 'admin'],
  input: z.object({ staffId: z.number().int().positive(), pin }),
  handler: (ctx, input) => {
    const person = ctx.db.select().from(schema.staff).where(eq(schema.staff.id, input.staffId)).get();
    if (!person) throw new AppError('NOT_FOUND', '找不到该人员。', 'No such staff member.');
    setPin(ctx.db, person.id, input.pin, ctx.clock, ctx.random);
    ctx.note({ staffId: person.id, staffNo: person.staffNo });
    return { set: true };
  },
});

export const auditStatus = defineCommand({
  name: 'audit.status',
  kind: 'query',
  access: 'signedIn',
  input: z.object({}),
  handler: (ctx) => {
    const head = ctx.sqlite.prepare('SELECT seq, hash, at FROM audit_events ORDER BY seq DESC LIMIT 1').get() as
      | { seq: number; hash: string; at: string }
      | undefined;
    return { count: head?.seq ?? 0, headHash: head?.hash ?? null, lastAt: head?.at ?? null };
  },
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
  handler: (ctx, input) => {
    const rows = ctx.sqlite
      .prepare(
        `SELECT seq, at, actor_name AS actorName, role, device, command, outcome, detail, hash
         FROM audit_events WHERE seq < ? ORDER BY seq DESC LIMIT ?`,
      )
      .all(input.beforeSeq ?? Number.MAX_SAFE_INTEGER, input.limit) as {
      seq: number;
      at: string;
      actorName: string | null;
      role: string | null;
      device: string;
      command: string;
      outcome: string;
      detail: string;
      hash: string;
    }[];
    return rows;
  },
});

export const systemAbout = defineCommand({
  name: 'system.about',
  kind: 'query',
  access: 'signedIn',
  input: z.object({}),
  handler: (ctx) => {
    const file = ctx.env.opened.file;
    const size = (p: string) => {
      try {
        return statSync(p).size;
      } catch {
        return 0;
      }
    };
    const staffCount = ctx.db.select({ n: count() }).from(schema.staff).get()?.n ?? 0;
    return {
      version: ctx.env.version,
      dataDir: ctx.env.dataDir,
      dbFile: file,
      dbBytes: size(file) + size(`${file}-wal`),
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      sqlite: (ctx.sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
      platform: process.platform,
      staffCount,
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
  handler: (ctx) => {
    const n = (t: typeof schema.batches | typeof schema.candidates | typeof schema.rooms | typeof schema.staff) =>
      ctx.db.select({ n: count() }).from(t).get()?.n ?? 0;
    return {
      siteName: siteRow(ctx)?.name ?? null,
      batches: n(schema.batches),
      candidates: n(schema.candidates),
      rooms: n(schema.rooms),
      staff: n(schema.staff),
    };
  },
});

export const systemCommands = [
  demoClockAdvance,
  setupStatus,
  setupInit,
  authSignIn,
  authSignOut,
  authMe,
  authChangePin,
  staffList,
  staffCreate,
  staffSetPin,
  auditStatus,
  auditVerify,
  auditList,
  systemAbout,
  siteOverview,
] as const;
