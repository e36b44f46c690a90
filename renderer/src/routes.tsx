// Pages by path. An area adds its pages here: path, menu label, roles that see it, component.
import type { ComponentType } from 'react';
import type { Role } from '../../electron/commands/api';
import type { MessageKey } from './i18n';
import { AboutPage } from './pages/AboutPage';
import { AuditPage } from './pages/AuditPage';
import { BackupPage } from './pages/records/BackupPage';
import { CasesPage } from './pages/door/CasesPage';
import { DoorArea } from './pages/door/DoorArea';
import { HomePage } from './pages/HomePage';
import { PlanCandidatesPage } from './pages/plan/PlanCandidatesPage';
import { PlanImportPage } from './pages/plan/PlanImportPage';
import { PlanOverviewPage } from './pages/plan/PlanOverviewPage';
import { PlanRoomsPage } from './pages/plan/PlanRoomsPage';
import { PlanStaffPage } from './pages/plan/PlanStaffPage';
import { StaffPage } from './pages/StaffPage';
import { SyncPage } from './pages/sync/SyncPage';
import { SealPage } from './pages/seal/SealPage';
import { DrawPage } from './pages/draw/DrawPage';
import { DrawPrintPage } from './pages/draw/DrawPrintPage';
import { ResultsPrintPage } from './pages/scoring/ResultsPrintPage';
import { DrawScreenPage } from './pages/draw/DrawScreenPage';
import { DutyPage } from './pages/draw/DutyPage';
import { CasesDeskPage } from './pages/incidents/CasesDeskPage';
import { DashboardPage } from './pages/incidents/DashboardPage';
import { IncidentsArea } from './pages/incidents/IncidentsArea';
import { ReportArea } from './pages/incidents/ReportPage';
import { MyCandidatesPage } from './pages/scoring/MyCandidatesPage';
import { PublicationPage } from './pages/scoring/PublicationPage';
import { ResultsPage } from './pages/scoring/ResultsPage';
import { ReviewPage } from './pages/scoring/ReviewPage';
import { SheetPage } from './pages/scoring/SheetPage';
import { StandardsPage } from './pages/scoring/StandardsPage';
import { TheoryPage } from './pages/scoring/TheoryPage';

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
  { path: '/plan', labelKey: 'nav.plan', roles: ['site_head', 'admin', 'supervisor'], component: PlanOverviewPage, menu: true },
  { path: '/plan/import', labelKey: 'plan.tab.import', roles: ['site_head', 'admin'], component: PlanImportPage, menu: false },
  { path: '/plan/candidates', labelKey: 'plan.tab.candidates', roles: ['site_head', 'admin', 'supervisor'], component: PlanCandidatesPage, menu: false },
  { path: '/plan/rooms', labelKey: 'plan.tab.rooms', roles: ['site_head', 'admin', 'supervisor'], component: PlanRoomsPage, menu: false },
  { path: '/plan/staff', labelKey: 'plan.tab.staff', roles: ['site_head', 'admin', 'supervisor'], component: PlanStaffPage, menu: false },
  { path: '/staff', labelKey: 'nav.staff', roles: ['site_head', 'admin', 'supervisor'], component: StaffPage, menu: true },
  { path: '/draw/duty', labelKey: 'nav.duty', roles: ['site_head', 'supervisor'], component: DutyPage, menu: true },
  { path: '/draw', labelKey: 'nav.draw', roles: ['site_head', 'supervisor', 'admin'], component: DrawPage, menu: true },
  { path: '/draw/screen', labelKey: 'draw.screen', roles: ['site_head', 'supervisor', 'admin'], component: DrawScreenPage, menu: false },
  { path: '/draw/print', labelKey: 'draw.print', roles: ['site_head', 'supervisor', 'admin'], component: DrawPrintPage, menu: false },
  { path: '/scoring', labelKey: 'nav.scoring', roles: ['examiner', 'chief_examiner'], component: MyCandidatesPage, menu: true },
  { path: '/scoring/sheet', labelKey: 'nav.scoring', roles: ['examiner', 'chief_examiner'], component: SheetPage, menu: false },
  { path: '/scoring/review', labelKey: 'nav.review', roles: ['chief_examiner', 'site_head', 'supervisor'], component: ReviewPage, menu: true },
  { path: '/scoring/standards', labelKey: 'nav.standards', roles: ['site_head'], component: StandardsPage, menu: true },
  { path: '/theory', labelKey: 'nav.theory', roles: ['score_clerk', 'site_head', 'supervisor'], component: TheoryPage, menu: true },
  { path: '/results', labelKey: 'nav.results', roles: ['site_head', 'supervisor', 'admin', 'score_clerk'], component: ResultsPage, menu: true },
  { path: '/results/print', labelKey: 'nav.results', roles: ['site_head', 'supervisor', 'admin', 'score_clerk'], component: ResultsPrintPage, menu: false },
  { path: '/publication', labelKey: 'nav.publication', roles: ['site_head', 'supervisor', 'score_clerk'], component: PublicationPage, menu: true },
  { path: '/backup', labelKey: 'nav.backup', roles: ['site_head', 'supervisor', 'admin'], component: BackupPage, menu: true },
  { path: '/audit', labelKey: 'nav.audit', roles: ['site_head', 'supervisor', 'admin'], component: AuditPage, menu: true },
  { path: '/seal', labelKey: 'nav.seal', roles: ['site_head', 'supervisor', 'chief_examiner', 'admin'], component: SealPage, menu: true },
  { path: '/sync', labelKey: 'nav.sync', roles: ['site_head', 'admin', 'supervisor'], component: SyncPage, menu: true },
  { path: '/door', labelKey: 'nav.door', roles: ['proctor', 'supervisor', 'site_head'], component: DoorArea, menu: true },
  { path: '/door-cases', labelKey: 'nav.doorCases', roles: ['supervisor', 'site_head'], component: CasesPage, menu: true },
  { path: '/incidents', labelKey: 'nav.incidents', roles: ['proctor', 'examiner', 'chief_examiner', 'supervisor', 'site_head'], component: IncidentsArea, menu: true },
  { path: '/incidents/cases', labelKey: 'nav.incidentCases', roles: ['supervisor', 'site_head'], component: CasesDeskPage, menu: true },
  { path: '/incidents/report', labelKey: 'nav.incidentReport', roles: ['supervisor', 'site_head'], component: ReportArea, menu: true },
  { path: '/incidents/dashboard', labelKey: 'nav.dashboard', roles: ['site_head', 'supervisor'], component: DashboardPage, menu: true },
  { path: '/about', labelKey: 'nav.about', roles: 'all', component: AboutPage, menu: true },
];

export function routeFor(path: string): RouteDef | undefined {
  // longest prefix wins, so /plan/candidates/12 finds /plan/candidates
  return [...routes].sort((a, b) => b.path.length - a.path.length).find((r) => path === r.path || (r.path !== '/' && path.startsWith(`${r.path}/`)));
}

export function allowed(route: RouteDef, role: Role): boolean {
  return route.roles === 'all' || route.roles.includes(role);
}
