// Every limit on what enters the console, in one place (README: "Limits"). One process serves every
// door on the day: no file and no request may cost more than these, and each refusal is a coded
// LIMIT_EXCEEDED error (`error.limits.<reason>`) that names the limit and what to do. Pure
// constants: the renderer shows the same numbers (file pickers, the import page).

const KiB = 1024;
const MiB = 1024 * KiB;

/** Request bodies over HTTP, per command. */
export const BODY_LIMITS = {
  /** public commands (first start, sign-in, enrolment, unlock) and any call without a token: a few fields */
  public: 16 * KiB,
  /** a signed-in command that carries no file */
  default: 1 * MiB,
  /** commands that carry files (base64 adds a third): the largest file each takes, plus room */
  byMethod: {
    'plan.import': 64 * MiB,
    'plan.check': 64 * MiB,
    'theory.import': 24 * MiB,
    'incidents.record': 4 * MiB,
    'checkin.confirm': 1 * MiB,
    /** a door device's queue: at most 50 events a call (REPLAY_BATCH_MAX), each a door photo of ≤ 400,000 base64 characters */
    'devices.replay': 24 * MiB,
    'results.calendar.load': 256 * KiB,
  } as Readonly<Record<string, number>>,
  /** GET /api/health and the certificate take no body at all */
} as const;

/** The JSON of a request body, checked before it is parsed (a flood of empty arrays costs nothing). */
export const JSON_LIMITS = {
  /** nesting of objects and arrays */
  depth: 32,
  /** values in all arrays and objects together (a 10,000-candidate JSON plan package holds about 300,000) */
  items: 1_000_000,
} as const;

/** A zip archive (the plan's photo zip) and the zip inside every .xlsx. */
export const ZIP_LIMITS = {
  /** entries in the central directory */
  entries: 20_000,
  /** inflated bytes of all entries together: inflating stops here */
  inflated: 256 * MiB,
  /** inflated bytes of one entry (a photo is far smaller; see PHOTO_LIMITS) */
  entryInflated: 64 * MiB,
  /** compressed-to-inflated ratio of one entry above which it is a bomb, whatever its size */
  ratio: 1000,
} as const;

/** A workbook (.xlsx): the plan workbook and the theory-score workbook. */
export const WORKBOOK_LIMITS = {
  /** the file as handed in */
  bytes: 32 * MiB,
  /** inflated XML of all the parts read (sheets, shared strings, styles) */
  inflated: 160 * MiB,
  sheets: 64,
  /** rows that hold a value, per sheet */
  rows: 100_000,
  /** the right-most column read: values beyond it are refused (a stray cell at XFD costs nothing) */
  columns: 256,
  /** cells that hold a value, all sheets together */
  cells: 2_000_000,
  /** characters in one cell (Excel's own maximum) */
  cellChars: 32_767,
  /** shared strings */
  sharedStrings: 1_000_000,
} as const;

/** CSV files (plan sheets as CSV, the theory-score CSV). */
export const CSV_LIMITS = {
  bytes: 32 * MiB,
  /** characters in one record (a line, or several when a quoted field holds line breaks) */
  lineChars: 64 * KiB,
  rows: 100_000,
  columns: 256,
} as const;

/** Candidates' registered photos (P7), from a zip, a folder or the JSON package. */
export const PHOTO_LIMITS = {
  /** P7: Shandong caps photos at 20 KB; a bigger photo is refused (not stored) with a warning */
  bytes: 20 * KiB,
  /** inflating one photo stops here: a larger entry is not a photo */
  inflated: 1 * MiB,
  /** P7: at least 192×144 pixels (H×W) */
  minHeight: 192,
  minWidth: 144,
  /** a larger image is refused: browsers would decode it at the door */
  maxSide: 4096,
  /** photos in one import */
  count: 20_000,
} as const;

/** Plan files handed in at once (a folder, several CSVs, photos one by one). */
export const PLAN_FILE_LIMITS = {
  files: 20_000,
  /** a JSON package */
  jsonBytes: 48 * MiB,
} as const;

/**
 * The files the console builds (sheets, forms, the plan export, the yearly summary, the archive):
 * built on the export worker, whose heap and time are capped so one export cannot stop the site.
 * The largest real export (a 10,000-candidate plan with its photos, a year's archive) stays far below.
 */
export const EXPORT_LIMITS = {
  /** the export worker's heap (MB): an export that needs more is stopped and refused */
  heapMb: 1024,
  /** one export's time (s), counted from when it was queued: past it the worker is ended and the export refused */
  seconds: 300,
} as const;

export type LimitArea = 'body' | 'json' | 'zip' | 'workbook' | 'csv' | 'photo';

/** A size for people: 1.5 MB, 20 KB, 300 B. */
export function sizeText(bytes: number): string {
  if (bytes >= MiB) return `${Math.round((bytes / MiB) * 10) / 10} MB`;
  if (bytes >= KiB) return `${Math.round((bytes / KiB) * 10) / 10} KB`;
  return `${bytes} B`;
}

/** 1-based column number to its letters: 1 → A, 16384 → XFD. */
export function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
