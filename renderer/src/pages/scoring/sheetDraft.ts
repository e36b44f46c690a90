// A score sheet's draft kept on the examiner's device (S9), so a lost connection or a reload loses
// nothing: keyed by examiner, candidate, subject and round (a new round starts blank), holding the
// entries and, once a submit was tried, its key (a retried submit is the same sheet on the server).
// Never the PIN. localStorage: one small record per sheet, written as the examiner types, read back
// checked (a damaged or foreign record is ignored, never trusted).

export interface DraftEntry {
  itemId: number;
  points: number | null;
  missing: boolean;
}

export interface SheetDraft {
  entries: DraftEntry[];
  /** set on the first submit attempt, cleared when an entry changes (then it is another sheet) */
  submitKey: string | null;
  savedAt: string;
}

export interface DraftKey {
  staffId: number;
  candidateId: number;
  subjectId: number;
  round: number;
}

/** the same limit as the server's input (50 items) */
const MAX_ENTRIES = 50;
/** a record larger than this is not a sheet's draft */
const MAX_CHARS = 16 * 1024;
const SUBMIT_KEY = /^[A-Za-z0-9_-]{16,64}$/;

export function draftStorageKey(k: DraftKey): string {
  return `esc.sheetDraft.${k.staffId}.${k.candidateId}.${k.subjectId}.r${k.round}`;
}

/** the key the page used before drafts knew their round (round 1 only), read once and removed */
function legacyKey(k: DraftKey): string {
  return `esc.sheet.${k.staffId}.${k.candidateId}.${k.subjectId}`;
}

function isEntry(x: unknown): x is DraftEntry {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as Record<string, unknown>;
  const points = e.points;
  return (
    typeof e.itemId === 'number' &&
    Number.isInteger(e.itemId) &&
    e.itemId > 0 &&
    (points === null || (typeof points === 'number' && Number.isFinite(points) && points >= 0 && points <= 100)) &&
    typeof e.missing === 'boolean'
  );
}

function entriesOf(x: unknown): DraftEntry[] | null {
  if (!Array.isArray(x) || x.length > MAX_ENTRIES || !x.every(isEntry)) return null;
  return x.map((e) => ({ itemId: e.itemId, points: e.points, missing: e.missing }));
}

/** Checks a stored record; null when it is not a draft this page wrote. */
export function parseDraft(raw: string | null): SheetDraft | null {
  if (raw === null || raw.length > MAX_CHARS) return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (Array.isArray(v)) {
    // the earlier form: the entries alone
    const entries = entriesOf(v);
    return entries ? { entries, submitKey: null, savedAt: '' } : null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const entries = entriesOf(o.entries);
  if (!entries) return null;
  const submitKey = typeof o.submitKey === 'string' && SUBMIT_KEY.test(o.submitKey) ? o.submitKey : null;
  return { entries, submitKey, savedAt: typeof o.savedAt === 'string' ? o.savedAt.slice(0, 40) : '' };
}

export function loadDraft(k: DraftKey): SheetDraft | null {
  try {
    const d = parseDraft(localStorage.getItem(draftStorageKey(k)));
    if (d) return d;
    if (k.round !== 1) return null;
    const legacy = parseDraft(localStorage.getItem(legacyKey(k)));
    localStorage.removeItem(legacyKey(k));
    return legacy;
  } catch {
    // storage refused (private mode, quota): the server's draft is all there is
    return null;
  }
}

/** Keeps the draft; false when the device refused to store it (the page then says so). */
export function storeDraft(k: DraftKey, entries: readonly DraftEntry[], submitKey: string | null): boolean {
  const d: SheetDraft = { entries: entries.map((e) => ({ itemId: e.itemId, points: e.points, missing: e.missing })), submitKey, savedAt: new Date().toISOString() };
  try {
    localStorage.setItem(draftStorageKey(k), JSON.stringify(d));
    return true;
  } catch {
    return false;
  }
}

export function dropDraft(k: DraftKey): void {
  try {
    localStorage.removeItem(draftStorageKey(k));
    localStorage.removeItem(legacyKey(k));
  } catch {
    // nothing to do: storage is unavailable
  }
}

/** 128 random bits, base64url: crypto.getRandomValues works on plain-http LAN pages too (randomUUID does not). */
export function newSubmitKey(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Whether a failed call failed because the console could not be reached (the client's network error). */
export function isOfflineError(reason: string | undefined): boolean {
  return reason === 'system.network' || (typeof navigator !== 'undefined' && navigator.onLine === false);
}
