// Alerts reach people, in Chromium: the admin adds a WeCom group robot in Settings -> Notifications
// (a local robot peer speaking WeCom's webhook), a lead sets a threshold on the Alerts screen, the
// alert arrives at the robot and shows on screen with what to do; the delivery log and the system
// health panel in English and 中文 (screenshots at 1366x768 in tests/.artifacts). Once there are many
// channels a refused channel is answered beside the form's Add a channel, on screen, not above the table.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import { CHROMIUM } from './browser';
import { OrdersPage } from './pages';
import { openE2eShop, artifacts, type E2eShop } from './shop';
import { startRobotPeer, type RobotPeer } from '../../src-main/demo/robot-peer';
import { startAlerts, type AlertRunner } from '../../src-main/core/modules/alerts/flows';
import { createNotifyChannel, deleteNotifyChannel, putBrief } from '../../src-main/core/modules/alerts/actions/settings';

/** Settings -> Notifications in a language, logging in as the admin when the page asks for a badge. */
async function openNotifications(p: Page, url: string, lang: 'en' | 'zh-CN'): Promise<void> {
  await p.goto(`${url}/#/settings/notifications`);
  await p.evaluate((l) => localStorage.setItem('pl_lang', l), lang);
  await p.reload();
  await p.locator('input[name=badge], [data-testid=add-channel]').first().waitFor();
  if (await p.locator('input[name=badge]').count()) {
    await p.fill('input[name=badge]', 'AD-3001');
    await p.press('input[name=badge]', 'Enter');
  }
}

describe(`Alerts in Chromium (needs ${CHROMIUM})`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let page: Page;
  let robot: RobotPeer;
  let runner: AlertRunner;

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 30, orders: 20 });
    ({ core, url, page } = shop);
    await page.setViewportSize({ width: 1366, height: 768 });
    robot = await startRobotPeer();
    // The day's brief is due from 00:00 shop time, so it goes out whenever the test runs (at the default
    // 09:00 the test failed from midnight to 09:00 in Shanghai: 16:00-01:00 UTC)
    core.writes.runNow(() => putBrief(core.ctx, { time: '00:00', enabled: true }, { id: 'system:test', role: 'admin' }));
    runner = startAlerts(core, { tickMs: 100, evaluateMs: 500, retryBaseMs: 50 });
  }, 90_000);
  afterAll(async () => {
    runner?.stop();
    await robot?.close();
    await shop?.close();
  });

  const logout = () => page.getByRole('button', { name: /Log out|退出/ }).click();

  it('the admin adds a WeCom robot, a lead sets a threshold, the alert reaches the robot and shows on screen with what to do', async () => {
    await new OrdersPage(page, url).login('AD-3001');
    await page.goto(`${url}/#/settings/notifications`);
    const form = page.locator('[data-testid=add-channel]');
    await form.locator('select[name=kind]').selectOption('wecom');
    await form.locator('input[name=name]').fill('仓库群');
    // a robot address in clear text is refused, in words
    await form.locator('input[name=url]').fill('http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k');
    await form.getByRole('button', { name: 'Add a channel' }).click();
    await expect.poll(() => page.locator('.alert.error').textContent()).toContain('https://');
    await form.locator('input[name=url]').fill(robot.wecomUrl);
    await form.getByRole('button', { name: 'Add a channel' }).click();
    const row = page.locator('[data-testid=notify-channels] tr[data-name="仓库群"]');
    await row.waitFor();
    await row.getByRole('button', { name: 'Send a test' }).click();
    await expect.poll(() => page.locator('.alert.ok').textContent()).toContain('Test sent');
    expect(robot.received.some((m) => JSON.stringify(m.body).includes('Packline test message'))).toBe(true);
    await page.screenshot({ path: join(artifacts, 'alerts-notifications-en.png') });
    await logout();

    await new OrdersPage(page, url).login('LD-2001');
    await page.goto(`${url}/#/alerts`);
    const open = (core.db.prepare("SELECT COUNT(*) FROM exceptions WHERE state = 'open'").pluck().get() as number);
    const t = page.locator('[data-testid=thresholds] form');
    // the form starts on a real metric (the first), not a blank one; a refusal names the field by its label
    await expect.poll(() => t.locator('select[name=metric] option').count()).toBeGreaterThan(1);
    const first = await t.locator('select[name=metric] option').first().getAttribute('value');
    expect(first).toBeTruthy();
    expect(await t.locator('select[name=metric]').inputValue()).toBe(first);
    const rows = page.locator('[data-testid=thresholds] tbody tr');
    const before = await rows.count();
    await t.getByRole('button', { name: 'Set threshold' }).click();
    const refused = page.locator('[data-testid=thresholds] .alert.error');
    await expect.poll(() => refused.textContent()).toMatch(/^What to do: /);
    expect(await refused.textContent()).not.toMatch(/metric|todo/);
    expect(await rows.count()).toBe(before);
    await t.locator('select[name=metric]').selectOption('exceptions.open');
    await t.locator('select[name=op]').selectOption('above');
    await t.locator('input[name=value]').fill(String(open - 1));
    await t.locator('select[name=level]').selectOption('critical');
    await t.locator('input[name=todo]').fill('Clear the exceptions in Waves before the 18:00 pickup');
    await expect.poll(() => refused.count()).toBe(0); // the refusal goes once the form is edited
    await t.getByRole('button', { name: 'Set threshold' }).click();

    const card = page.locator('[data-testid=alert-card]').filter({ hasText: 'Exceptions open' });
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
    expect(await card.textContent()).toContain('Clear the exceptions in Waves before the 18:00 pickup');
    await expect.poll(() => robot.received.filter((m) => JSON.stringify(m.body).includes('Clear the exceptions in Waves before the 18:00 pickup')).length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.locator('[data-testid=delivery-log] tr[data-state=sent]').filter({ hasText: 'Clear the exceptions in Waves before the 18:00 pickup' }).count(), { timeout: 10_000 }).toBe(1);
    // the day's brief went to the new robot too (its time, 00:00, has passed), with its chart
    await expect.poll(() => robot.received.filter((m) => m.msgtype === 'image').length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.locator('[data-testid=alerts-badge]').count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'alerts-en.png') });
    // the next evaluations in the same window send nothing more
    await new Promise((r) => setTimeout(r, 1500));
    expect(robot.received.filter((m) => JSON.stringify(m.body).includes('Clear the exceptions in Waves before the 18:00 pickup'))).toHaveLength(1);

    await page.evaluate(() => localStorage.setItem('pl_lang', 'zh-CN'));
    await page.reload();
    await expect.poll(() => page.locator('[data-testid=alerts]').textContent()).toContain('处理办法');
    await page.screenshot({ path: join(artifacts, 'alerts-zh.png') });
    await logout();
  }, 90_000);

  it('the admin reads the system health panel in 中文 and English', async () => {
    await new OrdersPage(page, url).login('AD-3001');
    await page.goto(`${url}/#/settings/health`);
    await expect.poll(() => page.locator('[data-testid=system-health]').textContent()).toContain('事件循环延迟');
    await page.screenshot({ path: join(artifacts, 'alerts-health-zh.png') });
    await page.goto(`${url}/#/settings/notifications`);
    await expect.poll(() => page.locator('[data-testid=notifications]').textContent()).toContain('企业微信群机器人');
    await page.screenshot({ path: join(artifacts, 'alerts-notifications-zh.png') });
    await page.evaluate(() => localStorage.setItem('pl_lang', 'en'));
    await page.goto(`${url}/#/settings/health`);
    await page.reload();
    await expect.poll(() => page.locator('[data-testid=system-health]').textContent()).toContain('Event-loop delay');
    expect(await page.locator('[data-testid=system-health]').textContent()).toContain('Requests per minute');
    await page.screenshot({ path: join(artifacts, 'alerts-health-en.png') });
  }, 60_000);

  it('a robot refused in 中文 is refused in Chinese: each field by its label, what is wrong in the shop\'s own words translated, nothing stored', async () => {
    await openNotifications(page, url, 'zh-CN');
    const form = page.locator('[data-testid=add-channel]');
    await form.locator('select[name=kind]').selectOption('dingtalk');
    await form.locator('input[name=name]').fill('钉钉值班群');
    await form.locator('input[name=url]').fill('http://oapi.dingtalk.com/robot/send?access_token=t');
    await form.getByRole('button', { name: '添加渠道' }).click();
    const refused = page.locator('[data-testid=notifications] .alert.error');
    await expect.poll(() => refused.textContent()).toBe(
      'Webhook 地址：地址必须以 https:// 开头（现在是 http://oapi.dingtalk.com）：消息里有店铺的经营数据，不能明文传输；'
      + '签名密钥：请填写加签密钥（机器人安全设置里的“加签”，以 SEC 开头）：不加签的机器人谁发的消息都收');
    // the core's English words are not on the screen, nor the API's names of the fields
    expect(await refused.textContent()).not.toMatch(/must start|secret is required|url:|secret:/);
    expect(await page.locator('[data-testid=notify-channels] tr[data-name="钉钉值班群"]').count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'alerts-refused-zh.png') });
  }, 60_000);

  it("with a dozen channels a refused channel is answered beside the form's Add a channel, on screen at 1366 x 768, and the brief's Save is answered beside it", async () => {
    // a dozen channels that are sent nothing (no alerts, no brief): the form is below the table, far down the page
    const actor = { id: 'system:test', role: 'admin' as const };
    const ids = Array.from({ length: 12 }, (_v, i) => core.writes.runNow(() => createNotifyChannel(core.ctx, {
      kind: 'wecom', name: `Shift ${i + 1}`, url: `http://127.0.0.1:9/cgi-bin/webhook/send?key=shift-${i + 1}`, secret: '', alerts: false, brief: false,
    }, actor)));
    const admin = await shop.browser.context.newPage(); // a tab of its own: the other tests' page keeps its session
    try {
      await admin.setViewportSize({ width: 1366, height: 768 });
      await openNotifications(admin, url, 'en');
      const screen = admin.locator('[data-testid=notifications]');
      await expect.poll(() => screen.locator('[data-testid=notify-channels] tbody tr').count()).toBeGreaterThanOrEqual(12);
      const form = screen.locator('[data-testid=add-channel]');
      await form.locator('select[name=kind]').selectOption('dingtalk');
      await form.locator('input[name=name]').fill('DingTalk on duty');
      await form.locator('input[name=url]').fill('http://oapi.dingtalk.com/robot/send?access_token=t'); // in clear, and no secret: refused
      await form.getByRole('button', { name: 'Add a channel' }).click();
      const refusal = screen.locator('.alert.error');
      await refusal.waitFor();
      expect(await refusal.textContent()).toMatch(/^Webhook URL: .*https:\/\/.*Signing secret: /);
      expect(await form.locator('.form-answer-line .alert.error').count(), 'the refusal is beside the Add a channel that was pressed').toBe(1);
      const box = (await refusal.boundingBox())!;
      expect(box.y, 'the refusal is on screen').toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, 'the refusal is on screen').toBeLessThanOrEqual(768);
      const button = (await form.getByRole('button', { name: 'Add a channel' }).boundingBox())!;
      expect(Math.abs(box.y - button.y), 'the refusal is on the line of the button').toBeLessThan(button.height + 4);
      expect(await screen.locator('[data-testid=notify-channels] tr[data-name="DingTalk on duty"]').count()).toBe(0);
      await admin.screenshot({ path: join(artifacts, 'alerts-channel-refused.png') });
      // scrolled into the table, its header stays at the pane's top edge: no row shows above it or through any of its cells
      const showing = await admin.evaluate(() => {
        const table = document.querySelector('[data-testid=notify-channels]')!;
        const pane = table.closest('.pane')!;
        pane.scrollTop += table.getBoundingClientRect().top - pane.getBoundingClientRect().top + 150;
        const edge = pane.getBoundingClientRect().top + pane.clientTop;
        const wrong: string[] = [];
        for (const th of table.querySelectorAll('th')) {
          const r = th.getBoundingClientRect();
          for (let y = edge + 1; y < r.bottom - 1; y += 3) {
            const hit = document.elementFromPoint(r.left + r.width / 2, y);
            if (hit?.closest('th') !== th) wrong.push(`${th.textContent || '(no title)'} at ${Math.round(y - edge)} px: ${hit?.tagName} ${hit?.textContent?.slice(0, 20)}`);
          }
        }
        return wrong;
      });
      expect(showing).toEqual([]);
      // a robot in https with its secret is added, and said where the refusal was; it is sent nothing
      await form.locator('input[name=url]').fill(robot.dingtalkUrl);
      await form.locator('input[name=secret]').fill(robot.dingtalkSecret);
      await form.locator('input[name=alerts]').uncheck();
      await form.locator('input[name=brief]').uncheck();
      await form.getByRole('button', { name: 'Add a channel' }).click();
      await expect.poll(() => form.locator('.form-answer-line [role=status]').textContent()).toBe('Channel added');
      expect(await screen.locator('.alert.error').count()).toBe(0);
      await screen.locator('[data-testid=notify-channels] tr[data-name="DingTalk on duty"]').waitFor();
      // the brief's own Save is answered beside it
      const brief = screen.locator('[data-testid=brief]');
      await brief.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => brief.locator('.form-answer-line [role=status]').textContent()).toBe('Saved');
      expect(await form.locator('.alert').count(), 'one answer at a time').toBe(0);
    } finally {
      await admin.close();
      for (const id of ids) core.writes.runNow(() => deleteNotifyChannel(core.ctx, id, actor));
    }
  }, 60_000);
});
