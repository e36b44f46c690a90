// Pages by path. An area adds its pages here: path, menu label, roles that see it, component.
import type { ComponentType } from 'react';
import type { Role } from '../../electron/commands/api';
import type { MessageKey } from './i18n';
import { AboutPage } from './pages/AboutPage';
import { AuditPage } from './pages/AuditPage';
import { CasesPage } from './pages/door/CasesPage';
import { DoorArea } from './pages/door/DoorArea';
import { HomePage } from './pages/HomePage';
import { StaffPage } from './pages/StaffPage';

export interface RouteDef {
  path: string;
  labelKey: MessageKey;
  roles: readonly Role[] | 'all';
  component: ComponentType;
  /** shown in the side menu (detail pages are not) */
  menu: boolean;
}

export const routes: RouteDef[] = [
  { path: '/', labelKey: 'nav.home', roles: 'all', component: HomePage, menu: true },
  { path: '/staff', labelKey: 'nav.staff', roles: ['site_head', 'admin', 'supervisor'], component: StaffPage, menu: true },
  { path: '/audit', labelKey: 'nav.audit', roles: ['site_head', 'supervisor', 'admin'], component: AuditPage, menu: true },
  { path: '/door', labelKey: 'nav.door', roles: ['proctor', 'supervisor', 'site_head'], component: DoorArea, menu: true },
  { path: '/door-cases', labelKey: 'nav.doorCases', roles: ['supervisor', 'site_head'], component: CasesPage, menu: true },
  { path: '/about', labelKey: 'nav.about', roles: 'all', component: AboutPage, menu: true },
];

export function routeFor(path: string): RouteDef | undefined {
  // longest prefix wins, so /plan/candidates/12 finds /plan/candidates
  return [...routes].sort((a, b) => b.path.length - a.path.length).find((r) => path === r.path || (r.path !== '/' && path.startsWith(`${r.path}/`)));
}

export function allowed(route: RouteDef, role: Role): boolean {
  return route.roles === 'all' || route.roles.includes(role);
}
