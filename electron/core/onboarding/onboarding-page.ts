import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { OnboardingPageState } from '../../../shared/onboarding/page-state';

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const STATE_SLOT = '<script type="application/json" id="onboarding-state">null</script>';

export interface OnboardingPage {
  html(state: OnboardingPageState): string;
  /** Only the files the page itself references: the onboarding server serves nothing else. */
  assets: Map<string, { body: Buffer; type: string }>;
}

/** The invite page as built (out/renderer/onboarding.html and its assets), held in memory. */
export async function loadOnboardingPage(rendererDir: string): Promise<OnboardingPage> {
  const template = await readFile(join(rendererDir, 'onboarding.html'), 'utf8');
  if (!template.includes(STATE_SLOT)) throw new Error('onboarding.html has no state slot');
  const assets = new Map<string, { body: Buffer; type: string }>();
  for (const [, name] of template.matchAll(/(?:src|href)="\.\/assets\/([\w.-]+)"/g)) {
    assets.set(name!, {
      body: await readFile(join(rendererDir, 'assets', name!)),
      type: TYPES[extname(name!)] ?? 'application/octet-stream',
    });
  }
  const page = template.replaceAll('"./assets/', '"/onboarding/assets/');
  return {
    assets,
    html(state) {
      // JSON in a non-executable script block: escaping "<" keeps any value from closing it.
      const json = JSON.stringify(state).replace(/</g, '\\u003c');
      return page.replace(STATE_SLOT, `<script type="application/json" id="onboarding-state">${json}</script>`);
    },
  };
}
