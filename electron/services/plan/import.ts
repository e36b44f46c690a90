// A plan import outside a command (the demo loader, scripts, tests): the same steps as the
// `plan.import` command (read, check, apply) in one transaction with its audit event.
import { appendAudit } from '../audit';
import { sha256Hex } from '../canonical';
import { nowIso, type ServiceContext } from '../context';
import { applyPlan, type ImportResult } from './apply';
import { preparePlan, type PlanInput } from './digest';

export async function importPlan(ctx: ServiceContext, input: PlanInput, opts: { confirm?: boolean } = {}): Promise<ImportResult> {
  const prepared = await preparePlan(input);
  return ctx.sqlite.transaction(() => {
    const detail: Record<string, unknown> = {};
    const note = (d: Record<string, unknown>) => {
      Object.assign(detail, d);
      ctx.note(d);
    };
    const result = applyPlan({ ...ctx, note }, prepared, { confirm: opts.confirm ?? false });
    appendAudit(ctx.sqlite, {
      at: nowIso(ctx),
      actorId: ctx.actor?.staffId ?? null,
      actorName: ctx.actor?.name ?? null,
      role: ctx.actor?.role ?? null,
      device: ctx.device,
      command: 'plan.import',
      outcome: 'ok',
      payloadDigest: prepared.digest ?? sha256Hex(''),
      detail,
    });
    return result;
  }).immediate();
}
