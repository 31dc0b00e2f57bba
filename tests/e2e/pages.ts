// Page models for the end-to-end tests (STYLE.md habit 11): tests say what a person does.
import type { Page, Locator } from 'playwright-core';

export class OrdersPage {
  constructor(private readonly page: Page, private readonly url: string) {}

  async login(badge: string) {
    await this.page.goto(`${this.url}/#/orders`);
    await this.page.fill('input[name=badge]', badge);
    await this.page.press('input[name=badge]', 'Enter');
    await this.page.waitForSelector('[data-testid=orders-table]');
  }

  /** What a keyboard-wedge scanner does: types into the focused field and presses Enter. */
  async scan(code: string) {
    if (!(await this.page.locator('[data-testid=orders-table]').count())) await this.page.goto(`${this.url}/#/orders`);
    const q = this.page.locator('input[name=q]');
    await q.fill(code);
    await q.press('Enter');
  }

  async detail(): Promise<Locator> {
    const d = this.page.locator('[data-testid=order-detail]');
    await d.waitFor();
    return d;
  }
}
