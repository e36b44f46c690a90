// The recovery code after setup: one made at start-up (a plain database encrypted in place) waits
// here for the site head to write it down; a lost code is replaced by a new one (PIN again). The
// old code stops opening this console but still opens the backups made before the change.
import { z } from 'zod';
import { acceptStaffPin, provePins } from '../services/auth';
import { actorOf } from '../services/context';
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
  prepare: async (ctx, input) => {
    if (!ctx.env.vault) throw new AppError('BACKUP_ERROR', 'backup.unavailable');
    // the site head's PIN proven in the thread pool before the transaction (S9)
    const pins = await provePins(ctx, [{ staffId: actorOf(ctx).staffId, pin: input.pin }]);
    return { recovery: await ctx.env.vault.newRecovery(ctx.random), pins };
  },
  handler: (ctx, input, { recovery, pins }) => {
    acceptStaffPin(ctx, pins, actorOf(ctx).staffId, input.pin);
    ctx.env.vault!.commitRecovery(recovery.wrap);
    ctx.note({ recoveryCode: 'replaced' });
    return { recoveryCode: recovery.code };
  },
});

export const recoveryCommands = [recoveryPending, recoveryAck, recoveryRotate] as const;
