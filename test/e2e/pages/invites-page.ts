import type { Locator, Page } from '@playwright/test';
import { pickFromRowMenu } from './row-menu';

const RESULT_TITLE = 'Share this link before closing — it is shown once';

/** The create dialog, open. */
export class CreateInviteDialog {
  readonly root: Locator;
  readonly email: Locator;
  readonly submit: Locator;
  readonly sendEmail: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Create Pool invite' });
    this.email = this.root.getByLabel('Codex account email');
    this.submit = this.root.getByRole('button', { name: 'Create invite' });
    this.sendEmail = this.root.getByLabel('Send invite email');
  }

  async choosePool(name: string) {
    await this.root.getByLabel('Target Pool').click();
    await this.page.getByRole('option', { name }).click();
  }

  /** Fills the email and submits; the result dialog shows the link once. */
  async create(email: string): Promise<ResultDialog> {
    await this.email.fill(email);
    await this.submit.click();
    return new ResultDialog(this.page);
  }
}

/** The copy-once result of a create or reissue. */
export class ResultDialog {
  readonly root: Locator;
  readonly url: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('dialog', { name: RESULT_TITLE });
    this.url = this.root.getByLabel('Invite URL');
  }

  async link(): Promise<string> {
    return (await this.url.textContent()) ?? '';
  }

  /** Copies the link (the dialog insists before it lets go), then closes. */
  async copyAndClose() {
    await this.root.getByRole('button', { name: 'Copy' }).click();
    await this.root.getByRole('button', { name: 'Done' }).click();
  }
}

/** The Invites page: the filter bar, the table, and the invite dialogs. */
export class InvitesPage {
  readonly heading: Locator;
  readonly table: Locator;
  /** Every invite row currently in the page (the table is virtualized). */
  readonly rows: Locator;
  /** The table's scrolling region. */
  readonly scroller: Locator;
  readonly createButton: Locator;
  readonly search: Locator;
  readonly poolFilter: Locator;
  readonly statusFilter: Locator;
  readonly details: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Invites' });
    this.table = page.getByRole('table', { name: 'Invites' });
    this.rows = this.table.locator('tbody tr[data-invite-id]');
    this.scroller = page.getByRole('region', { name: 'Invites list' });
    this.createButton = page.getByRole('button', { name: 'Create Pool invite' });
    this.search = page.getByLabel('Search by email');
    this.poolFilter = page.getByRole('combobox', { name: 'Pool' });
    this.statusFilter = page.getByRole('combobox', { name: 'Status' });
    this.details = page.getByRole('dialog', { name: 'Invite details' });
  }

  /** The Result cell, whose lines say what happened and, under it, who (or why). */
  resultCell(email: string): Locator {
    return this.row(email).getByRole('cell').nth(6);
  }

  /** One whole line of the Result cell. */
  resultLine(email: string, text: string): Locator {
    return this.resultCell(email).getByText(text, { exact: true });
  }

  row(email: string): Locator {
    return this.page.getByRole('row', { name: `Invite to ${email}` });
  }

  relinkRow(email: string): Locator {
    return this.page.getByRole('row', { name: `Relink link for ${email}` });
  }

  async openCreateDialog(): Promise<CreateInviteDialog> {
    await this.createButton.click();
    return new CreateInviteDialog(this.page);
  }

  /** Creates an invite through the dialog; returns the result dialog with the one-time link. */
  async createInvite(email: string, pool?: string): Promise<ResultDialog> {
    const dialog = await this.openCreateDialog();
    if (pool) await dialog.choosePool(pool);
    return dialog.create(email);
  }

  resultDialog(): ResultDialog {
    return new ResultDialog(this.page);
  }

  /** The row's dotted menu: Reissue, Revoke. */
  actionsButton(email: string): Locator {
    return this.page.getByRole('button', { name: `Actions for the invite to ${email}` });
  }

  async chooseAction(email: string, item: string | RegExp) {
    await pickFromRowMenu(this.page, this.actionsButton(email), item);
  }

  revokeDialog(email: string): Locator {
    return this.page.getByRole('dialog', { name: `Revoke the invite for ${email}?` });
  }

  async filterByPool(label: string) {
    await this.poolFilter.selectOption({ label });
  }

  async filterByStatus(label: string) {
    await this.statusFilter.selectOption({ label });
  }

  /** Exports what the filters show; resolves to the browser's download. */
  async exportAs(format: 'CSV' | 'JSON') {
    await this.page.getByRole('button', { name: 'Export' }).click();
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('menuitem', { name: new RegExp(format) }).click();
    return download;
  }
}
