import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { Core } from '../core';
import { AppError } from '../core/errors';
import { httpStatusFor } from '../core/http/http-status';
import { clearSessionCookie, presentedSession, setSessionCookie, SIGN_IN_LIMIT } from './operator-session';
import { errorLine, escapeHtml, page } from './page-html';

type Form = Record<string, string | undefined>;
const FORM_LIMIT = 16 * 1024;

function signInPage(email: string, error: string | null): string {
  return page(
    'Sign in',
    `<h1>Sign in to Pooler Console</h1><p>This team server's operators sign in with their password and the code from their authenticator app.</p>${errorLine(error)}
<form method="post" action="/sign-in">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(email)}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<label for="code">Authenticator code</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required placeholder="123456, or a recovery code">
<button type="submit">Sign in</button></form>`,
  );
}

async function enrolPage(
  token: string,
  about: { email: string; role: string; totpSecret: string; totpUri: string },
  error: string | null,
): Promise<string> {
  const qr = await QRCode.toString(about.totpUri, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
  const grouped = about.totpSecret.replace(/(.{4})/g, '$1 ').trim();
  return page(
    'Enrol',
    `<h1>Welcome, ${escapeHtml(about.email)}</h1><p>You are joining this team server as ${about.role === 'admin' ? 'an admin' : `the ${escapeHtml(about.role)}`}. Choose a password, then add Pooler Console to your authenticator app and enter its code.</p>${errorLine(error)}
<form method="post" action="/enrol/${encodeURIComponent(token)}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required>
<label for="confirm">Password again</label><input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="12" required>
<label>Authenticator</label><p>Scan this code, or type the key by hand:</p><div class="qr" role="img" aria-label="QR code for the authenticator app">${qr}</div>
<p class="secret"><code aria-label="Authenticator key">${escapeHtml(grouped)}</code></p>
<label for="code">Code from the app</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" required placeholder="123456">
<button type="submit">Finish enrolling</button></form>`,
  );
}

function recoveryPage(email: string, codes: string[]): string {
  return page(
    'Recovery codes',
    `<h1>You are enrolled</h1><p>${escapeHtml(email)} can now sign in. Keep these recovery codes somewhere safe: each one signs in once without the authenticator app, and they are shown only now.</p>
<ul class="codes" aria-label="Recovery codes">${codes.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul><p><a href="/sign-in">Sign in</a></p>`,
  );
}

function linkProblemPage(message: string): string {
  return page(
    'Enrolment link',
    `<h1>This link cannot be used</h1>${errorLine(message)}<p>Ask an owner of this team server for a new enrolment link.</p>`,
  );
}

const html = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(body);

/**
 * The server's own pages for people, in plain HTML forms: sign-in (a session cookie, then the
 * browser console), sign-out, and enrolment through the one-time link an owner made (password,
 * authenticator, recovery codes shown once).
 */
export function registerOperatorPages(
  app: FastifyInstance,
  options: { core: Core; secure: (req: FastifyRequest) => boolean },
): void {
  const { core, secure } = options;
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_LIMIT },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  app.get('/sign-in', (_req, reply) => html(reply, 200, signInPage('', null)));
  app.post<{ Body: Form }>('/sign-in', { config: SIGN_IN_LIMIT }, async (req, reply) => {
    const form = req.body ?? {};
    try {
      const { session } = await core.operators.signIn({ email: form.email, password: form.password, code: form.code });
      setSessionCookie(reply, session, secure(req));
      return reply.code(303).header('Location', '/').send();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return html(reply, httpStatusFor(err.code), signInPage(String(form.email ?? '').slice(0, 254), err.message));
    }
  });
  app.post('/sign-out', async (req, reply) => {
    const session = presentedSession(req);
    if (session) await core.operators.signOut(session);
    clearSessionCookie(reply, secure(req));
    return reply.code(303).header('Location', '/sign-in').send();
  });

  app.get<{ Params: { token: string } }>('/enrol/:token', async (req, reply) => {
    try {
      const about = await core.operators.beginEnrolment(req.params.token);
      return html(reply, 200, await enrolPage(req.params.token, about, null));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return html(reply, httpStatusFor(err.code), linkProblemPage(err.message));
    }
  });
  app.post<{ Params: { token: string }; Body: Form }>('/enrol/:token', async (req, reply) => {
    const { token } = req.params;
    const form = req.body ?? {};
    try {
      if (form.password !== form.confirm) {
        throw new AppError('validation_failed', 'The two passwords are not the same.', { confirm: 'Not the same.' });
      }
      const about = await core.operators.beginEnrolment(token);
      const { recoveryCodes } = await core.operators.enrol(token, { password: form.password, code: form.code });
      return html(reply, 200, recoveryPage(about.email, recoveryCodes));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'not_active') return html(reply, httpStatusFor(err.code), linkProblemPage(err.message));
      const about = await core.operators.beginEnrolment(token);
      return html(reply, httpStatusFor(err.code), await enrolPage(token, about, err.message));
    }
  });
}
