// Shared bits of the plan pages: the tab bar, catalogue keys of kinds, modes, levels and states, downloads.
import { Segmented } from 'antd';
import { siteMinute } from '../../../../electron/domain/vocabulary';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import { navigate, usePath } from '../../router';
import { useSession } from '../../session';

const TABS: [string, MessageKey][] = [
  ['/plan', 'plan.tab.overview'],
  ['/plan/candidates', 'plan.tab.candidates'],
  ['/plan/rooms', 'plan.tab.rooms'],
  ['/plan/staff', 'plan.tab.staff'],
  ['/plan/import', 'plan.tab.import'],
];

/** Who may import (the commands say the same: plan.import is for the site head and admin). */
export function useCanImport(): boolean {
  const role = useSession().session.actor.role;
  return role === 'site_head' || role === 'admin';
}

export function PlanNav() {
  const { t } = useI18n();
  const path = usePath();
  const canImport = useCanImport();
  const current = [...TABS].reverse().find(([p]) => path === p || path.startsWith(`${p}/`))?.[0] ?? '/plan';
  return (
    <Segmented
      data-testid="plan-nav"
      style={{ marginBottom: 16 }}
      value={current}
      options={TABS.filter(([p]) => canImport || p !== '/plan/import').map(([value, key]) => ({ value, label: t(key) }))}
      onChange={(v) => navigate(String(v))}
    />
  );
}

export const kindKey = (k: string) => `plan.kind.${k}` as MessageKey;
export const modeKey = (m: string) => `plan.mode.${m}` as MessageKey;
export const levelKey = (l: number) => `plan.level.${l}` as MessageKey;
export const roomKindKey = (k: string) => `plan.roomKind.${k}` as MessageKey;
export const planRoleKey = (r: string) => `plan.role.${r}` as MessageKey;

/** "2026-05-21T09:00:00+08:00" → "09:00": times are stored in the site's own offset. */
export const hm = (iso: string) => iso.slice(11, 16);
/** An instant (UTC ISO, as the audit and import records keep it) in the site's time (Beijing): "2026-05-21 07:30". */
export const beijing = (iso: string) => siteMinute(iso);
/** the batch's lifecycle state, worded as everywhere else (draft, sealed, amending) */
export const statusKey = (s: string) => `batch.status.${s}` as MessageKey;

export { downloadBase64 } from '../../components/download';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
