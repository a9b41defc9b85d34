import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { generate } from 'selfsigned';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface TestSmtpServer {
  port: number;
  messages: ParsedMail[];
  /** Raw RFC 822 source of each message, for byte-level checks. */
  sources: string[];
  waitForMessages(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export interface SmtpServerOptions {
  mode: 'plain' | 'starttls' | 'tls';
  /** Require this login; without it the server accepts anyone (or no AUTH at all). */
  auth?: { user: string; pass: string };
  /** Recipients matching this are refused with 550. */
  rejectRecipients?: RegExp;
}

let certificate: Promise<{ key: string; cert: string }> | null = null;

/** One self-signed certificate for 127.0.0.1, made once per test process. */
function selfSignedCertificate(): Promise<{ key: string; cert: string }> {
  certificate ??= generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 2 * 86_400_000),
  }).then((pems) => ({
    key: pems.private,
    cert: pems.cert,
  }));
  return certificate;
}

/** A real SMTP server on 127.0.0.1 (the smtp-server package), collecting what it receives. */
export async function startSmtpServer(options: SmtpServerOptions): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const sources: string[] = [];
  const tls = options.mode === 'plain' ? {} : await selfSignedCertificate();
  const config: SMTPServerOptions = {
    ...tls,
    secure: options.mode === 'tls',
    logger: false,
    disabledCommands: [...(options.mode === 'plain' ? ['STARTTLS'] : []), ...(options.auth ? [] : ['AUTH'])],
    authOptional: !options.auth,
    allowInsecureAuth: options.mode === 'plain',
    onAuth(auth, _session, callback) {
      if (auth.username === options.auth?.user && auth.password === options.auth?.pass)
        return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipients?.test(address.address)) {
        return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      }
      return callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const source = Buffer.concat(chunks);
        sources.push(source.toString('utf8'));
        void simpleParser(source).then((mail) => {
          messages.push(mail);
          callback();
        }, callback);
      });
    },
  };
  const server = new SMTPServer(config);
  // A client that refuses the certificate drops the connection mid-handshake; that is expected here.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    messages,
    sources,
    async waitForMessages(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${messages.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}

/** A TCP listener that accepts connections and never says a word: an SMTP server that hangs. */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
