import './onboarding.css';
import type { OnboardingPageState } from '../../shared/onboarding/page-state';
import { el } from './dom';
import { view } from './views';

// The invite token is in this page's own path; API calls go to sub-paths of it, so the token
// never appears in the page's content.
const base = window.location.pathname.replace(/\/+$/, '');
const app = document.getElementById('app')!;
let state = JSON.parse(document.getElementById('onboarding-state')!.textContent ?? 'null') as OnboardingPageState;
let busy = false;
let events: EventSource | null = null;

function render() {
  // Re-rendering must not steal keyboard focus: put it back on the same control afterwards.
  const focused = [...app.querySelectorAll('button, a')].indexOf(document.activeElement as Element);
  const now = Date.now();
  if ('invite' in state && state.view === 'ready' && state.invite.expiresAt <= now) state = { view: 'expired' };
  app.replaceChildren(
    el('header', { class: 'brand' }, el('span', { class: 'mark', 'aria-hidden': 'true' }), 'Pooler Console'),
    el('h1', {}, 'Connect your Codex account'),
    ...view(state, { start, copy }, now),
  );
  for (const button of app.querySelectorAll('button')) if (busy) button.setAttribute('disabled', '');
  if (focused >= 0) (app.querySelectorAll('button, a')[focused] as HTMLElement | undefined)?.focus();
  const live = state.view === 'ready' || state.view === 'pending' || state.view === 'error';
  if (live && !events) follow();
  if (!live) {
    events?.close();
    events = null;
  }
}

/** The console pushes every change (approved, expired, revoked…) as server-sent events. */
function follow() {
  events = new EventSource(`${base}/events`);
  events.onmessage = (message: MessageEvent<string>) => {
    state = JSON.parse(message.data) as OnboardingPageState;
    render();
  };
}

async function start() {
  busy = true;
  render();
  try {
    const response = await fetch(`${base}/start`, { method: 'POST' });
    state = (await response.json()) as OnboardingPageState;
  } catch {
    if ('invite' in state)
      state = { view: 'error', invite: state.invite, failure: 'console_unavailable', accountEmail: null };
  } finally {
    busy = false;
    render();
  }
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
