// Page model of the Rules screen (STYLE.md habit 11): a lead writes a rule the way a person does.
import type { Page, Locator } from 'playwright-core';

export interface ConditionSpec { kind: string; op?: string; number?: number; check?: string; values?: string }

export class RulesPage {
  constructor(private readonly page: Page, private readonly url: string) {}

  async open() {
    await this.page.goto(`${this.url}/#/rules`);
    await this.page.waitForSelector('[data-testid=rule-list]');
  }

  list = (): Locator => this.page.locator('[data-testid=rule-list]');
  queue = (): Locator => this.page.locator('[data-testid=lead-queue]');

  /** Add a rule: name, conditions (each set through its row's fields), a hold type. */
  async addRule(name: string, conditions: ConditionSpec[], hold: string) {
    await this.page.getByRole('button', { name: 'Add a rule' }).click();
    const editor = this.page.locator('[data-testid=rule-editor]');
    await editor.locator('input[name=name]').fill(name);
    for (const [i, c] of conditions.entries()) {
      if (i > 0) await editor.getByRole('button', { name: 'Add a condition' }).click();
      const row = editor.locator('[data-testid=condition]').nth(i);
      await row.locator('select[name=kind]').selectOption(c.kind);
      if (c.check) await row.locator('select[name=check]').selectOption(c.check);
      if (c.op) await row.locator('select[name=op]').selectOption(c.op);
      if (c.number !== undefined) await row.locator('input[name=number]').fill(String(c.number));
      if (c.values) await row.locator('input[name=values]').fill(c.values);
    }
    await editor.locator('select[name=hold]').selectOption(hold);
    await editor.getByRole('button', { name: 'Save rule' }).click();
    await this.list().locator('li', { hasText: name }).waitFor();
  }
}
