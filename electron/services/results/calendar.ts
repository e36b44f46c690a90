// G5: working days on the Chinese calendar. The bundled `chinese-days` data covers the years it
// ships with (to 2026); a site loads the official schedule (国务院办公厅放假安排) for a new year,
// stored in calendar_years, which then wins over the bundled data. A day in a year neither covers
// is refused: a deadline is never guessed.
import chineseDays from 'chinese-days';
import { z } from 'zod';
import type { ReadSqlite } from '../../../db';
import { actorOf, nowIso, type ServiceContext } from '../context';
import { AppError } from '../errors';

const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 YYYY-MM-DD');

/** The file a site loads: our own shape, or chinese-days' ({ holidays: {date: name}, workdays: {date: name} }). */
export const scheduleInput = z.union([
  z.object({ year: z.number().int().min(2000).max(2100), holidays: z.array(ymd).min(1, '放假日期不能为空').max(366), workdays: z.array(ymd).max(366).default([]), source: z.string().max(200).optional() }),
  z.object({ holidays: z.record(ymd, z.string()), workdays: z.record(ymd, z.string()).default({}), year: z.number().int().optional(), source: z.string().max(200).optional() }),
]);
export type ScheduleInput = z.input<typeof scheduleInput>;

const days = z.array(z.string());

interface YearRule {
  holidays: Set<string>;
  workdays: Set<string>;
}

const bundledCovers = new Map<number, boolean>();
function bundled(year: number): boolean {
  let v = bundledCovers.get(year);
  if (v === undefined) {
    // every year the package knows has at least New Year's Day as a holiday
    v = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    bundledCovers.set(year, v);
  }
  return v;
}

export class WorkCalendar {
  private readonly loaded = new Map<number, YearRule>();
  constructor(sqlite: ReadSqlite) {
    for (const r of sqlite.prepare<[], { year: number; holidays: string; workdays: string }>('SELECT year, holidays, workdays FROM calendar_years').all()) {
      this.loaded.set(r.year, { holidays: new Set(days.parse(JSON.parse(r.holidays))), workdays: new Set(days.parse(JSON.parse(r.workdays))) });
    }
  }
  covers(year: number): boolean {
    return this.loaded.has(year) || bundled(year);
  }
  coveredYears(from = 2020, to = 2035): { year: number; source: 'bundled' | 'loaded' }[] {
    const out: { year: number; source: 'bundled' | 'loaded' }[] = [];
    for (let y = from; y <= to; y++) if (this.covers(y)) out.push({ year: y, source: this.loaded.has(y) ? 'loaded' : 'bundled' });
    return out;
  }
  /** true on a working day; refuses a day in a year the calendar does not cover */
  isWorkday(date: string): boolean {
    const year = Number(date.slice(0, 4));
    const rule = this.loaded.get(year);
    if (rule) {
      if (rule.holidays.has(date)) return false;
      if (rule.workdays.has(date)) return true;
      const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
      return dow >= 1 && dow <= 5;
    }
    if (!bundled(year)) {
      throw new AppError('CONFLICT', 'results.calendarMissingYear', { year });
    }
    return chineseDays.isWorkday(date);
  }
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export const PUBLICATION_WORKING_DAYS = 5;

/**
 * G5: the publication runs for five working days counted from its start date (the start day counts
 * when it is a working day); the end date is the fifth working day. Holidays are off, make-up
 * working days (调休) count. Refused when any day needed lies in a year the calendar lacks.
 */
export function publicationEnd(cal: WorkCalendar, start: string, days = PUBLICATION_WORKING_DAYS): string {
  let d = start;
  let counted = 0;
  for (let guard = 0; guard < 400; guard++) {
    if (cal.isWorkday(d)) {
      counted++;
      if (counted === days) return d;
    }
    d = addDays(d, 1);
  }
  throw new AppError('INTERNAL', 'results.calendarNoEnd', { start });
}

/** Loads (or replaces) a year's official schedule. Every date must lie in that year. */
export function loadSchedule(ctx: ServiceContext, input: z.output<typeof scheduleInput>) {
  const holidays = Array.isArray(input.holidays) ? input.holidays : Object.keys(input.holidays);
  const workdays = Array.isArray(input.workdays) ? input.workdays : Object.keys(input.workdays);
  const years = new Set([...holidays, ...workdays].map((d) => Number(d.slice(0, 4))));
  const year = input.year ?? (years.size === 1 ? [...years][0]! : NaN);
  if (!Number.isInteger(year)) throw new AppError('BAD_INPUT', 'results.calendarOneYear');
  const bad = [...holidays, ...workdays].filter((d) => Number(d.slice(0, 4)) !== year || Number.isNaN(new Date(`${d}T00:00:00Z`).getTime()));
  if (bad.length) throw new AppError('BAD_INPUT', 'results.calendarDatesOutside', { year, dates: bad.slice(0, 5).join(', ') });
  if (holidays.length === 0) throw new AppError('BAD_INPUT', 'results.calendarNoHolidays');
  const both = holidays.filter((d) => workdays.includes(d));
  if (both.length) throw new AppError('BAD_INPUT', 'results.calendarBoth', { dates: both.join(', ') });
  ctx.sqlite
    .prepare<[number, string, string, string, string, number | null]>(
      `INSERT INTO calendar_years (year, holidays, workdays, source, loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (year) DO UPDATE SET holidays = excluded.holidays, workdays = excluded.workdays, source = excluded.source, loaded_at = excluded.loaded_at, loaded_by = excluded.loaded_by`,
    )
    .run(year, JSON.stringify([...holidays].sort()), JSON.stringify([...workdays].sort()), input.source ?? '考点载入', nowIso(ctx), ctx.actor ? actorOf(ctx).staffId : null);
  const out = { year, holidays: holidays.length, workdays: workdays.length };
  ctx.note(out);
  return out;
}
