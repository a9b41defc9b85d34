import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { invitePageFiles } from '../../../shared/onboarding/page-files';
import type { OnboardingPageState } from '../../../shared/onboarding/page-state';

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const STATE_SLOT = '<script type="application/json" id="onboarding-state">null</script>';

/** One of the page's files, in every encoding it is sent in. */
interface PageAsset {
  type: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

export interface OnboardingPage {
  html(state: OnboardingPageState): string;
  /** Only the files the page itself references: the onboarding server serves nothing else. */
  assets: Map<string, PageAsset>;
}

/** A file as built, with the compressed copies the build wrote beside it (scripts/invite-page-encodings.ts). */
async function encoded(path: string): Promise<PageAsset> {
  const [identity, br, gzip] = await Promise.all([readFile(path), readFile(`${path}.br`), readFile(`${path}.gz`)]);
  return { type: TYPES[extname(path)] ?? 'application/octet-stream', identity, br, gzip };
}

/** The invite page as built (out/renderer/onboarding.html and its assets), held in memory. */
export async function loadOnboardingPage(rendererDir: string): Promise<OnboardingPage> {
  const template = await readFile(join(rendererDir, 'onboarding.html'), 'utf8');
  if (!template.includes(STATE_SLOT)) throw new Error('onboarding.html has no state slot');
  const assets = new Map<string, PageAsset>();
  for (const name of invitePageFiles(template)) assets.set(name, await encoded(join(rendererDir, 'assets', name)));
  const page = template.replaceAll('"./assets/', '"/onboarding/assets/');
  // The flow keeps a page's state object until it changes: render each one once.
  const rendered = new WeakMap<OnboardingPageState, string>();
  return {
    assets,
    html(state) {
      let html = rendered.get(state);
      if (html === undefined) {
        // JSON in a non-executable script block: escaping "<" keeps any value from closing it.
        const json = JSON.stringify(state).replace(/</g, '\\u003c');
        html = page.replace(STATE_SLOT, `<script type="application/json" id="onboarding-state">${json}</script>`);
        rendered.set(state, html);
      }
      return html;
    },
  };
}
