// G5: working days on the Chinese calendar. The bundled `chinese-days` data covers the years it
// ships with (to 2026); a site loads the official schedule (国务院办公厅放假安排) for a new year,
// stored in calendar_years, which then wins over the bundled data. A day in a year neither covers
// is refused: a deadline is never guessed.
import chineseDays from 'chinese-days';
import { z } from 'zod';
import type { ReadSqlite } from '../../../db';
import { canonicalJson, sha256Hex } from '../canonical';
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

/** G5: the first working day after `today` on the site's calendar (a publication's default start), or null where the calendar lacks the year. */
export function nextWorkday(cal: WorkCalendar, today: string): string | null {
  let d = addDays(today, 1);
  for (let guard = 0; guard < 60; guard++) {
    if (!cal.covers(Number(d.slice(0, 4)))) return null;
    if (cal.isWorkday(d)) return d;
    d = addDays(d, 1);
  }
  return null;
}

/** A year's schedule holds at least New Year, Spring Festival and National Day, and at most every long break with its weekends. */
export const CALENDAR_HOLIDAYS = { min: 7, max: 60 } as const;
export const CALENDAR_WORKDAYS = { max: 15 } as const;

/** A real calendar day: 2026-02-30 and 2026-13-01 are not. */
function realDate(d: string): boolean {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

export interface CalendarDiff {
  holidaysAdded: string[];
  holidaysRemoved: string[];
  workdaysAdded: string[];
  workdaysRemoved: string[];
}

function diffOf(before: { holidays: string[]; workdays: string[] }, after: { holidays: string[]; workdays: string[] }): CalendarDiff {
  const minus = (a: string[], b: string[]) => a.filter((d) => !b.includes(d));
  return {
    holidaysAdded: minus(after.holidays, before.holidays),
    holidaysRemoved: minus(before.holidays, after.holidays),
    workdaysAdded: minus(after.workdays, before.workdays),
    workdaysRemoved: minus(before.workdays, after.workdays),
  };
}

const contentHash = (year: number, holidays: string[], workdays: string[]) => sha256Hex(canonicalJson({ year, holidays, workdays }));

/**
 * Loads (or replaces) a year's official schedule (G5). Every date must be a real day of that year,
 * none twice, a plausible count. Replacing a year already loaded with different content is refused
 * until the caller confirms with the new content's hash (the refusal carries the difference and
 * that hash); the audit keeps the content hash, the previous one and the difference.
 */
export function loadSchedule(ctx: ServiceContext, input: z.output<typeof scheduleInput>, opts: { confirmReplace?: string | undefined } = {}) {
  const holidays = Array.isArray(input.holidays) ? input.holidays : Object.keys(input.holidays);
  const workdays = Array.isArray(input.workdays) ? input.workdays : Object.keys(input.workdays);
  const years = new Set([...holidays, ...workdays].map((d) => Number(d.slice(0, 4))));
  const year = input.year ?? (years.size === 1 ? [...years][0]! : NaN);
  if (!Number.isInteger(year)) throw new AppError('BAD_INPUT', 'results.calendarOneYear');
  const bad = [...holidays, ...workdays].filter((d) => Number(d.slice(0, 4)) !== year || !realDate(d));
  if (bad.length) throw new AppError('BAD_INPUT', 'results.calendarDatesOutside', { year, dates: bad.slice(0, 5).join(', ') });
  const twice = [holidays, workdays].flatMap((list) => list.filter((d, i) => list.indexOf(d) !== i));
  if (twice.length) throw new AppError('BAD_INPUT', 'results.calendarDuplicate', { dates: [...new Set(twice)].slice(0, 5).join(', ') });
  if (holidays.length === 0) throw new AppError('BAD_INPUT', 'results.calendarNoHolidays');
  if (holidays.length < CALENDAR_HOLIDAYS.min || holidays.length > CALENDAR_HOLIDAYS.max || workdays.length > CALENDAR_WORKDAYS.max) {
    throw new AppError('BAD_INPUT', 'results.calendarImplausible', { holidays: holidays.length, workdays: workdays.length, min: CALENDAR_HOLIDAYS.min, max: CALENDAR_HOLIDAYS.max, maxWorkdays: CALENDAR_WORKDAYS.max });
  }
  const both = holidays.filter((d) => workdays.includes(d));
  if (both.length) throw new AppError('BAD_INPUT', 'results.calendarBoth', { dates: both.join(', ') });
  const next = { holidays: [...holidays].sort(), workdays: [...workdays].sort() };
  const hash = contentHash(year, next.holidays, next.workdays);
  const existing = ctx.sqlite.prepare<[number], { holidays: string; workdays: string }>('SELECT holidays, workdays FROM calendar_years WHERE year = ?').get(year);
  const previous = existing ? { holidays: days.parse(JSON.parse(existing.holidays)), workdays: days.parse(JSON.parse(existing.workdays)) } : null;
  const previousHash = previous ? contentHash(year, previous.holidays, previous.workdays) : null;
  const diff = previous ? diffOf(previous, next) : null;
  if (previous && previousHash !== hash && opts.confirmReplace !== hash) {
    // shown to the site head, who confirms with this hash (the content they saw)
    throw new AppError('CONFLICT', 'results.calendarReplaceConfirm', { year, hash }, { details: diff });
  }
  ctx.sqlite
    .prepare<[number, string, string, string, string, number | null]>(
      `INSERT INTO calendar_years (year, holidays, workdays, source, loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (year) DO UPDATE SET holidays = excluded.holidays, workdays = excluded.workdays, source = excluded.source, loaded_at = excluded.loaded_at, loaded_by = excluded.loaded_by`,
    )
    .run(year, JSON.stringify(next.holidays), JSON.stringify(next.workdays), input.source ?? '考点载入', nowIso(ctx), ctx.actor ? actorOf(ctx).staffId : null);
  const out = { year, holidays: holidays.length, workdays: workdays.length, hash, replaced: previous !== null };
  ctx.note({ ...out, previousHash, diff });
  return out;
}
