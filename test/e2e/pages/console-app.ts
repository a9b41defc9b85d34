import type { Page } from '@playwright/test';
import { rpc, type ConsoleProcess } from '../../support/console-process';
import { AuditPage } from './audit-page';
import { InvitesPage } from './invites-page';
import { PoolsPage } from './pools-page';
import { SettingsPage } from './settings-page';
import { UpstreamsPage } from './upstreams-page';

export const OPERATOR = { displayName: 'Ada Lovelace', email: 'ada@example.com' };

const PAGES = {
  '/invites': InvitesPage,
  '/pools': PoolsPage,
  '/upstreams': UpstreamsPage,
  '/audit': AuditPage,
  '/settings': SettingsPage,
} as const;
type Path = keyof typeof PAGES;
type PageAt<P extends Path> = InstanceType<(typeof PAGES)[P]>;

const LINKS: Record<Path, string> = {
  '/invites': 'Invites',
  '/pools': 'Pools',
  '/upstreams': 'Upstreams',
  '/audit': 'Audit log',
  '/settings': 'Settings',
};

/** The operator's console in one browser page: open it, move between its pages, read its notices. */
export class ConsoleApp {
  constructor(
    readonly page: Page,
    readonly pooler: ConsoleProcess,
  ) {}

  /** Opens the printed link at `path`, with the operator profile already set (first run done). */
  async open<P extends Path>(path: P): Promise<PageAt<P>> {
    await rpc(this.pooler, 'settings.updateOperator', OPERATOR);
    await this.page.goto(`${await this.pooler.link()}#${path}`);
    return this.at(path);
  }

  /** Follows the main navigation's link to `path`. */
  async goTo<P extends Path>(path: P): Promise<PageAt<P>> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: LINKS[path] }).click();
    return this.at(path);
  }

  /** The page model for what is showing at `path`. */
  at<P extends Path>(path: P): PageAt<P> {
    return new PAGES[path](this.page) as PageAt<P>;
  }

  /** A snackbar or alert with this text. */
  notice(text: string | RegExp) {
    return this.page.getByText(text);
  }

  /** Who the console says is signed in (the card under the navigation). */
  get operatorCard() {
    return this.page.getByRole('region', { name: 'Signed-in operator' });
  }
}
