// The catalogues of the incidents desk as codes: kinds of violation (E6), the supervisor's
// decisions (S8), site events (E1, E2, E7, E8) and the checklist of 003 附件10. The screens word
// the codes through the renderer's catalogue; the forms through electron/domain/incidents.ts.

import { CANDIDATE_KINDS, DECISIONS, SITE_EVENT_KINDS, SITE_KINDS, STAFF_KINDS, type Decision, type IncidentKind, type IncidentSubjectType } from '../../../db/schema/incidents';
export { CHECKLIST, CHECKLIST_KEYS, type ChecklistKey } from '../../domain/incidents';
export { CANDIDATE_KINDS, DECISIONS, SITE_EVENT_KINDS as EVENT_KINDS, STAFF_KINDS, type Decision };

/** A ruling on a staff member or a site incident touches no candidate's result. */
export const NON_CANDIDATE_DECISIONS: readonly Decision[] = ['none', 'warning', 'police'];

const KINDS_OF: Record<IncidentSubjectType, readonly IncidentKind[]> = { candidate: CANDIDATE_KINDS, staff: STAFF_KINDS, site: SITE_KINDS };

/** Whether a kind belongs to the subject's catalogue (a staff member cannot be recorded for crib notes). */
export function kindFits(subjectType: IncidentSubjectType, kind: string): kind is IncidentKind {
  return (KINDS_OF[subjectType] as readonly string[]).includes(kind);
}

/** What the forms offer: codes only, worded by the renderer. */
export function catalogueCodes() {
  return { candidateKinds: CANDIDATE_KINDS, staffKinds: STAFF_KINDS, decisions: DECISIONS, nonCandidateDecisions: NON_CANDIDATE_DECISIONS, events: SITE_EVENT_KINDS };
}
