// The door's verdict on the device while the office PC is out of reach (E3, E4), from the door
// pack: the same shape the console's checkin.scan answers, so the screen shows it the same way.
// The console judges every queued event again when it arrives; this only decides what the proctor
// sees now. ID numbers are matched by their SHA-256 (the pack never holds them in full).
import { looksLikeIdNumber, parseResidentId } from '../../../electron/domain/gb11643';
import type { OutputOf } from '../../../electron/commands/api';
import { ApiError } from '../api/client';
import type { DoorPack, QueuedEvent } from './store';

type ScanOut = OutputOf<'checkin.scan'>;
export type Verdict = Extract<ScanOut, { kind: 'verdict' }>['verdict'];
type Pick = Extract<ScanOut, { kind: 'pick' }>;
type PackCandidate = DoorPack['candidates'][number];

const TICKET_QR_PREFIX = 'KDT1;';

function normalise(raw: string): string {
  return raw.replace(/\s+/g, '').replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

async function sha256Hex(s: string): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function offsetMinutes(iso: string): number {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!m) return 0;
  const v = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -v : v;
}

function localTime(d: Date, offMin: number): string {
  const t = new Date(d.getTime() + offMin * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}`;
}

/** Signed in already: in the pack (before it was cached) or in this device's own queue. */
function earlierOf(pack: DoorPack, queued: QueuedEvent[], c: PackCandidate): Verdict['earlier'] {
  const off = offsetMinutes(pack.door.startsAt);
  const s = pack.signedIn.find((x) => x.candidateId === c.id);
  if (s) return { checkinId: s.checkinId, roomId: s.roomId, roomCode: s.roomCode, at: s.at, atLocal: localTime(new Date(s.at), off), proctorName: s.proctorName, status: s.status, photoId: null };
  const q = queued.find((e) => e.kind === 'confirm' && e.candidateId === c.id && e.sessionId === pack.door.sessionId);
  if (!q) return null;
  const at = new Date(Date.parse(q.at) + q.offsetMs).toISOString();
  return { checkinId: 0, roomId: q.roomId, roomCode: pack.door.roomId === q.roomId ? pack.door.roomCode : '', at, atLocal: localTime(new Date(at), off), proctorName: '', status: 'ok', photoId: null };
}

export function judgeOffline(pack: DoorPack, queued: QueuedEvent[], candidateId: number | null, method: Verdict['method'], scanned: string, now: Date): Verdict {
  const door = pack.door;
  const cutoff = new Date(Date.parse(door.startsAt) + pack.rules.entryClosesAfterMs);
  const base = { method, scanned, now: now.toISOString(), entryCutoff: cutoff.toISOString(), here: null, goTo: [], earlier: null };
  const c = candidateId === null ? undefined : pack.candidates.find((x) => x.id === candidateId);
  // not in this session's list: the console, judging it again, may find it in another session
  if (!c) return { ...base, code: 'not_in_plan', candidate: null };
  const candidate = { id: c.id, name: c.name, gender: c.gender, ticketNo: c.ticketNo, docType: c.docType, docMasked: c.docMasked, occupation: c.occupation, level: c.level, photo: c.photo };
  const here = c.roomId === door.roomId ? { seat: c.seat, subjectKind: c.subjectKind } : null;
  const earlier = earlierOf(pack, queued, c);
  if (earlier) return { ...base, here, candidate, earlier, code: earlier.roomId === door.roomId ? 'already_here' : 'already_elsewhere' };
  if (!here) {
    return { ...base, code: 'wrong_room', candidate, goTo: [{ sessionId: door.sessionId, sessionName: door.sessionName, startsAt: door.startsAt, roomId: c.roomId, roomCode: c.roomCode, location: c.location, seat: c.seat }] };
  }
  if (now.getTime() >= cutoff.getTime()) return { ...base, here, code: 'entry_closed', candidate }; // E4
  return { ...base, here, code: 'ok', candidate };
}

function pickOf(pack: DoorPack, code: string, method: 'ticket_tail' | 'doc_tail', found: PackCandidate[]): Pick {
  const matches = found
    .map((c) => ({ candidateId: c.id, name: c.name, ticketNo: c.ticketNo, docMasked: c.docMasked, gender: c.gender, expectedHere: c.roomId === pack.door.roomId, seat: c.roomId === pack.door.roomId ? c.seat : null }))
    .sort((a, b) => Number(b.expectedHere) - Number(a.expectedHere) || a.ticketNo.localeCompare(b.ticketNo));
  return { kind: 'pick', method, code, matches };
}

/** checkin.scan on the device: a verdict, or the pick list for a tail (P8 checked as the console does). */
export async function scanOffline(pack: DoorPack, queued: QueuedEvent[], input: { code?: string; candidateId?: number; method?: 'ticket_tail' | 'doc_tail' }, now: Date): Promise<ScanOut> {
  const raw = input.code ?? '';
  if (input.candidateId !== undefined) return { kind: 'verdict', verdict: judgeOffline(pack, queued, input.candidateId, input.method ?? 'pick', raw, now) };
  const code = normalise(raw);
  if (!code) throw new ApiError({ code: 'BAD_INPUT', reason: 'checkin.scanEmpty', message: '请扫描或输入证件号码、准考证号', messageEn: 'Scan or type a number' });
  const v = (id: number | null, method: Verdict['method']): ScanOut => ({ kind: 'verdict', verdict: judgeOffline(pack, queued, id, method, raw, now) });
  if (code.startsWith(TICKET_QR_PREFIX)) {
    const [, plan, ticket] = code.split(';');
    const c = plan === pack.planCode && ticket ? pack.candidates.find((x) => x.ticketNo === ticket) : undefined;
    return v(c?.id ?? null, 'qr');
  }
  const byTicket = pack.candidates.find((x) => x.ticketNo === code);
  if (byTicket) return v(byTicket.id, 'ticket');
  if (looksLikeIdNumber(code)) {
    const upper = code.toUpperCase();
    const check = parseResidentId(upper);
    if (!check.ok) throw new ApiError({ code: 'ID_CHECK_FAILED', reason: 'checkin.idCheck', params: { number: upper, problem: `@door.idProblem.${check.problem}` }, message: upper, messageEn: upper });
    const digest = await sha256Hex(upper);
    return v(pack.candidates.find((x) => x.docDigest === digest)?.id ?? null, 'id');
  }
  if (/^\d{5}$/.test(code)) {
    const found = pack.candidates.filter((x) => x.ticketNo.endsWith(code));
    return found.length ? pickOf(pack, raw, 'ticket_tail', found) : v(null, 'ticket_tail');
  }
  if (/^\d{5}[\dXx]$/.test(code)) {
    const found = pack.candidates.filter((x) => x.docTail === code.toUpperCase());
    return found.length ? pickOf(pack, raw, 'doc_tail', found) : v(null, 'doc_tail');
  }
  const digest = await sha256Hex(code.toUpperCase());
  return v(pack.candidates.find((x) => x.docDigest === digest)?.id ?? null, 'doc');
}
