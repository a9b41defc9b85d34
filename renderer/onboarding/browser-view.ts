import { PASTE_MAX_CHARS } from '../../shared/onboarding/page-api';
import { el } from './dom';

/** The page's own part of a browser sign-in: the authorize URL (never the verifier) and the last refusal. */
export interface BrowserWay {
  authorizeUrl: string;
  error: string | null;
  /** What is in the paste box, kept across re-renders. */
  text: string;
}

export interface BrowserActions {
  paste(text: string): void;
  /** Back to approving with a code. */
  leave(): void;
}

/**
 * "Sign in in your browser": open OpenAI's sign-in in a new tab, land on a page that does not
 * load (nothing listens on localhost:1455 here), and paste its whole address back.
 */
export function browserView(way: BrowserWay, email: string, actions: BrowserActions): HTMLElement[] {
  const box = el('textarea', {
    id: 'paste',
    rows: '3',
    maxlength: String(PASTE_MAX_CHARS),
    spellcheck: 'false',
    autocomplete: 'off',
    placeholder: 'http://localhost:1455/auth/callback?code=…',
    ...(way.error ? { 'aria-invalid': 'true', 'aria-describedby': 'paste-error' } : {}),
  }) as HTMLTextAreaElement;
  box.value = way.text;
  box.addEventListener('input', () => (way.text = box.value));
  const finish = el('button', { type: 'button', class: 'primary' }, 'Finish connecting');
  finish.addEventListener('click', () => actions.paste(box.value));
  const back = el('button', { type: 'button', class: 'secondary' }, 'Use a code instead');
  back.addEventListener('click', () => actions.leave());
  return [
    el('h2', { class: 'state-title' }, 'Sign in in your browser'),
    el(
      'ol',
      { class: 'steps' },
      el(
        'li',
        {},
        el(
          'a',
          { href: way.authorizeUrl, target: '_blank', rel: 'noopener noreferrer' },
          'Open the OpenAI sign-in page',
        ),
        ` and sign in as ${email}.`,
      ),
      el(
        'li',
        {},
        'After signing in you’ll land on a page that doesn’t load. Copy its whole address and paste it here.',
      ),
    ),
    el('label', { for: 'paste', class: 'paste-label' }, 'Address of the page you landed on'),
    box,
    way.error ? el('p', { id: 'paste-error', class: 'paste-error', role: 'alert' }, way.error) : null,
    el('p', { class: 'hint' }, 'Finish within 10 minutes. The address is used once and never shown again.'),
    el('div', { class: 'actions' }, finish, back),
  ].filter((node): node is HTMLElement => node !== null);
}
