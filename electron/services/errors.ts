/**
 * Errors travel as data: a stable code, a Chinese message for the screen, an English one for
 * logs and the English UI, and optional params/details. Never a stack trace across a transport.
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
  // the door (issue 4)
  | 'ID_CHECK_FAILED'
  | 'DOOR_REFUSED'
  | 'ENTRY_CLOSED'
  | 'LEAVE_TOO_EARLY'
  | 'SEAL_NOT_READY'
  | 'PLATFORM_ERROR'
  // records at rest: the encrypted database, its key, backups and restore
  | 'VAULT_LOCKED'
  | 'RECOVERY_CODE_WRONG'
  | 'DB_KEY_WRONG'
  | 'BACKUP_ERROR'
  | 'RESTORE_REFUSED'
  | 'INTERNAL';

export interface ErrorData {
  code: ErrorCode;
  message: string;
  messageEn: string;
  params?: Record<string, string | number>;
  details?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageEn: string;
  readonly params: Record<string, string | number> | undefined;
  readonly details: unknown;
  /**
   * When set, the command's transaction still commits (with an audit event marked refused)
   * before the error is returned: a wrong PIN must count even though the sign-in failed.
   */
  readonly persist: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    messageEn: string,
    opts: { params?: Record<string, string | number>; details?: unknown; persist?: boolean } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.messageEn = messageEn;
    this.params = opts.params;
    this.details = opts.details;
    this.persist = opts.persist ?? false;
  }

  toData(): ErrorData {
    const data: ErrorData = { code: this.code, message: this.message, messageEn: this.messageEn };
    if (this.params) data.params = this.params;
    if (this.details !== undefined) data.details = this.details;
    return data;
  }
}

export function internalError(): ErrorData {
  return { code: 'INTERNAL', message: '系统内部错误，操作未执行。请重试或联系管理员。', messageEn: 'Internal error; nothing was changed.' };
}
