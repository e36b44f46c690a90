// Shared by the scoring and results pages: the batch picker, downloads and file reading.
import { useBatchPicker } from '../../components/useBatchPicker';
import { type MessageKey } from '../../i18n';

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
