// Page models of intake (tests say what a person does): the Import screen, the phone-order and
// address dialogs of Orders, the audit log.
import type { Page, Locator } from 'playwright-core';

export class ImportPage {
  constructor(private readonly page: Page, private readonly url: string) {}

  async open() {
    await this.page.goto(`${this.url}/#/import`);
    await this.page.locator('input[type=file][name=file]').waitFor({ state: 'attached' });
  }

  async upload(file: string) {
    await this.page.setInputFiles('input[type=file][name=file]', file);
    await this.page.locator('[data-testid=import-preview]').waitFor();
  }

  encoding = () => this.page.locator('[data-testid=import-encoding]').textContent();

  /** Picks a mapping or a preset ("preset:<name>") from the list. */
  async mapping(value: string) {
    await this.page.selectOption('select[name=mapping]', value);
  }

  columnFor = (field: string) => this.page.locator(`[data-testid=import-mapping] [data-field=${field}] select`);

  async start() {
    await this.page.locator('[data-testid=import-start]').click();
  }

  run = (): Locator => this.page.locator('section.pane').first().locator('[data-testid=import-run]');
  count = (what: 'created' | 'duplicates' | 'refused') => this.run().locator(`[data-count=${what}] b`).textContent();
  errorRows = () => this.run().locator('[data-testid=import-errors] tbody tr');
}

/** A dialog closes when the core took the form; a refusal stays on it, and the test says which. */
async function closedOrRefused(dialog: Locator) {
  const alert = dialog.locator('[role=alert]');
  await Promise.race([dialog.waitFor({ state: 'hidden' }), alert.waitFor().then(async () => Promise.reject(new Error(`refused: ${await alert.textContent()}`)))]);
}

export class OrderFormPage {
  constructor(private readonly page: Page) {}

  dialog = () => this.page.locator('[data-testid=order-form]');

  /** Fills the new order form: the address fields by name, then each product found by its SKU. */
  async newOrder(fields: Record<string, string>, skus: string[], screenshot?: string) {
    await this.page.locator('[data-testid=new-order]').click();
    const d = this.dialog();
    for (const [name, value] of Object.entries(fields)) await d.locator(`input[name=${name}]`).fill(value);
    for (const sku of skus) {
      await d.locator('input[name=skuSearch]').fill(sku);
      await d.locator(`[data-testid=sku-hits] button[data-sku="${sku}"]`).click();
    }
    if (screenshot) await this.page.screenshot({ path: screenshot });
    await d.getByRole('button', { name: 'Create order' }).click();
    await closedOrRefused(d);
  }

  async changeAddress(fields: Record<string, string>, reason: string, screenshot?: string) {
    await this.page.locator('[data-testid=change-address]').click();
    const d = this.page.locator('[data-testid=address-form]');
    for (const [name, value] of Object.entries(fields)) await d.locator(`input[name=${name}]`).fill(value);
    await d.locator('input[name=reason]').fill(reason);
    if (screenshot) await this.page.screenshot({ path: screenshot });
    await d.getByRole('button', { name: 'Save the new address' }).click();
    await closedOrRefused(d);
  }
}

export class AuditPage {
  constructor(private readonly page: Page, private readonly url: string) {}

  async open() {
    await this.page.goto(`${this.url}/#/audit`);
    await this.page.locator('[data-testid=audit-table]').waitFor();
  }

  async person(name: string) {
    const value = await this.page.locator('select[name=actor] option', { hasText: name }).getAttribute('value');
    await this.page.selectOption('select[name=actor]', value!);
  }

  rows = () => this.page.locator('[data-testid=audit-table] tbody tr');
}
