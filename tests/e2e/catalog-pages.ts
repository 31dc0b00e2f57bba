// Page models of the Products and Inventory screens (tests say what a person does).
import type { Page, Locator } from 'playwright-core';
import { wedgeScan } from './pages';

interface ProductDraft { sku: string; name: string; barcodes: [string, number][]; weightG: number; bin: string; safetyStock?: number }

export class ProductsPage {
  constructor(private readonly page: Page, private readonly url: string) {}

  async openNew() {
    await this.page.goto(`${this.url}/#/products/new`);
    await this.page.waitForSelector('[data-testid=product-form]');
  }

  /** Fills the product form and saves it; waits for the product. */
  async create(p: ProductDraft) {
    await this.fill(p);
    await this.page.locator('[data-testid=product-form] [data-testid=save-product]').click();
    await this.page.waitForSelector('[data-testid=edit-product]');
  }

  /** Fills the product form and saves it, expecting a refusal: what the form says, beside its Save. */
  async createRefused(p: ProductDraft): Promise<string> {
    await this.fill(p);
    const form = this.page.locator('[data-testid=product-form]');
    await form.locator('[data-testid=save-product]').click();
    return (await form.locator('[role=alert]').textContent()) ?? '';
  }

  /** Fills the product form: barcodes as [code, units]; the first barcode row is there already. */
  private async fill(p: ProductDraft) {
    const form = this.page.locator('[data-testid=product-form]');
    await form.locator('input[name=sku]').fill(p.sku);
    await form.locator('input[name=name]').fill(p.name);
    for (const [i, [code, units]] of p.barcodes.entries()) {
      if (i > 0) await form.locator('[data-testid=add-barcode]').click();
      await form.locator(`input[name=barcode-${i}]`).fill(code);
      await form.locator(`input[name=units-${i}]`).fill(String(units));
    }
    await form.locator('input[name=unitWeightG]').fill(String(p.weightG));
    await form.locator('input[name=location]').fill(p.bin);
    if (p.safetyStock !== undefined) await form.locator('input[name=safetyStock]').fill(String(p.safetyStock));
  }

  async uploadImage(file: { name: string; mimeType: string; buffer: Buffer }) {
    await this.page.locator('[data-testid=image-file]').setInputFiles(file);
    await this.page.locator('[data-testid=product-image]').waitFor();
  }

  detail = (): Locator => this.page.locator('[data-testid=product-detail]');

  /** Imports a products file from the list: each refused row of the report as its cells (row, column, problem). */
  async importFile(file: { name: string; mimeType: string; buffer: Buffer }): Promise<string[][]> {
    await this.page.goto(`${this.url}/#/products`);
    await this.page.locator('[data-testid=import-file]').setInputFiles(file);
    const report = this.page.locator('[data-testid=import-report]');
    await report.waitFor();
    const rows = report.locator('tbody tr');
    return Promise.all((await rows.all()).map((r) => r.locator('td').allTextContents()));
  }
}

export class ReceivePage {
  constructor(private readonly page: Page, private readonly url: string) {}

  async open(source: 'supplier' | 'transfer', reference: string, bin: string) {
    await this.page.goto(`${this.url}/#/inventory/receive`);
    await this.page.waitForSelector('[data-testid=receive]');
    await this.page.selectOption('select[name=source]', source);
    await this.page.fill('input[name=reference]', reference);
    await this.page.fill('input[name=bin]', bin);
  }

  /** A keyboard-wedge scan with no field focused, as a person scanning goods off the pallet. */
  async scan(code: string) {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await wedgeScan(this.page, code);
  }

  /** Enter in the bin field, then a scanner typing into the code field it lands in. */
  async scanIntoCodeField(code: string) {
    await this.page.press('input[name=bin]', 'Enter');
    await wedgeScan(this.page, code);
  }

  units = (code: string) => this.page.locator(`[data-testid="receive-${code}"] td.big-count`);

  async receive(): Promise<string> {
    await this.page.locator('[data-testid=receive-submit]').click();
    const r = this.page.locator('[data-testid=receive-result]');
    await r.waitFor();
    return (await r.textContent()) ?? '';
  }
}
