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
