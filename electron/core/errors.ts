import type { ApiErrorBody, ErrorCode } from '../../shared/contract';

/** An expected failure with a code the renderer understands; never carries a stack to the user. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ApiErrorBody {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }
}

export type StartupErrorCode =
  | 'database_too_new'
  | 'migration_modified'
  | 'migration_missing'
  | 'invalid_environment'
  | 'database_damaged'
  | 'database_unreadable'
  | 'storage_full'
  | 'data_key_file'
  | 'database_url_invalid'
  | 'database_unreachable'
  | 'database_missing'
  | 'database_refused_login'
  | 'database_too_old';

/** Why the core refused to start; the shells print `message` as is. */
export class StartupError extends Error {
  constructor(
    readonly code: StartupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StartupError';
  }
}
