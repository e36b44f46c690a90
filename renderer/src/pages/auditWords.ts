// The audit page names people and candidates in words (A1: anyone can read the trail backwards):
// what an event's detail says about whom it concerns, from the names the services noted.

interface Named {
  name?: unknown;
  ticketNo?: unknown;
}

function nameOf(v: unknown): string | null {
  if (!v || typeof v !== 'object') return null;
  const n = (v as Named).name;
  if (typeof n !== 'string' || !n.trim()) return null;
  const ticket = (v as Named).ticketNo;
  return typeof ticket === 'string' && ticket ? `${n}（${ticket}）` : n;
}

/** The people an event concerns, in words: its subject (a candidate or staff member), who vouched or approved, and the room. */
export function auditSubject(detail: string | null | undefined): string {
  if (!detail) return '';
  let d: unknown;
  try {
    d = JSON.parse(detail);
  } catch {
    return '';
  }
  if (!d || typeof d !== 'object') return '';
  const o = d as Record<string, unknown>;
  const after = (o.after && typeof o.after === 'object' ? o.after : {}) as Record<string, unknown>;
  const parts = [
    nameOf(o.subject),
    nameOf(o.candidate),
    nameOf(o.staff),
    nameOf(o.secondProctor ?? after.secondProctor),
    nameOf(after.lateApprovedBy),
    o.door && typeof o.door === 'object' && typeof (o.door as { roomCode?: unknown }).roomCode === 'string' ? (o.door as { roomCode: string }).roomCode : null,
  ].filter((p): p is string => !!p);
  return [...new Set(parts)].join(' · ');
}
