// The domain's vocabulary: the Chinese words of the official forms (xlsx, print, the plan
// workbook) and the site's time zone, defined once. The UI words the same codes through the
// renderer's catalogue; only forms and files that must be in Chinese use these.

/** The site's clock is Beijing time (UTC+8, no daylight saving): dates and times on forms are local to it. */
export const SITE_UTC_OFFSET_MS = 8 * 3600_000;
export const SITE_UTC_OFFSET = '+08:00';

/** The site's local wall time of an instant, as an ISO string without offset (YYYY-MM-DDTHH:mm:ss.sss). */
export function siteLocalIso(at: Date | string): string {
  return new Date(new Date(at).getTime() + SITE_UTC_OFFSET_MS).toISOString().slice(0, 23);
}

/** The site's calendar date (YYYY-MM-DD) of an instant. */
export function siteDate(at: Date | string): string {
  return siteLocalIso(at).slice(0, 10);
}

/** The site's local time as 'YYYY-MM-DD HH:mm'. */
export function siteMinute(at: Date | string): string {
  return siteLocalIso(at).slice(0, 16).replace('T', ' ');
}

/** P8: the eight accepted identity documents. */
export const DOC_TYPES = [
  '居民身份证',
  '社保卡',
  '居住证',
  '港澳居民来往内地通行证',
  '台湾居民来往大陆通行证',
  '港澳台居民居住证',
  '外国护照',
  '外国人永久居留身份证',
] as const;

export const ORG_TYPES = ['technical_school', 'vocational_school', 'enterprise', 'social_org'] as const;
export const ORG_TYPE_ZH: Record<(typeof ORG_TYPES)[number], string> = {
  technical_school: '技工院校',
  vocational_school: '职业学校',
  enterprise: '自主评价企业',
  social_org: '社会培训评价组织',
};

/** P6: subject kinds and the modes each allows. */
export const SUBJECT_KINDS = ['theory', 'skill', 'review'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export const SUBJECT_KIND_ZH: Record<SubjectKind, string> = { theory: '理论知识考试', skill: '技能操作考核', review: '综合评审' };
/** the short forms the seeds' tables use (认定科目: 理论 / 技能 / 综合) */
/** the wording of results forms (成绩: 理论知识 / 操作技能 / 综合评审) */
export const SUBJECT_KIND_RESULT_ZH: Record<SubjectKind, string> = { theory: '理论知识', skill: '操作技能', review: '综合评审' };
export const SUBJECT_KIND_SHORT_ZH: Record<SubjectKind, string> = { theory: '理论', skill: '技能', review: '综合' };
export const MODES = ['paper', 'computer', 'practical', 'oral', 'project', 'record'] as const;
export type Mode = (typeof MODES)[number];
export const MODE_ZH: Record<Mode, string> = {
  paper: '纸笔作答',
  computer: '上机考试',
  practical: '实际操作',
  oral: '口头答辩',
  project: '项目评定',
  record: '业绩评审',
};
export const MODES_ALLOWED: Record<SubjectKind, readonly Mode[]> = {
  theory: ['paper', 'computer'],
  skill: ['paper', 'computer', 'practical'],
  review: ['paper', 'computer', 'oral', 'project', 'record'],
};

export const ROOM_KINDS = ['theory', 'computer', 'skill', 'review'] as const;
export const ROOM_KIND_ZH: Record<(typeof ROOM_KINDS)[number], string> = { theory: '理论考场', computer: '机房', skill: '技能考场', review: '综合评审考场' };

/** P3: level names (1 = the highest). */
export const LEVEL_ZH: Record<number, string> = { 1: '一级/高级技师', 2: '二级/技师', 3: '三级/高级工', 4: '四级/中级工', 5: '五级/初级工' };

/** Roles a plan may give staff (S1); the three S7 keeps apart are proctor, examiner (with chief) and supervisor. */
export const PLAN_ROLES = ['proctor', 'examiner', 'chief_examiner', 'supervisor', 'score_clerk'] as const;
export type PlanRole = (typeof PLAN_ROLES)[number];
export const PLAN_ROLE_ZH: Record<PlanRole, string> = {
  proctor: '监考人员',
  examiner: '考评员',
  chief_examiner: '考评组长',
  supervisor: '督导员',
  score_clerk: '登分人员',
};
export const EXAMINER_GRADES = ['examiner', 'senior'] as const;
export const EXAMINER_GRADE_ZH: Record<(typeof EXAMINER_GRADES)[number], string> = { examiner: '考评员', senior: '高级考评员' };


/** G1/G6: a subject's result on the results forms when it has no score. */
export const SUBJECT_RESULT_ZH = { absent: '缺考', void: '成绩无效', pending: '待定' } as const;
/** G1: a candidate's outcome on the forms. */
export const OUTCOME_ZH = { passed: '通过', failed: '不通过', absent: '缺考', void: '成绩无效', pending: '待定' } as const;

const RESULT_HOLD_ZH: Record<string, (p: Record<string, string | number>) => string> = {
  theoryUnconfirmed: () => '理论成绩尚未确认（G2/G4）',
  paperMismatch: () => '两次登分不一致，待核对试卷（G4）',
  panelTooFew: () => '评分表不足 3 份（S5：每名考生至少 3 名考评员评分）',
  panelEven: () => '评分表份数为偶数（S5：考评员须为 3 人以上单数）',
  panelWaiting: (p) => `考评组尚有 ${p.waiting} 名考评员未提交评分表`,
  spreadReview: (p) => `考评员评分相差 ${p.spread} 分，超过 ${p.threshold} 分，待考评组长复核`,
  theoryCorrection: () => '异议成立，理论成绩更正中（双人录入或重新确认导入，G4/G2）',
  panelRescoring: (p) => {
    const then = typeof p.then === 'string' ? p.then.replace(/^@results\.hold\./, '') : '';
    return `异议成立，考评组第 ${p.round} 轮重新评分中${then ? `：${resultHoldZh(then, p)}` : ''}`;
  },
};

/** G6: why a subject has no score yet, as the results forms write it (the screens word the code). */
export function resultHoldZh(code: string, params: Record<string, string | number>): string {
  return RESULT_HOLD_ZH[code]?.(params) ?? code;
}

/** 职业（工种）: the occupation with its work type in brackets when it has one (P2). */
export function occupationZh(occupation: string, workType: string | null): string {
  return workType ? `${occupation}（${workType}）` : occupation;
}

/** G3: an item the candidate did not attempt (缺项) on the 评分记录表. */
export const ITEM_MISSING_ZH = '缺项';
