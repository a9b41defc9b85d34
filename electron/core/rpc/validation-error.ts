import type { z } from 'zod';
import type { ApiErrorBody } from '../../../shared/contract';

/** Turns zod issues into `validation_failed` with one sentence per field (the first issue wins). */
export function validationError(error: z.ZodError): ApiErrorBody {
  // A Map, not an object literal: field names come from the input, and "__proto__" or
  // "constructor" must be reported like any other unknown field rather than hit Object.prototype.
  const fields = new Map<string, string>();
  const put = (path: PropertyKey[], message: string) => {
    const key = path.map(String).join('.') || 'input';
    if (!fields.has(key)) fields.set(key, message);
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) put([...issue.path, key], 'Unknown field.');
    } else if (issue.path.length === 0 && issue.code === 'invalid_type') {
      put([], 'The request must be an object.');
    } else {
      put(issue.path, issue.message);
    }
  }
  const message =
    fields.size === 1
      ? (fields.values().next().value ?? 'The request is not valid.')
      : `${fields.size} fields are not valid.`;
  return { code: 'validation_failed', message, fields: Object.fromEntries(fields) };
}
