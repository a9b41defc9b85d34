import type { ServerResponse } from 'node:http';
import type { Result } from '../../../shared/contract';
import type { Download } from '../rpc/download';
import { AppError } from '../errors';
import type { Logger } from '../log/logger';
import { httpStatusFor } from './http-status';
import { answerJson } from './json-exchange';

/** The file's row count, sent after its last byte (a browser ignores it; a desktop console reports it). */
export const COUNT_TRAILER = 'pooler-count';

const GONE: Result<never> = {
  ok: false,
  error: {
    code: 'not_found',
    message: 'This download link has expired or was already used. Start the download again from the console.',
  },
};

/**
 * GET /download/{ticket}: streams the file a ticket names. A refusal found before the first byte
 * (the account needs a relink since the link was made) still answers as an error; one after it
 * cuts the response, so a browser never saves a silently shortened file.
 */
export async function serveDownload(
  download: Download | null,
  res: ServerResponse,
  options: { headers: Record<string, string>; logger: Logger },
) {
  for (const [name, value] of Object.entries(options.headers)) res.setHeader(name, value);
  if (!download) return answerJson(res, 404, GONE, {});
  res.setHeader('Content-Type', download.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${download.fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
  // How many rows it held, after the last byte: a desktop console saving it says so.
  res.setHeader('Trailer', COUNT_TRAILER);
  try {
    const count = await download.write(res);
    res.addTrailers({ [COUNT_TRAILER]: String(count) });
    res.end();
  } catch (err) {
    if (!(err instanceof AppError)) options.logger.error({ err }, 'download failed');
    if (res.headersSent) return void res.destroy();
    res.removeHeader('Content-Disposition');
    res.removeHeader('Trailer');
    if (err instanceof AppError) answerJson(res, httpStatusFor(err.code), { ok: false, error: err.toBody() }, {});
    else answerJson(res, 500, INTERNAL, {});
  }
}

const INTERNAL: Result<never> = {
  ok: false,
  error: { code: 'internal_error', message: 'Something went wrong. The details are in the log.' },
};
