// The label command line, run as a real process: --list, sample data, a real order from a data folder.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createSku } from '../../src-main/core/modules/catalog/actions/skus';
import { createOrder } from '../../src-main/core/modules/orders/actions/create-orders';
import { putSettings } from '../../src-main/core/modules/settings/actions/put-settings';
import { addWaybillRange } from '../../src-main/core/modules/shipping/actions/waybill-ranges';
import { allocateWaybill } from '../../src-main/core/modules/shipping/actions/issue-waybill';
import { openDatabase } from '../../src-main/core/database';
import { systemClock } from '../../src-main/lib/clock';
import { sequentialIds } from '../../src-main/lib/ids';
import { pdfText } from './decode-helpers';

const run = promisify(execFile);
const label = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src-main/labels/cli/main.ts', ...args], { env: { ...process.env, PACKLINE_LOG: 'silent' } });
const dir = mkdtempSync(join(tmpdir(), 'packline-cli-'));

// Each launch is a fresh Node compiling the label code (and for --data the core) with tsx: 2-5 s on a
// loaded 2-CPU machine, and one test launches two or three.
describe('npm run label', { timeout: 60_000 }, () => {
  it('--list prints the template names, one per line', async () => {
    const { stdout } = await label('--list');
    expect(stdout.trim().split('\n')).toContain('cn-ewaybill-76x130');
    expect(stdout.trim().split('\n')).toHaveLength(7);
  });

  it('renders a template with its sample data', async () => {
    const out = join(dir, 'a.zpl');
    await label('--template', 'shipping-4x6', '--format', 'zpl', '--out', out, '--dpi', '300');
    expect(readFileSync(out, 'utf8')).toMatch(/^\^XA\n\^CI28\n\^PW1200\n\^LL1800/);
  });

  it('renders a real order from a data folder, with its waybill and masked phone', async () => {
    const db = openDatabase(join(dir, 'packline.db'));
    const ctx = { db, clock: systemClock, ids: sequentialIds() };
    const actor = { id: 'usr_t', role: 'admin' };
    putSettings(ctx, { shopName: '演示店', sender: { name: '李小龙', phone: '13987654321', address: '浙江省杭州市余杭区梦想小镇8号' } }, actor);
    createSku(ctx, { sku: 'TEA-1', name: '龙井茶', barcodes: [], location: 'A-01-01' }, actor);
    const { orderId } = createOrder(ctx, {
      channel: 'taobao', externalId: 'T1', carrier: 'ems', lines: [{ sku: 'TEA-1', qty: 2 }],
      shipTo: { name: '张三丰', phone: '13812345678', country: 'CN', province: '浙江省', city: '杭州市', address1: '文三路478号', address2: '2单元501室' },
    }, actor);
    addWaybillRange(db, systemClock, { carrier: 'ems', scheme: 's10', prefix: 'EE', suffix: 'CN', width: 8, first: 1, last: 999 }, actor);
    const { number } = allocateWaybill(db, systemClock, { carrier: 'ems', orderId }, actor);
    db.close();
    const out = join(dir, 'slip.pdf');
    await label('--template', 'packing-slip-a4', '--format', 'pdf', '--out', out, '--data', dir, '--order', orderId);
    const text = pdfText(readFileSync(out));
    expect(text).toContain('龙井茶');
    expect(text).toContain('138******78');
    expect(text).not.toContain('13812345678');
    // The 4x6 label needs the waybill: it comes from the core.
    const out2 = join(dir, 'ship.pdf');
    await label('--template', 'shipping-4x6', '--format', 'pdf', '--out', out2, '--data', dir, '--order', orderId);
    expect(pdfText(readFileSync(out2))).toContain(number);
  });

  it('bad input fails with a message naming what was wrong', async () => {
    await expect(label('--template', 'nope', '--format', 'pdf', '--out', join(dir, 'x'))).rejects.toMatchObject({ stderr: expect.stringMatching(/unknown label template "nope"/) });
    await expect(label('--template', 'shipping-4x6', '--format', 'pdf', '--out', join(dir, 'x'), '--dpi', '150')).rejects.toMatchObject({ stderr: expect.stringMatching(/unsupported dpi "150"/) });
    await expect(label('--template', 'cn-ewaybill-76x130', '--format', 'pdf', '--out', join(dir, 'x'), '--data', dir, '--order', 'ord_missing')).rejects.toMatchObject({ stderr: expect.stringMatching(/ord_missing/) });
  });
});
