// Users in Chromium: the login screen always offers the (optional) PIN; a lead sees who is locked in
// Settings -> Users and unlocks the badge, in English and in Chinese; no screen shows a badge code
// except once, right after an admin made it, with its card to print; the operator logs in with the
// code read back from the printed card.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import { createUser } from '../../src-main/core/modules/people/actions/create-user';
import { DEMO_USERS } from '../../src-main/core/demo/seed';
import { login } from '../../src-main/core/modules/people/actions/tokens';
import { LOGIN_REFUSED } from '../../src-main/contract/people';
import { CHROMIUM } from './browser';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { artifacts, openE2eShop, type E2eShop } from './shop';
import { readFileSync } from 'node:fs';
import { decodePng, pdfToPngs } from '../labels/decode-helpers';

const SYSTEM = { id: 'system:test', role: 'admin' };

describe(`Locked badges in Chromium (needs ${CHROMIUM}: apt-get install chromium)`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let page: Page;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    shop = await openE2eShop({ skus: 5, orders: 5 });
    ({ core, url, page } = shop);
    core.writes.runNow(() => {
      ids.en = createUser(core.ctx, { name: 'Pin Packer', role: 'operator', badge: 'OP-PIN-51', pin: '5151' }, SYSTEM).id;
      ids.zh = createUser(core.ctx, { name: '李雷 Li Lei', role: 'operator', badge: 'OP-PIN-52', pin: '5252' }, SYSTEM).id;
    });
  });
  afterAll(async () => shop?.close());

  /** Types a badge (and a PIN) on the login screen, as a person does. */
  async function logIn(badge: string, pin = '') {
    await page.fill('input[name=badge]', badge);
    await page.fill('input[name=pin]', pin);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'POST'),
      page.press('input[name=badge]', 'Enter'),
    ]);
  }
  async function logOut() {
    await page.evaluate(async () => {
      await fetch('/api/session', { method: 'DELETE', headers: { Authorization: `Bearer ${sessionStorage.getItem('pl_token')}` } });
      sessionStorage.clear();
    });
    await page.context().clearCookies();
    await page.reload();
    await page.locator('input[name=badge]').waitFor();
  }
  /** Five wrong PINs typed on the login screen lock the badge. */
  async function lock(badge: string) {
    for (let i = 0; i < 5; i++) await logIn(badge, `000${i}`);
    await page.locator('.alert.error').waitFor();
  }
  const row = (id: string) => page.locator(`table.users tr[data-user="${id}"]`);

  it('a badge with a PIN logs in from the always-offered PIN field; wrong PINs get one answer and lock it; a lead unlocks it (English)', async () => {
    await page.goto(`${url}/#/settings/users`);
    await logIn('OP-PIN-51', '5151');
    await page.locator('section.settings').waitFor();
    await logOut();

    await lock('OP-PIN-51');
    await expect.poll(() => page.locator('.alert.error').textContent()).toBe('Badge or PIN not accepted. Check the PIN; after several wrong PINs a badge is locked until a lead unlocks it.');
    await logIn('OP-PIN-51', '5151');
    expect(await page.locator('.alert.error').textContent()).toContain('Badge or PIN not accepted');

    const lead = DEMO_USERS.find((u) => u.role === 'lead')!;
    await logIn(lead.badge);
    await row(ids.en!).waitFor();
    expect(await row(ids.en!).textContent()).toContain('locked: too many wrong PINs');
    const body = (await page.locator('body').textContent())!;
    for (const u of DEMO_USERS) expect(body).not.toContain(u.badge);
    expect(body).not.toContain('OP-PIN-51');
    await page.screenshot({ path: join(artifacts, 'users-locked-en.png') });
    await row(ids.en!).getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.locator('[role=status]').textContent()).toBe('Badge of Pin Packer unlocked');
    await expect.poll(() => row(ids.en!).textContent()).toContain('active');
    expect(await row(ids.en!).getByRole('button').count()).toBe(0);
    expect(core.db.prepare('SELECT locked_at FROM users WHERE id = ?').pluck().get(ids.en)).toBeNull();
    const unlocked = core.feed.since(0).filter((e) => e.type === 'user.unlocked' && e.entityId === ids.en);
    expect(unlocked.map((e) => e.actor)).toEqual([core.db.prepare('SELECT id FROM users WHERE name = ?').pluck().get(lead.name)]);
    await page.screenshot({ path: join(artifacts, 'users-unlocked-en.png') });
    await logOut();
    await logIn('OP-PIN-51', '5151');
    await page.locator('section.settings').waitFor();
    await logOut();
  });

  it('the same in Chinese: 已锁定 and 解锁', async () => {
    await page.getByRole('button', { name: '简体中文' }).click();
    // locked from another PC (address): this browser's address has used most of its free tries above
    for (let i = 0; i < 5; i++) await expect(login(core, 'OP-PIN-52', `000${i}`, '192.0.2.7')).rejects.toThrow(LOGIN_REFUSED);
    await logIn('OP-PIN-52', '5252');
    await expect.poll(() => page.locator('.alert.error').textContent()).toBe('工牌或 PIN 码未通过。请检查 PIN 码；多次输错后工牌会被锁定，需由组长解锁。');
    await logIn(DEMO_USERS.find((u) => u.role === 'admin')!.badge);
    await row(ids.zh!).waitFor();
    expect(await row(ids.zh!).textContent()).toContain('已锁定');
    await row(ids.zh!).getByRole('button', { name: '解锁' }).click();
    await expect.poll(() => page.locator('[role=status]').textContent()).toBe('已解锁 李雷 Li Lei 的工牌');
    await expect.poll(() => row(ids.zh!).textContent()).toContain('正常');
    await page.screenshot({ path: join(artifacts, 'users-unlocked-zh.png') });
  });

  it('an admin creates an operator, prints the badge card; the operator logs in with the code read from the card', async () => {
    await logOut();
    await page.goto(`${url}/#/settings/users`);
    await logIn(DEMO_USERS.find((u) => u.role === 'admin')!.badge);
    await page.locator('form.create-user').waitFor();
    await page.fill('input[name=user-name]', '赵敏 Zhao Min');
    await page.selectOption('select[name=user-role]', 'operator');
    await page.locator('form.create-user button[type=submit]').click();
    const shown = (await page.locator('[data-testid=fresh-badges]').textContent())!;
    const badge = /(OP-[0-9A-F]{8})/.exec(shown)![1]!;
    await page.screenshot({ path: join(artifacts, 'users-created-zh.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=fresh-badges] button.primary').click()]);
    const fromCard = await decodePng(pdfToPngs(readFileSync((await download.path())!), 200)[0]!);
    expect(fromCard).toEqual([badge]);
    // once "done", the code is gone from the screen for good
    await page.locator('[data-testid=fresh-badges] button:not(.primary)').click();
    expect(await page.locator('body').textContent()).not.toContain(badge);
    const created = core.db.prepare("SELECT id, role, active FROM users WHERE name = '赵敏 Zhao Min'").get();
    expect(created).toMatchObject({ role: 'operator', active: 1 });
    await logOut();
    await logIn(fromCard[0]!);
    await page.locator('section.settings').waitFor();
    expect(await page.locator('.who').textContent()).toContain('赵敏 Zhao Min');
  }, 90_000);
});
