// DOMAIN A2/A3: the classes of material the console keeps per batch, and how long each is kept.
// The figures are the seeds' minimums (“不少于”): Shandong keeps electronic material ≥ 5 years
// (001 §七: paper ≥ 3, electronic ≥ 5; the console holds only electronic copies); Zhejiang keeps
// papers, registration material and on-site footage ≥ 1 year, review material, score summaries and
// supervision records ≥ 3 years and the certificate register ≥ 30 years (003 §八(二)).
import type { ReadSqlite, Sqlite } from '../../../db';
import { AppError } from '../errors';

export const MATERIAL_CLASSES = ['registration', 'signin', 'exam_records', 'scoring', 'supervision', 'certificates'] as const;
export type MaterialClass = (typeof MATERIAL_CLASSES)[number];

export function isMaterialClass(x: string): x is MaterialClass {
  return (MATERIAL_CLASSES as readonly string[]).includes(x);
}

/** The seeds' names of the material (资料分类名称), as the ledger writes them. */
export const CLASS_ZH: Record<MaterialClass, string> = {
  registration: '认定报名材料（考生信息与照片）',
  signin: '现场签到表与现场照片',
  exam_records: '智能化考试过程操作记录',
  scoring: '评分表、成绩汇总表与公示文件',
  supervision: '督导报告、违纪记录与抽签记录',
  certificates: '发证名册、封存包、平台回执与审计记录',
};

export const PROVINCES = ['SD', 'ZJ'] as const;
export type Province = (typeof PROVINCES)[number];
export const PROVINCE_ZH: Record<Province, string> = { SD: '山东省', ZJ: '浙江省' };

/** A3: minimum years per class and province (see the header for the sources). */
export const SEED_YEARS: Record<Province, Record<MaterialClass, number>> = {
  SD: { registration: 5, signin: 5, exam_records: 5, scoring: 5, supervision: 5, certificates: 5 },
  ZJ: { registration: 1, signin: 1, exam_records: 1, scoring: 3, supervision: 3, certificates: 30 },
};

/** Overrides may lengthen a period up to this, never shorten it below the seed's minimum. */
export const MAX_YEARS = 100;

/**
 * Destruction order: the certificate register (with the sealed packages and the audit payloads
 * that name candidates) goes last, because the candidate rows the others reference go with it.
 */
export function blockersOf(cls: MaterialClass, destroyed: ReadonlySet<MaterialClass>): MaterialClass[] {
  if (cls !== 'certificates') return [];
  return MATERIAL_CLASSES.filter((c) => c !== 'certificates' && !destroyed.has(c));
}

export interface RetentionPolicy {
  province: Province;
  years: Record<MaterialClass, number>;
  /** the seed's minimum per class for the province */
  minimum: Record<MaterialClass, number>;
}

function setting(sqlite: ReadSqlite, key: string): string | undefined {
  return (sqlite.prepare('SELECT value FROM retention_settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function retentionPolicy(sqlite: ReadSqlite): RetentionPolicy {
  const p = setting(sqlite, 'province');
  const province: Province = p === 'ZJ' ? 'ZJ' : 'SD';
  const minimum = SEED_YEARS[province];
  const years = { ...minimum };
  for (const c of MATERIAL_CLASSES) {
    const v = Number(setting(sqlite, `years.${c}`));
    if (Number.isInteger(v) && v >= minimum[c] && v <= MAX_YEARS) years[c] = v;
  }
  return { province, years, minimum };
}

export interface PolicyInput {
  province: Province;
  /** per class; a class left out keeps the seed's minimum */
  years?: Partial<Record<MaterialClass, number>> | undefined;
}

/** Sets the province and the overrides; refuses a period shorter than the seed allows (A3). */
export function setRetentionPolicy(sqlite: Sqlite, input: PolicyInput, at: string, by: number | null): RetentionPolicy {
  const minimum = SEED_YEARS[input.province];
  for (const [c, v] of Object.entries(input.years ?? {})) {
    // the refusal names the field (`years.<class>`) the settings page shows it under
    if (!isMaterialClass(c)) throw new AppError('BAD_INPUT', 'records.unknownClass', { class: c, field: `years.${c}` });
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < minimum[c] || v > MAX_YEARS) {
      throw new AppError('BAD_INPUT', 'records.yearsOutOfRange', { class: `@records.class.${c}`, min: minimum[c], max: MAX_YEARS, province: `@records.province.${input.province}`, field: `years.${c}` });
    }
  }
  const put = sqlite.prepare('INSERT INTO retention_settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by');
  put.run('province', input.province, at, by);
  sqlite.prepare("DELETE FROM retention_settings WHERE key LIKE 'years.%'").run();
  for (const c of MATERIAL_CLASSES) {
    const v = input.years?.[c];
    if (v !== undefined && v !== minimum[c]) put.run(`years.${c}`, String(v), at, by);
  }
  return retentionPolicy(sqlite);
}

/** The day a class of a batch may be destroyed: the exam date plus the period, in calendar years. */
export function dueOn(examDate: string, years: number): string {
  const [y, m, d] = examDate.split('-').map(Number) as [number, number, number];
  const due = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February on a year without one: the period ends on 1 March
  return due.toISOString().slice(0, 10);
}
