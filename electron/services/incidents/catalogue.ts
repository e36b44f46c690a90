// The catalogues of the incidents desk: kinds of violation (E6, after 技能人才评价违纪违规行为处理工作指引),
// the supervisor's decisions (S8), site events (E1, E2, E7, E8) and the checklist of 003 附件10.

export const CANDIDATE_KINDS = {
  prohibited_items: '携带违禁物品',
  crib_notes: '夹带',
  copying: '抄袭/协助抄袭',
  impersonation: '替考/冒名顶替',
  talking: '交头接耳',
  disorder: '扰乱考场秩序',
  disobedience: '不服从管理',
  early_hand_in: '违规提前交卷',
  other: '其他',
} as const;

export const STAFF_KINDS = { staff_misconduct: '考评/管理人员违纪', other: '其他' } as const;

/** Raised by the console itself when a paper bag does not match (E2, E9). */
export const SITE_KINDS = { paper_bag: '试卷袋异常' } as const;

export type CandidateKind = keyof typeof CANDIDATE_KINDS;
export type StaffKind = keyof typeof STAFF_KINDS;

export function kindZh(subjectType: 'candidate' | 'staff' | 'site', kind: string): string | null {
  const table: Record<string, string> = subjectType === 'candidate' ? CANDIDATE_KINDS : subjectType === 'staff' ? STAFF_KINDS : SITE_KINDS;
  return table[kind] ?? null;
}

/**
 * The supervisor's decisions. Results (issue 7) read them from incident_rulings: subject_void voids
 * the session's subject; result_void voids the whole result of the batch; police (移交公安机关)
 * voids the whole result too (serious cheating, E6: the seeds give no lighter case).
 */
export const DECISIONS = {
  none: '不构成违纪',
  warning: '警告',
  subject_void: '该科目成绩无效',
  result_void: '本次认定成绩无效',
  police: '移交公安机关',
} as const;
export type Decision = keyof typeof DECISIONS;
export const DECISION_CODES = Object.keys(DECISIONS) as [Decision, ...Decision[]];
/** A ruling on a staff member or a site incident touches no candidate's result. */
export const NON_CANDIDATE_DECISIONS: readonly Decision[] = ['none', 'warning', 'police'];

export const EVENT_KINDS = {
  bag_received: '试卷袋领取核对',
  equipment_failure: '设备故障',
  papers_sealed: '试卷答卷回收封装',
  briefing: '考前工作会议',
} as const;
export type EventKind = keyof typeof EVENT_KINDS;

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
export const CHECKLIST_KEYS = CHECKLIST.flatMap((p) => p.items.map((i) => i.key)) as ChecklistKey[];
