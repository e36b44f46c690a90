// What an ID-card reader (二代证阅读器) delivers at the door (E3, P8), whatever the reader: the same
// record from a keyboard-mode reader typing into the scan box, a vendor's local service, or (later) a
// serial reader. Pure rules shared by the services and the renderer: no Node, no database.
//
// Keyboard-mode readers cannot type Chinese: those that send the name type it as `\uXXXX` escapes
// (some also the sex), beside the number, in one line ended by Enter. They are recognised by that
// format; a bare number is recognised by its typing pattern instead (machine speed, see isMachineTyped).
import { DOC_TYPES } from './vocabulary';
import { parseResidentId } from './gb11643';

/** The documents a second-generation reader reads from a chip (P8's list holds them all). */
export type CardDocType = Extract<(typeof DOC_TYPES)[number], '居民身份证' | '港澳台居民居住证' | '外国人永久居留身份证'>;
export type CardSex = '男' | '女';

export interface CardRecord {
  docType: CardDocType;
  /** the document number, upper case */
  number: string;
  /** as printed on the card (may hold characters outside the common set, P11); null when the reader gave none */
  name: string | null;
  sex: CardSex | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
}

/** Limits for what a reader may hand over (anything longer is not a card). */
export const CARD_LIMITS = { line: 600, name: 64 } as const;

/** Replaces `\uXXXX` escapes (surrogate pairs included, so Extension B survives) with the characters. */
export function unescapeUnicode(s: string): string {
  const units = s.replace(/\\[uU]([0-9A-Fa-f]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  // a lone surrogate is not a character: refuse the string rather than keep half of one
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(units) ? '' : units;
}

/** The old (2004) foreign permanent resident card: three letters and twelve digits (its check digit is not public: format only). */
const OLD_FOREIGN = /^[A-Z]{3}\d{12}$/;

/** The document a number belongs to, with the facts it encodes; null when it is no card number. */
export function cardNumberFacts(raw: string): { docType: CardDocType; number: string; sex: CardSex | null; birthDate: string | null } | null {
  const n = raw.trim().toUpperCase();
  if (OLD_FOREIGN.test(n)) {
    // nationality(3) + issuing region(2) + birth date YYMMDD(6) + sequence(3) + check(1)
    const yy = Number(n.slice(5, 7));
    const birth = `${yy > 30 ? 19 : 20}${n.slice(5, 7)}-${n.slice(7, 9)}-${n.slice(9, 11)}`;
    return { docType: '外国人永久居留身份证', number: n, sex: null, birthDate: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(birth) ? birth : null };
  }
  const id = parseResidentId(n);
  if (!id.ok) return null;
  // GB 11643 numbers: 81/82/83 are the residence permits of Hong Kong, Macao and Taiwan residents; 9 the 2023 foreigner's card
  const docType: CardDocType = /^8[123]/.test(n) ? '港澳台居民居住证' : n.startsWith('9') ? '外国人永久居留身份证' : '居民身份证';
  return { docType, number: n, sex: id.facts.gender, birthDate: id.facts.birthDate };
}

/** 男/女 from the ways readers say it (GB/T 2261.1 codes 1/2, letters, words); null when unknown. */
export function normaliseSex(v: unknown): CardSex | null {
  const s = String(v ?? '').trim().toLowerCase();
  if (['男', '1', 'm', 'male', '男性'].includes(s)) return '男';
  if (['女', '2', 'f', 'female', '女性'].includes(s)) return '女';
  return null;
}

/** YYYY-MM-DD from YYYYMMDD, YYYY-MM-DD, YYYY.MM.DD or YYYY年MM月DD日; null when it is none of them. */
export function normaliseBirth(v: unknown): string | null {
  const m = /^(\d{4})\D?(\d{2})\D?(\d{2})\D?$/.exec(String(v ?? '').trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** A name as read: escapes undone, spaces trimmed, letters and CJK (and the ·/• of transliterated names) only. */
export function normaliseName(v: unknown): string | null {
  const s = unescapeUnicode(String(v ?? '')).trim().replace(/\s+/g, ' ');
  if (!s || [...s].length > CARD_LIMITS.name) return null;
  return /^[\p{L}\p{M}·• .'-]+$/u.test(s) ? s : null;
}

export type CardProblem = 'noNumber' | 'sexMismatch' | 'birthMismatch';

/**
 * The record from a reader's fields: the number decides the document; a sex or birth date the reader
 * gives must agree with what the number encodes (P8), else the read is refused.
 */
export function cardRecord(fields: { number: unknown; name?: unknown; sex?: unknown; birthDate?: unknown }): { ok: true; record: CardRecord } | { ok: false; problem: CardProblem } {
  const facts = cardNumberFacts(String(fields.number ?? ''));
  if (!facts) return { ok: false, problem: 'noNumber' };
  const sex = fields.sex === undefined || fields.sex === null || fields.sex === '' ? null : normaliseSex(fields.sex);
  const birth = fields.birthDate === undefined || fields.birthDate === null || fields.birthDate === '' ? null : normaliseBirth(fields.birthDate);
  if (sex && facts.sex && sex !== facts.sex) return { ok: false, problem: 'sexMismatch' };
  if (birth && facts.birthDate && birth !== facts.birthDate) return { ok: false, problem: 'birthMismatch' };
  return { ok: true, record: { docType: facts.docType, number: facts.number, name: normaliseName(fields.name), sex: sex ?? facts.sex, birthDate: birth ?? facts.birthDate } };
}

const NAME_KEYS = ['name', 'xm', 'partyname', '姓名'];
const NUMBER_KEYS = ['number', 'id', 'idnumber', 'idnum', 'cardno', 'certno', 'sfzh', 'code', '公民身份号码', '证件号码'];
const SEX_KEYS = ['sex', 'gender', 'xb', '性别'];
const BIRTH_KEYS = ['birth', 'birthday', 'birthdate', 'csrq', '出生'];

function pick(o: Record<string, unknown>, keys: string[]): unknown {
  for (const [k, v] of Object.entries(o)) if (keys.includes(k.toLowerCase())) return v;
  return undefined;
}

/**
 * A line a keyboard-mode reader typed into the scan box, recognised by its format: the number with the
 * name as `\uXXXX` escapes (or already in characters), fields split by | , ; tab or spaces, or a JSON
 * object; null when the line is not such a card read (a ticket, a typed number: the scan box's own).
 */
export function parseKeyboardCard(line: string): CardRecord | null {
  const raw = line.trim();
  if (!raw || raw.length > CARD_LIMITS.line) return null;
  if (raw.startsWith('{')) {
    let o: unknown;
    try {
      o = JSON.parse(raw);
    } catch {
      return null;
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return null;
    const rec = o as Record<string, unknown>;
    const r = cardRecord({ number: pick(rec, NUMBER_KEYS), name: pick(rec, NAME_KEYS), sex: pick(rec, SEX_KEYS), birthDate: pick(rec, BIRTH_KEYS) });
    return r.ok ? r.record : null;
  }
  // the format: at least one escape or Chinese character beside the number, else it is a plain scan
  const text = unescapeUnicode(raw);
  if (!text || !(/\\[uU][0-9A-Fa-f]{4}/.test(raw) || /\p{Script=Han}/u.test(text))) return null;
  const fields = text.split(/[|,;\t ]+|，|；/).map((f) => f.trim()).filter(Boolean);
  const numbers = fields.filter((f) => cardNumberFacts(f) !== null);
  if (numbers.length !== 1) return null;
  const rest = fields.filter((f) => f !== numbers[0]);
  const sex = rest.find((f) => f === '男' || f === '女');
  const birth = rest.find((f) => normaliseBirth(f) !== null);
  const name = rest.find((f) => f !== sex && f !== birth && normaliseName(f) !== null && !/^\d+$/.test(f));
  const r = cardRecord({ number: numbers[0], name, sex, birthDate: birth });
  return r.ok ? r.record : null;
}

/**
 * The typing pattern of a keyboard-mode reader (or any wedge device): many keystrokes, machine-fast.
 * `stamps` are the times (ms) of the scan box's changes from the first character to Enter. A person
 * types 18 digits in seconds; a reader in well under one. Pasting (one change) is not a reader.
 */
export function isMachineTyped(stamps: readonly number[], chars: number): boolean {
  if (chars < 15 || stamps.length < Math.min(chars, 15)) return false;
  const span = stamps[stamps.length - 1]! - stamps[0]!;
  return span / (stamps.length - 1) < 35;
}

/** A card read from a bare number (a keyboard-mode reader that types only the number, at machine speed). */
export function cardFromNumber(number: string): CardRecord | null {
  const r = cardRecord({ number });
  return r.ok ? r.record : null;
}
