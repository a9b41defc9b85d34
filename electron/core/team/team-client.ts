import type { ClientRequest } from 'node:http';
import { pipeline } from 'node:stream/promises';
import {
  CHANNEL_POLICIES,
  isChannelName,
  isDownloadChannel,
  type DownloadChannel,
  type DownloadOutcome,
  type OperatorRole,
  type PoolerEvent,
  type Result,
  type TeamStatus,
} from '../../../shared/contract';
import { AppError } from '../errors';
import type { Dispatch } from '../rpc/dispatch';
import type { Download } from '../rpc/download';
import { COUNT_TRAILER } from '../http/download-route';
import { errorOf, openTeamRequest, teamCall, TeamUnreachable, type TeamEndpoint } from './team-http';

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;
/** Sent by the server on an idle stream every 15 s: silence for longer means the link is gone. */
const STREAM_SILENCE_MS = 45_000;
/** Enough for every list and page an operator looked at lately; searches typed letter by letter pass through. */
const LAST_READS = 200;

export interface TeamSession extends TeamEndpoint {
  session: string;
  email: string;
  role: OperatorRole;
}

export interface TeamClient {
  dispatch: Dispatch;
  status(): TeamStatus;
  close(): void;
}

const DOWNLOAD_TITLES: Record<DownloadChannel, string> = {
  'invites.export': 'Export invites',
  'upstreams.exportAuth': 'Export auth.json',
};

const offlineSentence = (since: number) =>
  `The team server has not answered since ${new Date(since).toLocaleTimeString()}: changes wait until it does.`;

/**
 * A desktop console signed in to a team server: every call goes to the server as this operator,
 * and the server's events come back over one stream. While the server does not answer, the
 * console is offline: what it last read stays readable, changes are refused with the reason, and
 * the stream keeps trying (1 s, doubling to 30 s) until the server is back.
 */
export function connectTeamClient(options: {
  connection: TeamSession;
  now?: () => number;
  onEvent(event: PoolerEvent): void;
  onStatus(status: TeamStatus): void;
}): TeamClient {
  const { connection, onEvent, onStatus } = options;
  const now = options.now ?? Date.now;
  const lastRead = new Map<string, unknown>();
  /** The newest answers of the last LAST_READS distinct reads: what an offline console can still show. */
  const remember = (key: string, data: unknown) => {
    lastRead.delete(key);
    lastRead.set(key, data);
    if (lastRead.size > LAST_READS) lastRead.delete(lastRead.keys().next().value!);
  };
  let offlineSince: number | null = null;
  let closed = false;
  let stream: ClientRequest | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const status = (): TeamStatus => ({
    state: offlineSince === null ? 'connected' : 'offline',
    url: connection.url,
    email: connection.email,
    role: connection.role,
    offlineSince,
  });
  const setOffline = (offline: boolean) => {
    if (closed || offline === (offlineSince !== null)) return;
    offlineSince = offline ? now() : null;
    onStatus(status());
  };

  /**
   * The file behind a download link, opened first (its name comes with it), then streamed into
   * wherever the shell saves it; dropped if the operator cancels.
   */
  function linkedDownload(url: string, title: string): Promise<{ download: Download; drop(): void }> {
    return new Promise((resolve, reject) => {
      openTeamRequest(
        connection,
        url,
        { method: 'GET', session: connection.session, accept: '*/*' },
        (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            return reject(new AppError('not_found', 'The team server no longer has this download. Start it again.'));
          }
          const named = /filename="([^"]+)"/.exec(res.headers['content-disposition'] ?? '')?.[1];
          resolve({
            download: {
              fileName: named ?? 'download',
              contentType: res.headers['content-type'] ?? 'application/octet-stream',
              title,
              write: async (out) => {
                await pipeline(res, out, { end: false });
                return Number(res.trailers[COUNT_TRAILER] ?? 0);
              },
            },
            drop: () => res.destroy(),
          });
        },
        reject,
      );
    });
  }

  const dispatch: Dispatch = async (channel, input, context = {}) => {
    if (!isChannelName(channel)) return { ok: false, error: { code: 'unknown_channel', message: 'No such channel.' } };
    const reads = CHANNEL_POLICIES[channel].access === 'read';
    const key = `${channel} ${JSON.stringify(input ?? {})}`;
    let answer;
    try {
      answer = await teamCall(connection, `rpc/${channel}`, {
        method: 'POST',
        session: connection.session,
        body: input ?? {},
      });
    } catch (err) {
      if (!(err instanceof TeamUnreachable)) throw err;
      setOffline(true);
      if (reads && lastRead.has(key)) return { ok: true, data: lastRead.get(key) };
      return { ok: false, error: { code: 'server_unreachable', message: offlineSentence(offlineSince ?? now()) } };
    }
    setOffline(false);
    const result =
      answer.status === 200 ? (answer.body as Result<unknown>) : { ok: false as const, error: errorOf(answer) };
    if (!result.ok) return result;
    if (reads) remember(key, result.data);
    const outcome = result.data as DownloadOutcome;
    if (isDownloadChannel(channel) && outcome.kind === 'link') {
      if (!context.deliver)
        return { ok: false, error: { code: 'not_supported', message: 'This console cannot save files.' } };
      try {
        const { download, drop } = await linkedDownload(outcome.url, DOWNLOAD_TITLES[channel]);
        const saved = await context.deliver(download);
        drop();
        return { ok: true, data: saved };
      } catch (err) {
        if (err instanceof AppError) return { ok: false, error: err.toBody() };
        if (err instanceof TeamUnreachable) {
          setOffline(true);
          return { ok: false, error: { code: 'server_unreachable', message: offlineSentence(offlineSince ?? now()) } };
        }
        throw err;
      }
    }
    return result;
  };

  /** The server's event stream; every (re)opening also proves the server is back. */
  function openStream(failures: number) {
    if (closed) return;
    const again = () => {
      stream = null;
      if (closed) return;
      if (failures > 0) setOffline(true);
      retry = setTimeout(() => openStream(failures + 1), Math.min(RETRY_FIRST_MS * 2 ** failures, RETRY_MAX_MS));
    };
    stream = openTeamRequest(
      connection,
      'events',
      { method: 'GET', session: connection.session, accept: 'text/event-stream' },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return again();
        }
        failures = 0;
        // Whatever changed before the stream (re)opened was never announced: the window reads again.
        if (offlineSince === null) onStatus(status());
        setOffline(false);
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const data = buffer
              .slice(0, end)
              .split('\n')
              .filter((line) => line.startsWith('data: '))
              .map((line) => line.slice('data: '.length))
              .join('\n');
            buffer = buffer.slice(end + 2);
            if (data) onEvent(JSON.parse(data) as PoolerEvent);
          }
        });
        res.on('close', again);
      },
      () => again(),
    );
    stream.setTimeout(STREAM_SILENCE_MS, () => stream?.destroy());
  }
  openStream(0);

  return {
    dispatch,
    status,
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      stream?.destroy();
    },
  };
}
