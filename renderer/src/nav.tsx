// The side menu by the phases of the exam day: the home, then 准备 / 考试 / 评分与结果 / 封存与上报 /
// 系统, each group holding only the pages this role may open (routes.tsx says who). A page's
// tooltip says what it is for and which rules it keeps; the labels stay plain words.
import type { MenuProps } from 'antd';
import type { Role } from '../../electron/commands/api';
import type { MessageKey } from './i18n';
import { allowed, NAV_PHASES, routes, type RouteDef } from './routes';

type Item = Required<MenuProps>['items'][number];

const PHASE_KEYS: Record<(typeof NAV_PHASES)[number], MessageKey> = {
  prep: 'nav.phase.prep',
  exam: 'nav.phase.exam',
  results: 'nav.phase.results',
  seal: 'nav.phase.seal',
  system: 'nav.phase.system',
};

function item(r: RouteDef, t: (k: MessageKey) => string): Item {
  const label = t(r.labelKey);
  return { key: r.path, label: r.hint ? <span title={t(r.hint)}>{label}</span> : label };
}

/** The menu's items for a role: the home, then one group per phase that has a page for it. */
export function menuItems(role: Role, t: (k: MessageKey) => string): Item[] {
  const mine = routes.filter((r) => r.menu && allowed(r, role));
  const items: Item[] = mine.filter((r) => !r.phase).map((r) => item(r, t));
  for (const phase of NAV_PHASES) {
    const pages = mine.filter((r) => r.phase === phase);
    if (pages.length) items.push({ type: 'group', key: `phase-${phase}`, label: <span data-testid={`nav-phase-${phase}`}>{t(PHASE_KEYS[phase])}</span>, children: pages.map((r) => item(r, t)) });
  }
  return items;
}
