import './onboarding.css';
import { PASTE_ERRORS, type BrowserStart, type PasteError } from '../../shared/onboarding/page-api';
import type { StartRequest } from '../../shared/onboarding/page-requests';
import { browserView, type BrowserWay } from './browser-view';
import type { OnboardingPageState } from '../../shared/onboarding/page-state';
import { el } from './dom';
import { heading, view } from './views';

// The invite token is in this page's own path; API calls go to sub-paths of it, so the token
// never appears in the page's content.
const base = window.location.pathname.replace(/\/+$/, '');
const app = document.getElementById('app')!;
let state = JSON.parse(document.getElementById('onboarding-state')!.textContent ?? 'null') as OnboardingPageState;
let busy = false;
/** The browser way, while the invitee is on it: the page's own state, not the console's. */
let browser: BrowserWay | null = null;
let events: EventSource | null = null;
/** Set while the page asks for its state on a timer because the listener refused a stream. */
let polling: ReturnType<typeof setInterval> | null = null;

/** How often a page without a stream asks for its state. */
const POLL_MS = 10_000;

function render() {
  // Re-rendering must not steal keyboard focus: put it back on the same control afterwards.
  const focused = [...app.querySelectorAll('button, a, textarea')].indexOf(document.activeElement as Element);
  const now = Date.now();
  if ('invite' in state && state.view === 'ready' && state.invite.expiresAt <= now) state = { view: 'expired' };
  app.replaceChildren(
    el('header', { class: 'brand' }, el('span', { class: 'mark', 'aria-hidden': 'true' }), 'Pooler Console'),
    el('h1', {}, heading(state)),
    ...(browser && 'invite' in state
      ? browserView(browser, state.invite.email, { paste, leave })
      : view(state, { start, copy, browser: startBrowser }, now)),
  );
  for (const button of app.querySelectorAll('button')) if (busy) button.setAttribute('disabled', '');
  if (focused >= 0) (app.querySelectorAll('button, a, textarea')[focused] as HTMLElement | undefined)?.focus();
  // A connected page still waits for its receipt.
  const live =
    state.view === 'ready' ||
    state.view === 'pending' ||
    state.view === 'error' ||
    (state.view === 'connected' && state.receipt === null);
  if (live && !events && !polling) follow();
  if (!live) {
    events?.close();
    events = null;
    if (polling) clearInterval(polling);
    polling = null;
  }
}

/** The listener answers a page state with 200, 404 or 410; anything else (429, 503) is not one. */
async function pageState(response: Response): Promise<OnboardingPageState> {
  if (![200, 404, 410].includes(response.status)) throw new Error(`answered ${response.status}`);
  return (await response.json()) as OnboardingPageState;
}

function show(next: OnboardingPageState) {
  state = next;
  render();
}

/**
 * The console pushes every change (approved, expired, revoked…) as server-sent events. When it
 * ends the stream (a final state) the page stops listening; when it refuses one (too many open
 * pages, 503) the browser gives up on it, and the page asks for its state every few seconds.
 */
function follow() {
  const stream = new EventSource(`${base}/events`);
  events = stream;
  stream.onmessage = (message: MessageEvent<string>) => show(JSON.parse(message.data) as OnboardingPageState);
  stream.onerror = () => {
    if (stream.readyState !== EventSource.CLOSED || events !== stream) return;
    events = null;
    polling = setInterval(() => {
      void fetch(`${base}/state`)
        .then(pageState)
        .then(show, () => undefined);
    }, POLL_MS);
  };
}

/** An error state for a console the page cannot reach. */
function consoleUnavailable() {
  if ('invite' in state)
    state = { view: 'error', invite: state.invite, failure: 'console_unavailable', accountEmail: null };
}

/** Runs one request with the page's buttons off; an unreachable console is handled by `unreachable`. */
async function whileBusy(request: () => Promise<void>, unreachable = consoleUnavailable) {
  busy = true;
  render();
  try {
    await request();
  } catch {
    unreachable();
  } finally {
    busy = false;
    render();
  }
}

const post = (path: string, body?: unknown) =>
  fetch(`${base}/${path}`, {
    method: 'POST',
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });

function start(again: boolean) {
  const body: StartRequest = again ? { again } : {};
  void whileBusy(async () => {
    state = await pageState(await post('start', body));
  });
}

/** Asks the console for a sign-in address (it keeps the verifier) and shows the paste box. */
function startBrowser() {
  void whileBusy(async () => {
    const answer = (await (await post('browser')).json()) as BrowserStart | OnboardingPageState;
    if ('authorizeUrl' in answer) browser = { authorizeUrl: answer.authorizeUrl, error: null, text: '' };
    else state = answer;
  });
}

/** Sends the pasted address; the console answers with the page's next state or why it refused. */
function paste(text: string) {
  void whileBusy(
    async () => {
      const answer = (await (await post('browser/paste', { text })).json()) as
        OnboardingPageState | { error: { code: PasteError } };
      if (!('error' in answer)) {
        state = answer;
        browser = null;
      } else if (browser) browser.error = PASTE_ERRORS[answer.error.code] ?? 'That was not accepted. Sign in again.';
    },
    () => {
      if (browser) browser.error = 'The console could not be reached. Try again in a moment.';
    },
  );
}

function leave() {
  browser = null;
  render();
}

function copy(code: string, button: HTMLElement) {
  void navigator.clipboard.writeText(code).then(
    () => (button.textContent = 'Copied'),
    () => (button.textContent = 'Select the code to copy it'),
  );
}

render();
// Keeps the countdown and the "still waiting?" hint current.
setInterval(render, 30_000);
