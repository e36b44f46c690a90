// Writing an outbox row's delivery state (the package itself never changes).
import { nowIso, type ServiceContext } from '../context';
import type { OutboxRow } from './outbox';

type Patch = Partial<Omit<OutboxRow, 'id' | 'updated_at'>>;

export function setRow(ctx: Pick<ServiceContext, 'sqlite' | 'clock'>, id: number, patch: Patch): void {
  const cols = Object.keys(patch);
  if (!cols.length) return;
  ctx.sqlite
    .prepare(`UPDATE outbox SET ${cols.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @updated_at WHERE id = @id`)
    .run({ ...patch, id, updated_at: nowIso(ctx) });
}
