import type { ApiErrorBody, ErrorCode } from '../../../shared/contract';

/** A failed contract call, thrown by the API client so queries and mutations can catch it. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string>;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.fields = body.fields ?? {};
  }
}

/** The sentence to show for any thrown value, without ever showing a stack. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'The console could not be reached. Check that it is still running, then try again.';
}
