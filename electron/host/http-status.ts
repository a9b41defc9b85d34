import type { ErrorCode } from '../../shared/contract';

const STATUS: Partial<Record<ErrorCode, number>> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unknown_channel: 404,
  pool_name_taken: 409,
  pool_archived: 409,
  pool_not_active: 409,
  keychain_unavailable: 503,
  internal_error: 500,
};

/** HTTP status for an error result, so curl users and proxies see what the body says. */
export function httpStatusFor(code: ErrorCode): number {
  return STATUS[code] ?? 400;
}
