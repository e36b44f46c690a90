// The incidents desk's words on the official forms (违纪记录, 现场督导情况报告 003 附件10, the
// sealed package): kinds of violation (E6, after 技能人才评价违纪违规行为处理工作指引), the
// supervisor's decisions (S8), site events and the door's alarms, in Chinese, keyed by the codes
// the tables store. The screens word the same codes through the renderer's catalogue.
import { LEVEL_ZH } from './vocabulary';

/** E6: what a candidate did (after 技能人才评价违纪违规行为处理工作指引). */
export const CANDIDATE_KINDS = ['prohibited_items', 'crib_notes', 'copying', 'impersonation', 'talking', 'disorder', 'disobedience', 'early_hand_in', 'other'] as const;
export const STAFF_KINDS = ['staff_misconduct', 'other'] as const;
/** Raised by the console itself when a paper bag does not match (E2, E9). */
export const SITE_KINDS = ['paper_bag'] as const;
export const INCIDENT_KINDS = ['prohibited_items', 'crib_notes', 'copying', 'impersonation', 'talking', 'disorder', 'disobedience', 'early_hand_in', 'staff_misconduct', 'paper_bag', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];
export type StaffKind = (typeof STAFF_KINDS)[number];
/**
 * The supervisor's decisions (S8). subject_void voids the session's subject; result_void voids the
 * whole result of the batch; police (移交公安机关) voids the whole result too (serious cheating, E6).
 */
export const DECISIONS = ['none', 'warning', 'subject_void', 'result_void', 'police'] as const;
export type Decision = (typeof DECISIONS)[number];
export const SITE_EVENT_KINDS = ['bag_received', 'equipment_failure', 'papers_sealed', 'briefing'] as const;
export type SiteEventKind = (typeof SITE_EVENT_KINDS)[number];
/** The door's alarms: a second sign-in of the same candidate is possible impersonation. */
/** impersonation_suspect: signed in twice; offline_disagreement: a door device admitted offline someone the console refuses when judging again */
export const ALERT_KINDS = ['impersonation_suspect', 'offline_disagreement'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const INCIDENT_KIND_ZH: Record<IncidentKind, string> = {
  prohibited_items: '携带违禁物品',
  crib_notes: '夹带',
  copying: '抄袭/协助抄袭',
  impersonation: '替考/冒名顶替',
  talking: '交头接耳',
  disorder: '扰乱考场秩序',
  disobedience: '不服从管理',
  early_hand_in: '违规提前交卷',
  staff_misconduct: '考评/管理人员违纪',
  paper_bag: '试卷袋异常',
  other: '其他',
};

export const DECISION_ZH: Record<Decision, string> = {
  none: '不构成违纪',
  warning: '警告',
  subject_void: '该科目成绩无效',
  result_void: '本次认定成绩无效',
  police: '移交公安机关',
};

export const SITE_EVENT_KIND_ZH: Record<SiteEventKind, string> = {
  bag_received: '试卷袋领取核对',
  equipment_failure: '设备故障',
  papers_sealed: '试卷答卷回收封装',
  briefing: '考前工作会议',
};

export const ALERT_KIND_ZH: Record<AlertKind, string> = { impersonation_suspect: '替考/冒名顶替嫌疑', offline_disagreement: '离线签到与考点判定不一致' };

/**
 * The kind's word as SQL (a CASE over the codes), for queries whose rows must carry the Chinese
 * word (the sealed package keeps the shape it always had).
 */
export function incidentKindZhSql(column: string): string {
  const whens = Object.entries(INCIDENT_KIND_ZH).map(([code, zh]) => `WHEN '${code}' THEN '${zh}'`);
  return `CASE ${column} ${whens.join(' ')} ELSE ${column} END`;
}

/** A paper bag's mismatch (E2, E9), as the service records it: a code and its facts. */
export type BagProblem =
  | { reason: 'occupation'; params: { given: string; expected: string; occupation: string } }
  | { reason: 'level'; params: { given: number; expected: number } }
  | { reason: 'count'; params: { given: number; expected: number } }
  | { reason: 'seal'; params?: Record<string, never> };

/** The written incident record of a bag that does not match (a Chinese record, like the proctors' own). */
export function bagProblemZh(p: BagProblem): string {
  const level = (n: number) => LEVEL_ZH[n]?.split('/')[0] ?? String(n);
  switch (p.reason) {
    case 'occupation':
      return `职业不符（袋上 ${p.params.given}，应为 ${p.params.expected} ${p.params.occupation}）`;
    case 'level':
      return `等级不符（袋上 ${level(p.params.given)}，应为 ${level(p.params.expected)}）`;
    case 'count':
      return `份数不足（${p.params.given} 份，本考场 ${p.params.expected} 人）`;
    case 'seal':
      return '密封已破损';
  }
}

export function bagIncidentDescriptionZh(problems: readonly BagProblem[], note: string): string {
  return `试卷袋核对不符：${problems.map(bagProblemZh).join('；')}${note ? `。${note}` : ''}`;
}

/** 003 附件10: four parts, each line with its three options (first = all well). */
export const CHECKLIST = [
  {
    part: '认定方案及保密要求',
    items: [
      { key: 'plan_reviewed', options: ['有认定方案并经审核', '有认定方案未经审核', '无认定方案'] },
      { key: 'plan_followed', options: ['严格执行认定方案', '未严格认定评价方案', '未执行'] },
      { key: 'paper_secrecy', options: ['严格执行试卷保密要求', '未严格执行', '未执行'] },
    ],
  },
  {
    part: '考评人员工作行为',
    items: [
      { key: 'examiner_qualified', options: ['考评员资格符合要求', '部分人不符合', '均不符合'] },
      { key: 'examiner_badge', options: ['全部佩戴考评员证', '部分佩戴', '未佩戴'] },
      { key: 'scoring_standard', options: ['严格按评分标准考评', '未严格按评分标准', '未按评分标准'] },
      { key: 'examiner_conduct', options: ['考评员行为规范', '部分考评员行为规范', '不规范'] },
    ],
  },
  {
    part: '考务流程及考场安排',
    items: [
      { key: 'rules_complete', options: ['考务管理制度健全', '部分健全', '不健全'] },
      { key: 'process_regular', options: ['考务流程操作规范', '部分规范', '不规范'] },
      { key: 'rooms_ready', options: ['考场准备符合规格', '部分符合', '不符合'] },
      { key: 'rooms_managed', options: ['考场管理规范', '部分规范', '不规范'] },
      { key: 'room_order', options: ['考场秩序良好', '一般', '较差'] },
    ],
  },
  {
    part: '考场纪律及违纪问题处理',
    items: [
      { key: 'discipline', options: ['无考场纪律问题', '部分有问题', '有问题'] },
      { key: 'staff_discipline', options: ['无考评、管理人员违纪', '部分有违纪', '全部违纪'] },
      { key: 'staff_handling', options: ['严格执行考评、管理人员违纪处理', '部分执行', '未执行'] },
      { key: 'candidate_handling', options: ['严格执行考生违纪处理', '部分执行', '未执行'] },
    ],
  },
] as const;

export type ChecklistKey = (typeof CHECKLIST)[number]['items'][number]['key'];
export const CHECKLIST_KEYS: ChecklistKey[] = CHECKLIST.flatMap((p) => p.items.map((i) => i.key));
