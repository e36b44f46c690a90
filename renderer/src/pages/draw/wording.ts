// The draw's findings in words: the services hand over {rule, reason, params} (with a person's
// bar, the blockers of a shortage, who could be called in) and the catalogue words them in
// either language. Pure, so tests can read exactly what the screen shows.
import type { DrawBar, DrawIssue, DrawProblem } from '../../../../electron/commands/api';
import { describeIssue, translate, type Lang, type MessageKey } from '../../i18n';

type Params = Record<string, string | number>;

const MAX_BLOCKERS = 8;
const MAX_ROOMS = 8;

const say = (lang: Lang, key: MessageKey, params?: Params) => translate(lang, key, params);

/** Why one person cannot serve, e.g. 培训了（或亲属）该考场5名考生. */
export function describeBar(lang: Lang, bar: DrawBar & { rooms?: { code: string; bar: DrawBar }[] }): string {
  if (bar.rooms) return bar.rooms.map((r) => say(lang, 'draw.bar.inRoom', { room: r.code, bar: describeBar(lang, r.bar) })).join(say(lang, 'draw.sep.rooms'));
  return describeIssue(lang, bar, 'draw.bar.');
}

/** A violation, a relaxation or a problem's head: `draw.issue.<reason>` with the person's bar worded into it. */
export function describeDrawIssue(lang: Lang, issue: DrawIssue & { bar?: DrawBar | undefined }): string {
  const params: Params = { ...issue.params };
  if (issue.bar) params.bar = describeBar(lang, issue.bar);
  return describeIssue(lang, { reason: issue.reason, params }, 'draw.issue.');
}

/** A refusal of the draw: the shortage, who is barred and why, and who could be called in. */
export function describeProblem(lang: Lang, p: DrawProblem): string {
  if (p.reason !== 'shortRoom' && p.reason !== 'shortRooms') return describeDrawIssue(lang, p);
  const codes = p.roomCodes ?? [];
  const shown = codes.slice(0, MAX_ROOMS).join(say(lang, 'draw.sep.names'));
  const rooms = codes.length > MAX_ROOMS ? say(lang, 'draw.issue.roomsMore', { rooms: shown, count: codes.length }) : shown;
  const head = describeDrawIssue(lang, { ...p, params: { ...p.params, rooms } });
  const blockers = p.blockers
    .slice(0, MAX_BLOCKERS)
    .map((b) => `${b.name} ${describeBar(lang, b)}`)
    .join(say(lang, 'draw.sep.items'));
  const more = p.blockers.length > MAX_BLOCKERS ? say(lang, 'draw.issue.blockersMore', { count: p.blockers.length }) : '';
  const text = blockers ? say(lang, 'draw.issue.withBlockers', { head, blockers: `${blockers}${more}` }) : head;
  const fix = p.suggest.length > 0 ? say(lang, 'draw.issue.callIn', { names: p.suggest.map((s) => s.name).join(say(lang, 'draw.sep.names')) }) : say(lang, 'draw.issue.nobody');
  return say(lang, 'draw.issue.withFix', { text, fix });
}

/** A room's people in the verification report: proctors / chief / examiners. */
export function describePeople(lang: Lang, p: { proctors: string[]; chief: string | null; examiners: string[] } | null): string {
  if (!p) return say(lang, 'draw.verify.none');
  const sep = say(lang, 'draw.sep.names');
  return [p.proctors.join(sep), p.chief === null ? '' : say(lang, 'draw.verify.chief', { name: p.chief }), p.examiners.join(sep)].filter(Boolean).join(' / ');
}
