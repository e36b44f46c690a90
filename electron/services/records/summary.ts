// DOMAIN A5 (001 §八 年度工作总结): the year's figures per occupation and level: candidates
// evaluated (认定人次), passed, certificates issued (取证人次) and the pass rate. A batch whose data
// was destroyed counts with the figures its archive kept.
import type { ReadSqlite } from '../../../db';
import { LEVEL_ZH } from '../../domain/vocabulary';
import { batchFigures, type BatchFigures } from './figures';
import type { FormTable } from './pdf';

export interface SummaryRow {
  occupation: string;
  workType: string | null;
  level: number;
  batches: number;
  evaluated: number;
  passed: number;
  certified: number;
  /** passed / evaluated, 0..1; null when nobody was evaluated */
  passRate: number | null;
}

export interface YearlySummary {
  year: number;
  batches: { id: number; planCode: string; name: string; examDate: string; source: 'live' | 'archive' }[];
  rows: SummaryRow[];
  totals: { occupations: number; levels: number; evaluated: number; passed: number; certified: number; passRate: number | null };
}

const rate = (p: number, e: number) => (e > 0 ? Math.round((p / e) * 10000) / 10000 : null);

export function summaryYears(sqlite: ReadSqlite): number[] {
  return (sqlite.prepare("SELECT DISTINCT CAST(substr(exam_date, 1, 4) AS INTEGER) AS y FROM batches ORDER BY y DESC").all() as { y: number }[]).map((r) => r.y);
}

export function yearlySummary(sqlite: ReadSqlite, year: number): YearlySummary {
  const list = sqlite.prepare("SELECT id, plan_code AS planCode, name, exam_date AS examDate FROM batches WHERE substr(exam_date, 1, 4) = ? ORDER BY exam_date, id").all(String(year)) as { id: number; planCode: string; name: string; examDate: string }[];
  const batches: YearlySummary['batches'] = [];
  const all: BatchFigures[] = [];
  for (const b of list) {
    const live = (sqlite.prepare('SELECT COUNT(*) AS n FROM candidates WHERE batch_id = ?').get(b.id) as { n: number }).n > 0;
    const kept = sqlite.prepare('SELECT figures FROM archives WHERE batch_id = ? ORDER BY id DESC LIMIT 1').get(b.id) as { figures: string } | undefined;
    // a sealed batch whose register is gone: the archive's figures; otherwise what the database says now
    if (!live && kept) {
      all.push(JSON.parse(kept.figures) as BatchFigures);
      batches.push({ ...b, source: 'archive' });
    } else {
      all.push(batchFigures(sqlite, b.id));
      batches.push({ ...b, source: 'live' });
    }
  }
  const rows = new Map<string, SummaryRow>();
  for (const f of all) {
    for (const g of f.groups) {
      const key = `${g.occupation}|${g.workType ?? ''}|${g.level}`;
      const r = rows.get(key) ?? { occupation: g.occupation, workType: g.workType, level: g.level, batches: 0, evaluated: 0, passed: 0, certified: 0, passRate: null };
      r.batches += 1;
      r.evaluated += g.evaluated;
      r.passed += g.passed;
      r.certified += g.certified;
      rows.set(key, r);
    }
  }
  const out = [...rows.values()].map((r) => ({ ...r, passRate: rate(r.passed, r.evaluated) })).sort((a, b) => a.occupation.localeCompare(b.occupation, 'zh') || a.level - b.level);
  const sum = (k: 'evaluated' | 'passed' | 'certified') => out.reduce((s, r) => s + r[k], 0);
  return {
    year,
    batches,
    rows: out,
    totals: {
      occupations: new Set(out.map((r) => `${r.occupation}|${r.workType ?? ''}`)).size,
      levels: new Set(out.map((r) => r.level)).size,
      evaluated: sum('evaluated'),
      passed: sum('passed'),
      certified: sum('certified'),
      passRate: rate(sum('passed'), sum('evaluated')),
    },
  };
}

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

export function summaryForm(s: YearlySummary, organisation: string): FormTable {
  const label = (r: SummaryRow) => `${r.occupation}（${r.workType ?? '——'}）${LEVEL_ZH[r.level] ?? r.level}`;
  return {
    title: `${s.year} 年度职业技能等级认定工作总结（认定情况）`,
    sheetName: `${s.year}年度总结`,
    meta: [`评价机构：${organisation}`, `认定批次：${s.batches.length} 个　认定职业（工种）：${s.totals.occupations} 个　等级：${s.totals.levels} 个`],
    columns: [
      { label: '序号', width: 1, align: 'center' },
      { label: '职业（工种）', width: 4 },
      { label: '等级', width: 2.4 },
      { label: '批次数', width: 1.4, align: 'right' },
      { label: '认定人次', width: 1.6, align: 'right' },
      { label: '通过人数', width: 1.6, align: 'right' },
      { label: '取证人次', width: 1.6, align: 'right' },
      { label: '通过率', width: 1.6, align: 'right' },
    ],
    rows: [
      ...s.rows.map((r, i) => [i + 1, `${r.occupation}（${r.workType ?? '——'}）`, LEVEL_ZH[r.level] ?? String(r.level), r.batches, r.evaluated, r.passed, r.certified, pct(r.passRate)]),
      ['', '合计', '', s.batches.length, s.totals.evaluated, s.totals.passed, s.totals.certified, pct(s.totals.passRate)],
    ],
    footer: ['认定批次：', ...s.batches.map((b) => `${b.examDate}　${b.planCode}　${b.name}${b.source === 'archive' ? '（资料已按期销毁，数字取自档案）' : ''}`)],
    charts: s.rows.length
      ? [
          {
            title: '认定人次、通过人数与取证人次',
            labels: s.rows.map(label),
            series: [
              { name: '认定人次', values: s.rows.map((r) => r.evaluated) },
              { name: '通过人数', values: s.rows.map((r) => r.passed) },
              { name: '取证人次', values: s.rows.map((r) => r.certified) },
            ],
          },
        ]
      : [],
  };
}
