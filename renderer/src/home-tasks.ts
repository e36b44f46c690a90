// What each role does on the exam day (DAY.md), as the home page lists it. A task gets a `path`
// when the page that does it exists; until then it shows as coming.
import type { Role } from '../../electron/commands/api';
import type { MessageKey } from './i18n';

export interface DayTask {
  key: MessageKey;
  desc: MessageKey;
  path?: string;
}

const t = (key: MessageKey, desc: MessageKey, path?: string): DayTask => (path ? { key, desc, path } : { key, desc });

export const tasksByRole: Record<Role, DayTask[]> = {
  site_head: [
    t('task.importPlan', 'task.importPlan.desc', '/plan'),
    t('task.backup', 'task.backup.desc', '/backup'),
    t('task.staffPins', 'task.staffPins.desc', '/staff'),
    t('task.duty', 'task.duty.desc', '/draw/duty'),
    t('task.dashboard', 'task.dashboard.desc', '/incidents/dashboard'),
    t('task.results', 'task.results.desc', '/results'),
    t('task.seal', 'task.seal.desc', '/seal'),
    t('task.publish', 'task.publish.desc', '/publication'),
    t('task.sync', 'task.sync.desc', '/sync'),
    t('task.verify', 'task.verify.desc', '/audit'),
  ],
  proctor: [t('task.door', 'task.door.desc', '/door'), t('task.handIn', 'task.handIn.desc'), t('task.incident', 'task.incident.desc', '/incidents')],
  examiner: [t('task.score', 'task.score.desc', '/scoring'), t('task.incident', 'task.incident.desc', '/incidents')],
  chief_examiner: [t('task.score', 'task.score.desc', '/scoring'), t('task.panelReview', 'task.panelReview.desc', '/scoring/review')],
  supervisor: [t('task.duty', 'task.duty.desc', '/draw/duty'), t('task.rule', 'task.rule.desc', '/incidents/cases'), t('task.report', 'task.report.desc', '/incidents/report'), t('task.verify', 'task.verify.desc', '/audit')],
  score_clerk: [t('task.scoreEntry', 'task.scoreEntry.desc', '/theory')],
  admin: [t('task.staffPins', 'task.staffPins.desc', '/staff'), t('task.verify', 'task.verify.desc', '/audit'), t('task.about', 'task.about.desc', '/about')],
};
