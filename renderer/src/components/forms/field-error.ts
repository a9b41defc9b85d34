import type { z } from 'zod';

/** The first message the shared contract schema gives for a value, or null when it is valid. */
export function fieldError(schema: z.ZodType, value: unknown): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? 'Not valid.');
}
