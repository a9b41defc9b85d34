import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Result } from '../../../shared/contract';

/** The answer to a body refused (its status says why). */
export const NOT_ACCEPTED: Result<never> = {
  ok: false,
  error: { code: 'validation_failed', message: 'The request was not accepted.' },
};

/** A body refused before it is read or once it is: the status that says why. */
export type BodyRefusal = 400 | 413 | 415;

/**
 * Answers a result as JSON, with the headers given (a listener's security headers, say) beside
 * any already set on the response.
 */
export function answerJson(
  res: ServerResponse,
  status: number,
  body: Result<unknown>,
  headers: Record<string, string>,
): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/**
 * Reads a request's JSON body of at most `limit` bytes, or says why not: 415 for another type,
 * 413 past the limit, 400 for what does not parse. Past the limit the rest is read and dropped
 * (the listener's request deadline bounds how long).
 */
export function readJsonBody(
  req: IncomingMessage,
  limit: number,
): Promise<{ body: unknown; refused?: never } | { refused: BodyRefusal }> {
  if (!/^application\/json(;|$)/i.test(req.headers['content-type'] ?? '')) return Promise.resolve({ refused: 415 });
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve({ refused: 413 });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('error', () => resolve({ refused: 400 }));
    req.on('end', () => {
      if (size > limit) return resolve({ refused: 413 });
      try {
        resolve({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      } catch {
        resolve({ refused: 400 });
      }
    });
  });
}
