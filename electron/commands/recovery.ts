// The recovery code after setup: one made at start-up (a plain database encrypted in place) waits
// here for the site head to write it down; a lost code is replaced by a new one (PIN again). The
// old code stops opening this console but still opens the backups made before the change.
import { z } from 'zod';
import { verifyStaffPin } from '../services/auth';
import { AppError } from '../services/errors';
import { defineCommand } from './registry';

export const recoveryPending = defineCommand({
  name: 'vault.recovery.pending',
  kind: 'query',
  access: ['site_head'],
  input: z.object({}),
  handler: (ctx) => ({ code: ctx.env.vault?.pendingCode ?? null }),
});

/** The site head has written the pending code down: it is forgotten. */
export const recoveryAck = defineCommand({
  name: 'vault.recovery.ack',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({}),
  handler: (ctx) => {
    const had = !!ctx.env.vault?.pendingCode;
    if (ctx.env.vault) ctx.env.vault.pendingCode = null;
    ctx.note({ acknowledged: had });
    return { acknowledged: had };
  },
});

export const recoveryRotate = defineCommand({
  name: 'vault.recovery.rotate',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({ pin: z.string().min(1, '请输入 PIN').max(64) }),
  prepare: async (ctx) => {
    if (!ctx.env.vault) throw new AppError('BACKUP_ERROR', 'backup.unavailable');
    return ctx.env.vault.newRecovery(ctx.random);
  },
  handler: (ctx, input, recovery) => {
    verifyStaffPin(ctx, ctx.actor!.staffId, input.pin);
    ctx.env.vault!.commitRecovery(recovery.wrap);
    ctx.note({ recoveryCode: 'replaced' });
    return { recoveryCode: recovery.code };
  },
});

export const recoveryCommands = [recoveryPending, recoveryAck, recoveryRotate] as const;
