// Shared by the scoring and results pages: the batch picker, downloads and file reading.
import { useBatchPicker } from '../../components/useBatchPicker';
import { describeIssue, translate, type Lang, type MessageKey } from '../../i18n';

/** P3: a level is always shown by its name, "四级/中级工", never as a bare number. */
export const levelKey = (l: number) => `plan.level.${l}` as MessageKey;

export const useResultsBatch = () => useBatchPicker('scoring.batches', 'esc.results.batch');

export { downloadBase64 } from '../../components/download';

export function readBase64(f: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const url = String(r.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(f);
  });
}

export const KIND_KEYS = { theory: 'scoring.kind.theory', skill: 'scoring.kind.skill', review: 'scoring.kind.review' } as const;
export function kindKey(kind: string) {
  return KIND_KEYS[kind as keyof typeof KIND_KEYS] ?? 'scoring.kind.skill';
}

/** Why a subject has no score yet, from the results' hold code (and the hold inside a re-scoring round). */
export function holdText(lang: Lang, hold: { code: string; params: Record<string, string | number> } | null): string | null {
  if (!hold) return null;
  const text = describeIssue(lang, { reason: hold.code, params: hold.params }, 'results.hold.');
  const then = hold.params.then;
  if (typeof then !== 'string' || !then.startsWith('@results.hold.')) return text;
  const inner = describeIssue(lang, { reason: then.slice('@results.hold.'.length), params: hold.params }, 'results.hold.');
  return translate(lang, 'results.hold.then', { hold: text, then: inner });
}

/** 职业（工种）: the work type in brackets when there is one (P2). */
export function occupationLabel(lang: Lang, occupation: string, workType: string | null): string {
  if (!workType) return occupation;
  return lang === 'en' ? `${occupation} (${workType})` : `${occupation}（${workType}）`;
}
