/**
 * Errors travel as data: a stable code (the HTTP status follows from it), a reason (a catalogue
 * key the renderer words in zh-CN and en) and its params. Services never build display sentences.
 * Never a stack trace across a transport.
 */
export type ErrorCode =
  | 'BAD_INPUT'
  | 'UNKNOWN_COMMAND'
  | 'UNAUTHENTICATED'
  | 'SESSION_EXPIRED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PIN_WRONG'
  | 'PIN_LOCKED'
  | 'SETUP_DONE'
  | 'SETUP_REQUIRED'
  | 'HOST_REFUSED'
  | 'SYNC_NOT_CONFIGURED'
  | 'PLAN_INVALID'
  | 'PLAN_CONFIRM_REQUIRED'
  | 'PLAN_LOCKED'
  | 'DRAW_INFEASIBLE'
  | 'DRAW_RULE'
  | 'DRAW_STARTED'
  | 'ID_CHECK_FAILED'
  | 'DOOR_REFUSED'
  | 'ENTRY_CLOSED'
  | 'LEAVE_TOO_EARLY'
  | 'SEAL_NOT_READY'
  | 'PLATFORM_ERROR'
  | 'DISK_FULL'
  | 'LIMIT_EXCEEDED'
  | 'RATE_LIMITED'
  // records at rest: the encrypted database, its key, backups and restore
  | 'VAULT_LOCKED'
  | 'RECOVERY_CODE_WRONG'
  | 'DB_KEY_WRONG'
  | 'BACKUP_ERROR'
  | 'RESTORE_REFUSED'
  // a paired door device whose credential is revoked or unknown
  | 'DEVICE_REFUSED'
  | 'INTERNAL';

/** The error codes as a list, so maps keyed by code (HTTP status) can be checked for completeness. */
export const ERROR_CODES = [
  'BAD_INPUT', 'UNKNOWN_COMMAND', 'UNAUTHENTICATED', 'SESSION_EXPIRED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT',
  'PIN_WRONG', 'PIN_LOCKED', 'RATE_LIMITED', 'SETUP_DONE', 'SETUP_REQUIRED', 'HOST_REFUSED', 'SYNC_NOT_CONFIGURED',
  'PLAN_INVALID', 'PLAN_CONFIRM_REQUIRED', 'PLAN_LOCKED', 'DRAW_INFEASIBLE', 'DRAW_RULE', 'DRAW_STARTED',
  'ID_CHECK_FAILED', 'DOOR_REFUSED', 'ENTRY_CLOSED', 'LEAVE_TOO_EARLY', 'SEAL_NOT_READY', 'PLATFORM_ERROR',
  'DISK_FULL', 'LIMIT_EXCEEDED', 'VAULT_LOCKED', 'RECOVERY_CODE_WRONG', 'DB_KEY_WRONG', 'BACKUP_ERROR', 'RESTORE_REFUSED', 'DEVICE_REFUSED', 'INTERNAL',
] as const satisfies readonly ErrorCode[];

/**
 * A parameter of an error or an issue. A string starting with '@' names a catalogue key that the
 * renderer words in the UI's language (`'@incidents.kind.absent'`), so a service can pass a word
 * (a kind, a role) without writing it in one language.
 */
export type ErrorParams = Record<string, string | number>;

/** What crosses a transport. `reason` is the catalogue key (`area.reason`) the renderer words. */
export interface ErrorData {
  code: ErrorCode;
  /** catalogue key under `error.` in the renderer, e.g. 'checkin.entryClosed' → 'error.checkin.entryClosed' */
  reason?: string;
  /**
   * Chinese text, for logs, scripts and old callers. For errors raised with a reason it is built
   * from the reason and params (no sentence is written in a service); the UI words the reason.
   */
  message: string;
  messageEn: string;
  params?: ErrorParams;
  details?: unknown;
}

/** An issue in a list (readiness checks, plan problems): a code the catalogue words and its params. */
export interface Issue {
  reason: string;
  params?: ErrorParams;
}

const REASON = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/;

interface ErrorOpts {
  details?: unknown;
  persist?: boolean;
}

function describe(reason: string, params: ErrorParams | undefined): string {
  if (!params || Object.keys(params).length === 0) return reason;
  return `${reason} ${JSON.stringify(params)}`;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  /** the catalogue key (without the `error.` prefix), when raised in the coded form */
  readonly reason: string | undefined;
  readonly messageEn: string;
  readonly params: ErrorParams | undefined;
  readonly details: unknown;
  /**
   * When set, the command's transaction still commits (with an audit event marked refused)
   * before the error is returned: a wrong PIN must count even though the sign-in failed.
   */
  readonly persist: boolean;

  /**
   * The coded form, used by every service: `new AppError('CONFLICT', 'seal.alreadySealed', { version: 2 })`.
   * The reason is a catalogue key the renderer words in zh-CN and en (test/unit/catalogue.test.ts
   * checks every reason raised here has both).
   */
  constructor(code: ErrorCode, reason: string, params?: ErrorParams, opts?: ErrorOpts);
  /** @deprecated the sentence form; services raise coded errors. Kept for the transports' own messages. */
  constructor(code: ErrorCode, message: string, messageEn: string, opts?: ErrorOpts & { params?: ErrorParams });
  constructor(code: ErrorCode, a: string, b?: string | ErrorParams, c?: ErrorOpts & { params?: ErrorParams }) {
    const coded = typeof b !== 'string' && REASON.test(a);
    const params = coded ? (b as ErrorParams | undefined) : c?.params;
    super(coded ? describe(a, params) : a);
    this.name = 'AppError';
    this.code = code;
    this.reason = coded ? a : undefined;
    this.messageEn = coded ? describe(a, params) : (b as string | undefined) ?? a;
    this.params = params;
    this.details = c?.details;
    this.persist = c?.persist ?? false;
  }

  toData(): ErrorData {
    const data: ErrorData = { code: this.code, message: this.message, messageEn: this.messageEn };
    if (this.reason) data.reason = this.reason;
    if (this.params) data.params = this.params;
    if (this.details !== undefined) data.details = this.details;
    return data;
  }
}

export function internalError(): ErrorData {
  return { code: 'INTERNAL', reason: 'system.internal', message: '系统内部错误，操作未执行。请重试或联系管理员。', messageEn: 'Internal error; nothing was changed.' };
}
