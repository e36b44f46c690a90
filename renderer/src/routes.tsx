// Pages by path. An area adds its pages here: path, menu label, roles that see it, component.
import { splitPath } from './router';
import { lazy, type ComponentType } from 'react';
import type { Role } from '../../electron/commands/api';
import type { MessageKey } from './i18n';

// Every page but the home is its own chunk, loaded when first opened: the door does not download the
// seal, the charts or the plan import (App renders them under Suspense).
const AboutPage = lazy(() => import('./pages/AboutPage').then((m) => ({ default: m.AboutPage })));
const AuditPage = lazy(() => import('./pages/AuditPage').then((m) => ({ default: m.AuditPage })));
const HomePage = lazy(() => import('./pages/HomePage').then((m) => ({ default: m.HomePage })));
const CasesPage = lazy(() => import('./pages/door/CasesPage').then((m) => ({ default: m.CasesPage })));
const DoorArea = lazy(() => import('./pages/door/DoorArea').then((m) => ({ default: m.DoorArea })));
const PlanCandidatesPage = lazy(() => import('./pages/plan/PlanCandidatesPage').then((m) => ({ default: m.PlanCandidatesPage })));
const PlanImportPage = lazy(() => import('./pages/plan/PlanImportPage').then((m) => ({ default: m.PlanImportPage })));
const PlanOverviewPage = lazy(() => import('./pages/plan/PlanOverviewPage').then((m) => ({ default: m.PlanOverviewPage })));
const PlanRoomsPage = lazy(() => import('./pages/plan/PlanRoomsPage').then((m) => ({ default: m.PlanRoomsPage })));
const PlanStaffPage = lazy(() => import('./pages/plan/PlanStaffPage').then((m) => ({ default: m.PlanStaffPage })));
const StaffPage = lazy(() => import('./pages/StaffPage').then((m) => ({ default: m.StaffPage })));
const SyncPage = lazy(() => import('./pages/sync/SyncPage').then((m) => ({ default: m.SyncPage })));
const SealPage = lazy(() => import('./pages/seal/SealPage').then((m) => ({ default: m.SealPage })));
const DrawPage = lazy(() => import('./pages/draw/DrawPage').then((m) => ({ default: m.DrawPage })));
const DrawPrintPage = lazy(() => import('./pages/draw/DrawPrintPage').then((m) => ({ default: m.DrawPrintPage })));
const ResultsPrintPage = lazy(() => import('./pages/scoring/ResultsPrintPage').then((m) => ({ default: m.ResultsPrintPage })));
const DrawScreenPage = lazy(() => import('./pages/draw/DrawScreenPage').then((m) => ({ default: m.DrawScreenPage })));
const DutyPage = lazy(() => import('./pages/draw/DutyPage').then((m) => ({ default: m.DutyPage })));
const CasesDeskPage = lazy(() => import('./pages/incidents/CasesDeskPage').then((m) => ({ default: m.CasesDeskPage })));
const DashboardPage = lazy(() => import('./pages/incidents/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const IncidentsArea = lazy(() => import('./pages/incidents/IncidentsArea').then((m) => ({ default: m.IncidentsArea })));
const ReportArea = lazy(() => import('./pages/incidents/ReportPage').then((m) => ({ default: m.ReportArea })));
const MyCandidatesPage = lazy(() => import('./pages/scoring/MyCandidatesPage').then((m) => ({ default: m.MyCandidatesPage })));
const PublicationPage = lazy(() => import('./pages/scoring/PublicationPage').then((m) => ({ default: m.PublicationPage })));
const ResultsPage = lazy(() => import('./pages/scoring/ResultsPage').then((m) => ({ default: m.ResultsPage })));
const ReviewPage = lazy(() => import('./pages/scoring/ReviewPage').then((m) => ({ default: m.ReviewPage })));
const SheetPage = lazy(() => import('./pages/scoring/SheetPage').then((m) => ({ default: m.SheetPage })));
const StandardsPage = lazy(() => import('./pages/scoring/StandardsPage').then((m) => ({ default: m.StandardsPage })));
const TheoryPage = lazy(() => import('./pages/scoring/TheoryPage').then((m) => ({ default: m.TheoryPage })));
const RecordsArea = lazy(() => import('./pages/records/RecordsArea').then((m) => ({ default: m.RecordsArea })));
const DevicesPage = lazy(() => import('./pages/devices/DevicesPage').then((m) => ({ default: m.DevicesPage })));
const PairPage = lazy(() => import('./pages/devices/PairPage').then((m) => ({ default: m.PairPage })));
const CardReadersPage = lazy(() => import('./pages/door/cardreader/ProfilesPage').then((m) => ({ default: m.ProfilesPage })));
const BackupPage = lazy(() => import('./pages/records/BackupPage').then((m) => ({ default: m.BackupPage })));

/** The phases of the exam day the menu groups its pages by (the home stands above them). */
export const NAV_PHASES = ['prep', 'exam', 'results', 'seal', 'system'] as const;
export type NavPhase = (typeof NAV_PHASES)[number];

export interface RouteDef {
  path: string;
  labelKey: MessageKey;
  roles: readonly Role[] | 'all';
  component: ComponentType;
  /** shown in the side menu (detail pages are not) */
  menu: boolean;
  /** the menu group; menu pages other than the home have one */
  phase?: NavPhase;
  /** the menu item's tooltip: what the page is for, with the rules it keeps (rule ids live here, not in titles) */
  hint?: MessageKey;
}

export const routes: RouteDef[] = [
  { path: '/', labelKey: 'nav.home', roles: 'all', component: HomePage, menu: true },
  { path: '/plan', labelKey: 'nav.plan', roles: ['site_head', 'admin', 'supervisor'], component: PlanOverviewPage, menu: true, phase: 'prep', hint: 'nav.hint.plan' },
  { path: '/plan/import', labelKey: 'plan.tab.import', roles: ['site_head', 'admin'], component: PlanImportPage, menu: false },
  { path: '/plan/candidates', labelKey: 'plan.tab.candidates', roles: ['site_head', 'admin', 'supervisor'], component: PlanCandidatesPage, menu: false },
  { path: '/plan/rooms', labelKey: 'plan.tab.rooms', roles: ['site_head', 'admin', 'supervisor'], component: PlanRoomsPage, menu: false },
  { path: '/plan/staff', labelKey: 'plan.tab.staff', roles: ['site_head', 'admin', 'supervisor'], component: PlanStaffPage, menu: false },
  { path: '/staff', labelKey: 'nav.staff', roles: ['site_head', 'admin', 'supervisor'], component: StaffPage, menu: true, phase: 'prep' },
  { path: '/draw/duty', labelKey: 'nav.duty', roles: ['site_head', 'supervisor'], component: DutyPage, menu: true, phase: 'prep', hint: 'nav.hint.duty' },
  { path: '/draw', labelKey: 'nav.draw', roles: ['site_head', 'supervisor', 'admin'], component: DrawPage, menu: true, phase: 'prep', hint: 'nav.hint.draw' },
  { path: '/draw/screen', labelKey: 'draw.screen', roles: ['site_head', 'supervisor', 'admin'], component: DrawScreenPage, menu: false },
  { path: '/draw/print', labelKey: 'draw.print', roles: ['site_head', 'supervisor', 'admin'], component: DrawPrintPage, menu: false },
  { path: '/scoring', labelKey: 'nav.scoring', roles: ['examiner', 'chief_examiner'], component: MyCandidatesPage, menu: true, phase: 'results', hint: 'nav.hint.scoring' },
  { path: '/scoring/sheet', labelKey: 'nav.scoring', roles: ['examiner', 'chief_examiner'], component: SheetPage, menu: false },
  { path: '/scoring/review', labelKey: 'nav.review', roles: ['chief_examiner', 'site_head', 'supervisor'], component: ReviewPage, menu: true, phase: 'results', hint: 'nav.hint.review' },
  { path: '/scoring/standards', labelKey: 'nav.standards', roles: ['site_head'], component: StandardsPage, menu: true, phase: 'prep', hint: 'nav.hint.standards' },
  { path: '/theory', labelKey: 'nav.theory', roles: ['score_clerk', 'site_head', 'supervisor'], component: TheoryPage, menu: true, phase: 'results', hint: 'nav.hint.theory' },
  { path: '/results', labelKey: 'nav.results', roles: ['site_head', 'supervisor', 'admin', 'score_clerk'], component: ResultsPage, menu: true, phase: 'results', hint: 'nav.hint.results' },
  { path: '/results/print', labelKey: 'nav.results', roles: ['site_head', 'supervisor', 'admin', 'score_clerk'], component: ResultsPrintPage, menu: false },
  { path: '/publication', labelKey: 'nav.publication', roles: ['site_head', 'supervisor', 'score_clerk'], component: PublicationPage, menu: true, phase: 'seal', hint: 'nav.hint.publication' },
  { path: '/backup', labelKey: 'nav.backup', roles: ['site_head', 'supervisor', 'admin'], component: BackupPage, menu: true, phase: 'system' },
  { path: '/audit', labelKey: 'nav.audit', roles: ['site_head', 'supervisor', 'admin'], component: AuditPage, menu: true, phase: 'system', hint: 'nav.hint.audit' },
  { path: '/seal', labelKey: 'nav.seal', roles: ['site_head', 'supervisor', 'chief_examiner', 'admin'], component: SealPage, menu: true, phase: 'seal', hint: 'nav.hint.seal' },
  { path: '/sync', labelKey: 'nav.sync', roles: ['site_head', 'admin', 'supervisor'], component: SyncPage, menu: true, phase: 'seal', hint: 'nav.hint.sync' },
  { path: '/door', labelKey: 'nav.door', roles: ['proctor', 'supervisor', 'site_head'], component: DoorArea, menu: true, phase: 'exam', hint: 'nav.hint.door' },
  { path: '/card-readers', labelKey: 'nav.cardReaders', roles: ['site_head'], component: CardReadersPage, menu: true, phase: 'prep' },
  { path: '/devices', labelKey: 'devices.menu', roles: ['site_head'], component: DevicesPage, menu: true, phase: 'prep' },
  { path: '/pair', labelKey: 'pair.title', roles: 'all', component: PairPage, menu: false },
  { path: '/door-cases', labelKey: 'nav.doorCases', roles: ['supervisor', 'site_head'], component: CasesPage, menu: true, phase: 'exam', hint: 'nav.hint.doorCases' },
  { path: '/incidents', labelKey: 'nav.incidents', roles: ['proctor', 'examiner', 'chief_examiner', 'supervisor', 'site_head'], component: IncidentsArea, menu: true, phase: 'exam', hint: 'nav.hint.incidents' },
  { path: '/incidents/cases', labelKey: 'nav.incidentCases', roles: ['supervisor', 'site_head'], component: CasesDeskPage, menu: true, phase: 'exam', hint: 'nav.hint.cases' },
  { path: '/incidents/report', labelKey: 'nav.incidentReport', roles: ['supervisor', 'site_head'], component: ReportArea, menu: true, phase: 'exam', hint: 'nav.hint.report' },
  { path: '/incidents/dashboard', labelKey: 'nav.dashboard', roles: ['site_head', 'supervisor'], component: DashboardPage, menu: true, phase: 'exam', hint: 'nav.hint.dashboard' },
  { path: '/records', labelKey: 'nav.records', roles: ['site_head', 'supervisor', 'admin'], component: RecordsArea, menu: true, phase: 'seal', hint: 'nav.hint.records' },
  { path: '/about', labelKey: 'nav.about', roles: 'all', component: AboutPage, menu: true, phase: 'system' },
];

export function routeFor(path: string): RouteDef | undefined {
  // the page without its parameters: a signed-in tablet opening a pairing QR (#/pair?code=…) finds /pair
  const bare = splitPath(path).page;
  // longest prefix wins, so /plan/candidates/12 finds /plan/candidates
  return [...routes].sort((a, b) => b.path.length - a.path.length).find((r) => bare === r.path || (r.path !== '/' && bare.startsWith(`${r.path}/`)));
}

export function allowed(route: RouteDef, role: Role): boolean {
  return route.roles === 'all' || route.roles.includes(role);
}
