import { z } from 'zod';

/**
 * What a download channel answers the page. The desktop app saved the file where the operator
 * chose (or the operator cancelled the dialog); the browser console hands back a short-lived,
 * single-use link that the page follows, so the bytes never pass through page script.
 */
const downloadOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved'), fileName: z.string(), count: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('cancelled') }),
  z.object({ kind: z.literal('link'), url: z.string() }),
]);
export type DownloadOutcome = z.infer<typeof downloadOutcomeSchema>;

/** A contract entry whose answer is a file: its input is validated like any other call's. */
export function downloadChannel<I extends z.ZodType>(input: I) {
  return { kind: 'download', input, output: downloadOutcomeSchema } as const;
}
