import type { MessageKey } from '../../i18n';

export const REASON_KEYS = {
  plan: 'backup.reason.plan',
  door: 'backup.reason.door',
  seal: 'backup.reason.seal',
  timer: 'backup.reason.timer',
  manual: 'backup.reason.manual',
} as const satisfies Record<string, MessageKey>;

export function megabytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** An ISO instant as Beijing wall time, to the minute. */
export function beijingTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export const FAILURE_KEYS = {
  driveMissing: 'backup.failure.driveMissing',
  integrity: 'backup.failure.integrity',
  chain: 'backup.failure.chain',
  failed: 'backup.failure.failed',
} as const satisfies Record<string, MessageKey>;

/** A failed run in words: its reason from the catalogue, with the technical detail. */
export function failureText(t: (key: MessageKey, params?: Record<string, string | number>) => string, run: { errorReason: keyof typeof FAILURE_KEYS | null; error: string | null }): string {
  return run.errorReason ? t(FAILURE_KEYS[run.errorReason], { detail: run.error ?? '' }) : (run.error ?? '');
}
