// Screenshots of the Waves console (a dev aid for looking at the screens):
//   npx tsx scripts/shot-waves.mts <url> <outdir> [locale]
import { launchBrowser } from '../tests/e2e/browser';
const url = process.argv[2]!; const out = process.argv[3]!; const locale = process.argv[4] ?? 'en-US';
const { context, close } = await launchBrowser({ locale });
const page = context.pages()[0] ?? await context.newPage();
await page.goto(`${url}/#/waves`);
await page.getByRole('button', { name: /LD-2001/ }).click();
await page.waitForSelector('[data-testid=wave-list]');
await page.locator('[data-rule]').first().click();
await page.locator('[data-testid=planner] button[type=submit]').click();
await page.waitForSelector('[data-testid=wave-preview]');
await page.waitForTimeout(400);
await page.screenshot({ path: `${out}/waves-plan.png` });
await page.locator('[data-wave]').first().click();
await page.waitForSelector('[data-testid=pick-list] tbody tr');
await page.waitForTimeout(400);
await page.screenshot({ path: `${out}/waves-wave.png` });
await page.getByRole('tab').nth(1).click();
await page.waitForTimeout(300);
await page.screenshot({ path: `${out}/waves-orders.png` });
await page.goto(`${url}/#/waves/handover`);
await page.waitForSelector('[data-testid=handover]');
await page.locator('[data-testid=pending-handover] tbody tr button.ghost').first().click().catch(() => undefined);
await page.waitForTimeout(500);
await page.screenshot({ path: `${out}/waves-handover.png` });
await close();
