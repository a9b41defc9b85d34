import type { ErrorCode } from '../../../shared/contract';

// Complete by type: a new error code does not compile until it has a status of its own.
const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unknown_channel: 404,
  pool_name_taken: 409,
  pool_archived: 409,
  pool_not_active: 409,
  invite_exists: 409,
  not_active: 409,
  smtp_not_configured: 409,
  state_mismatch: 409,
  rate_limited: 429,
  internal_error: 500,
  not_supported: 501,
  openai_unavailable: 502,
  tunnel_failed: 502,
  keychain_unavailable: 503,
  storage_full: 507,
  server_unreachable: 503,
};

/** HTTP status for an error result, so curl users and proxies see what the body says. */
export function httpStatusFor(code: ErrorCode): number {
  return STATUS[code];
}
