import type { z } from 'zod';
import type { ApiErrorBody } from '../../../shared/contract';

/** Turns zod issues into `validation_failed` with one sentence per field (the first issue wins). */
export function validationError(error: z.ZodError): ApiErrorBody {
  const fields: Record<string, string> = {};
  const put = (path: PropertyKey[], message: string) => {
    const key = path.map(String).join('.') || 'input';
    fields[key] ??= message;
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
  const entries = Object.entries(fields);
  const message =
    entries.length === 1 ? (entries[0]?.[1] ?? 'The request is not valid.') : `${entries.length} fields are not valid.`;
  return { code: 'validation_failed', message, fields };
}
