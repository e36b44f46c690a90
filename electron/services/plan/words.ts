// The words a clerk types in the plan workbook, read as the codes the package holds: levels
// (P3), subject kinds, modes, room kinds, organisation types, roles and grades (the vocabulary's
// Chinese words and the variants the provinces' forms use), dates and times, lists in one cell.
import {
  EXAMINER_GRADE_ZH,
  MODE_ZH,
  ORG_TYPE_ZH,
  PLAN_ROLE_ZH,
  ROOM_KIND_ZH,
  SUBJECT_KIND_SHORT_ZH,
  SUBJECT_KIND_ZH,
  type Mode,
  type PlanRole,
  type SubjectKind,
} from './format';
import { SITE_UTC_OFFSET } from '../../domain/vocabulary';

const pad = (n: number) => String(n).padStart(2, '0');

export const splitList = (s: string) =>
  s
    .split(/[、,，;；/\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };
const LEVEL_TITLES: Record<string, number> = { 高级技师: 1, 技师: 2, 高级工: 3, 中级工: 4, 初级工: 5 };

/** P3: "4", "四级", "四级/中级工", "中级工" → 4. */
export function parseLevel(s: string): number | null {
  const t = s.replace(/\s/g, '');
  if (/^[1-5]$/.test(t)) return Number(t);
  const m = /^([1-5一二三四五])级/.exec(t);
  if (m) return CN_DIGITS[m[1]!] ?? Number(m[1]);
  return LEVEL_TITLES[t] ?? null;
}

function fromZh<K extends string>(map: Record<K, string>, s: string, extra: Record<string, K> = {}): K | null {
  const t = s.replace(/\s/g, '');
  for (const [k, v] of Object.entries(map) as [K, string][]) if (v === t || k === t) return k;
  return extra[t] ?? null;
}

const KIND_EXTRA: Record<string, SubjectKind> = {
  理论知识: 'theory',
  理论考试: 'theory',
  技能操作: 'skill',
  技能考核: 'skill',
  实操: 'skill',
  综合评审: 'review',
};
export const parseKind = (s: string): SubjectKind | null => fromZh(SUBJECT_KIND_ZH, s, { ...KIND_EXTRA, ...invert(SUBJECT_KIND_SHORT_ZH) });
export const parseMode = (s: string): Mode | null => fromZh(MODE_ZH, s, { 机考: 'computer', 笔试: 'paper', 实际操作考核: 'practical' });
export const parseRoomKind = (s: string) => fromZh(ROOM_KIND_ZH, s, { 理论: 'theory', 技能: 'skill', 计算机房: 'computer', 综合评审: 'review', 实操考场: 'skill' });
export const parseOrgType = (s: string) => fromZh(ORG_TYPE_ZH, s, { 技工学校: 'technical_school', 技师学院: 'technical_school', 企业: 'enterprise', 社评组织: 'social_org', 社会化评价组织: 'social_org' });
export const parseRole = (s: string): PlanRole | null => fromZh(PLAN_ROLE_ZH, s, { 监考: 'proctor', 监考员: 'proctor', 考务人员: 'proctor', 考评组长: 'chief_examiner', 质量督导员: 'supervisor', 内部质量督导员: 'supervisor', 督导: 'supervisor', 登分: 'score_clerk', 统分人: 'score_clerk' });
export const parseGrade = (s: string) => fromZh(EXAMINER_GRADE_ZH, s, { 高级: 'senior' });

function invert<K extends string>(m: Record<K, string>): Record<string, K> {
  const out: Record<string, K> = {};
  for (const [k, v] of Object.entries(m) as [K, string][]) out[v] = k;
  return out;
}

/** "2026-05-21 09:00", "2026/5/21 9:00" or ISO with offset → ISO 8601 at +08:00 (Beijing time). */
export function parseDateTime(s: string): string | null {
  const t = s.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$/.test(t)) return Number.isNaN(Date.parse(t)) ? null : t;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?[\sT]+(\d{1,2})[:：](\d{2})(?::(\d{2}))?$/.exec(t);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec] = m;
  const iso = `${y}-${pad(Number(mo))}-${pad(Number(d))}T${pad(Number(h))}:${mi}:${sec ?? '00'}${SITE_UTC_OFFSET}`;
  return Number.isNaN(Date.parse(iso)) || Number(h) > 23 ? null : iso;
}

export function parseDate(s: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s.trim()) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const iso = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
}
