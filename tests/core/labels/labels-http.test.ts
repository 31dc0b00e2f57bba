// Label templates and previews over the real HTTP server (rendered in the core's worker thread), the
// shop's own templates folder, and waybill number ranges with their roles and refusals.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { layout } from '../../../src-main/labels/render';
import { resourcePath } from '../../../src-main/labels/resources';
import { orderLabelData } from '../../../src-main/core/modules/labels/queries';
import { createOrder } from '../../../src-main/core/modules/orders/actions/create-orders';
import { getOrder } from '../../../src-main/core/modules/orders/queries';
import { allocateWaybill } from '../../../src-main/core/modules/shipping/actions/issue-waybill';
import { decodePng, expectedBarcodes, pdfText } from '../../labels/decode-helpers';
import { startCore, addSku, orderInput, count, SYSTEM, type TestServer } from '../helpers';

let s: TestServer;
let orderId: string;
const sorted = (a: string[]) => [...a].sort();
const preview = (name: string, qs = '') => `/api/labels/templates/${name}/preview${qs}`;

/** GET with the bytes of the body (the helper's api() reads text). */
async function bytes(path: string, headers: Record<string, string>) {
  const res = await fetch(s.url + path, { headers });
  return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition'), body: Buffer.from(await res.arrayBuffer()) };
}
const bearer = async (role: Parameters<TestServer['tokenFor']>[0]) => ({ Authorization: `Bearer ${await s.tokenFor(role)}` });

beforeAll(async () => {
  s = await startCore({
    setup: (core) => {
      addSku(core, 'TEA-1', { onHand: 50, location: 'B-02-03-1' });
      orderId = core.writes.runNow(() => createOrder(core.ctx, orderInput({ sku: 'TEA-1', qty: 2, carrier: 'sf' }), SYSTEM).orderId);
    },
  });
});
afterAll(() => s.close());

describe('GET /api/labels/templates', () => {
  it('lists every built-in template with its size and the formats, for every role', async () => {
    const r = await s.as('viewer', 'GET', '/api/labels/templates');
    expect(r.status).toBe(200);
    expect(r.body.items.map((t: { name: string }) => t.name)).toEqual(['carrier-manifest-a4', 'cn-ewaybill-100x180', 'cn-ewaybill-76x130', 'gs1-logistic-100x150', 'packing-slip-a4', 'pick-list-a4', 'shipping-4x6']);
    expect(r.body.items.find((t: { name: string }) => t.name === 'cn-ewaybill-76x130')).toMatchObject({ widthMm: 76, heightMm: 130, kind: 'waybill', source: 'built-in' });
    expect(r.body.formats).toEqual(['zpl', 'tspl', 'pdf', 'png']);
    expect(r.body.dpis).toEqual([203, 300]);
    // where the data lives is for an admin; every other role gets names relative to the folder only
    expect(r.body.shopFolder).toBeNull();
    expect((await s.as('admin', 'GET', '/api/labels/templates')).body.shopFolder).toBe(join(s.dir, 'labels'));
    expect((await s.api('GET', '/api/labels/templates')).status).toBe(401);
  });
});

describe('GET /api/labels/templates/:name/preview', () => {
  it('renders a PNG whose barcodes zxing decodes back to the sample data', async () => {
    const r = await bytes(preview('cn-ewaybill-76x130', '?format=png&dpi=203'), await bearer('operator'));
    expect(r.status).toBe(200);
    expect(r.type).toBe('image/png');
    expect(r.body.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect([r.body.readUInt32BE(16), r.body.readUInt32BE(20)]).toEqual([76 * 8, 130 * 8]);
    const expected = sorted(expectedBarcodes(layout('cn-ewaybill-76x130', undefined, 203)));
    expect(expected.length).toBeGreaterThan(0);
    expect(sorted(await decodePng(r.body))).toEqual(expected);
  });

  it('renders at 300 dpi (12 dots per mm)', async () => {
    const r = await bytes(preview('shipping-4x6', '?dpi=300'), await bearer('lead'));
    expect(r.type).toBe('image/png');
    expect([r.body.readUInt32BE(16), r.body.readUInt32BE(20)]).toEqual([1200, 1800]);
    expect(sorted(await decodePng(r.body))).toEqual(sorted(expectedBarcodes(layout('shipping-4x6', undefined, 300))));
  });

  it('gives PDF, ZPL and TSPL with their content types and a file name', async () => {
    const auth = await bearer('operator');
    const pdf = await bytes(preview('cn-ewaybill-100x180', '?format=pdf'), auth);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.disposition).toBe('inline; filename="cn-ewaybill-100x180-203dpi.pdf"');
    const zpl = await bytes(preview('shipping-4x6', '?format=zpl&dpi=300'), auth);
    expect(zpl.type).toBe('text/plain; charset=utf-8');
    expect(zpl.body.toString('utf8')).toMatch(/^\^XA\n\^CI28\n\^PW1200\n/);
    const tspl = await bytes(preview('cn-ewaybill-76x130', '?format=tspl'), auth);
    expect(tspl.type).toBe('application/x-tspl');
    expect(tspl.body.toString('latin1')).toMatch(/^SIZE 76 mm,130 mm\r\n/);
  });

  it('authenticates an <img> request by the session cookie', async () => {
    const login = await fetch(`${s.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ badge: 'OP-1001' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie).toMatch(/^pl_session=/);
    const r = await bytes(preview('cn-ewaybill-76x130'), { Cookie: cookie });
    expect(r.status).toBe(200);
    expect(r.type).toBe('image/png');
  });

  it('renders a real order (by order number) with its waybill', async () => {
    const number = getOrder(s.core.ctx, orderId).number;
    const r = await bytes(preview('pick-list-a4', `?order=${number}`), await bearer('lead'));
    expect(r.status, r.body.toString()).toBe(200);
    const data = orderLabelData(s.core.ctx, orderId, { fullPhone: true });
    expect(sorted(await decodePng(r.body))).toEqual(sorted(expectedBarcodes(layout('pick-list-a4', data, 203))));
    expect(await decodePng(r.body)).toContain(orderId);
  });

  it('refuses an unknown template with 404, naming it and the known ones', async () => {
    const r = await s.as('operator', 'GET', preview('no-such-label'));
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
    expect(r.body.error.message).toMatch(/unknown label template "no-such-label"; known templates: carrier-manifest-a4, cn-ewaybill-100x180, /);
  });

  it('refuses a bad format or dpi, naming the field', async () => {
    const f = await s.as('operator', 'GET', preview('shipping-4x6', '?format=bmp'));
    expect(f.status).toBe(422);
    expect(f.body.error.issues).toEqual([expect.objectContaining({ path: 'query.format' })]);
    expect(f.body.error.message).toMatch(/^query\.format: .*"png"/);
    const d = await s.as('operator', 'GET', preview('shipping-4x6', '?dpi=600'));
    expect(d.status).toBe(422);
    expect(d.body.error.message).toBe('query.dpi: dpi is 203 or 300');
  });

  it('refuses an unknown order, and says which field a template needs that the order lacks', async () => {
    const none = await s.as('operator', 'GET', preview('pick-list-a4', '?order=PL9999999'));
    expect(none.status).toBe(404);
    expect(none.body.error.message).toBe('no order has the number "PL9999999"');
    // A waybill from a number range has no sorting code (大头笔); the e-waybill needs one.
    s.core.writes.runNow(() => {
      s.core.db.prepare("INSERT INTO waybill_ranges (id, carrier, scheme, prefix, suffix, width, first_serial, last_serial, next_serial, low_water, active, created_at) VALUES ('wbr_x', 'sf', 'mod11', 'SF', '', 12, 1, 10, 1, 2, 1, '2026-11-20T08:00:00Z')").run();
      allocateWaybill(s.core.db, s.core.ctx.clock, { carrier: 'sf', orderId }, SYSTEM);
    });
    const r = await s.as('operator', 'GET', preview('cn-ewaybill-76x130', `?order=${orderId}`));
    expect(r.status).toBe(422);
    // It says which carrier account is missing (issue 16), not only which field.
    expect(r.body.error.message).toMatch(/carrier sf of order PL\d+ has no e-waybill account: set one up in Settings > Carrier accounts/);
  });
});

describe("the shop's own templates (<data>/labels)", () => {
  const shopDir = () => join(s.dir, 'labels');
  const builtIn = (name: string) => JSON.parse(readFileSync(resourcePath(join('labels', `${name}.json`)), 'utf8'));

  beforeAll(() => {
    mkdirSync(shopDir(), { recursive: true });
    // A copy that replaces a built-in: same name, another title.
    writeFileSync(join(shopDir(), 'cn-ewaybill-76x130.json'), JSON.stringify({ ...builtIn('cn-ewaybill-76x130'), title: 'Our e-waybill' }));
    // A new template that prints the recipient's phone in full (where the role may read it).
    const slip = builtIn('packing-slip-a4');
    slip.name = 'slip-with-phone';
    slip.elements.push({ type: 'text', x: 15, y: 280, w: 120, h: 6, text: 'TEL {{recipient.phone}}', size: 10 });
    writeFileSync(join(shopDir(), 'slip.json'), JSON.stringify(slip));
    writeFileSync(join(shopDir(), 'broken.json'), '{"name": "broken", ');
  });

  it('lists the copies with the built-ins, the copy replacing the built-in of its name, and reports a broken file', async () => {
    const r = await s.as('operator', 'GET', '/api/labels/templates');
    const byName = Object.fromEntries(r.body.items.map((t: { name: string }) => [t.name, t]));
    expect(byName['cn-ewaybill-76x130']).toMatchObject({ title: 'Our e-waybill', source: 'shop', file: 'cn-ewaybill-76x130.json' });
    expect(byName['slip-with-phone']).toMatchObject({ source: 'shop', widthMm: 210 });
    expect(byName['shipping-4x6'].source).toBe('built-in');
    expect(r.body.problems).toEqual([{ file: 'broken.json', message: expect.stringMatching(/broken\.json is not JSON/) }]);
  });

  it('renders a copy in the worker, with the phone masked for roles that may not read it', async () => {
    const admin = pdfText((await bytes(preview('slip-with-phone', `?format=pdf&order=${orderId}`), await bearer('admin'))).body);
    expect(admin).toContain('TEL 13812345678');
    const viewer = pdfText((await bytes(preview('slip-with-phone', `?format=pdf&order=${orderId}`), await bearer('viewer'))).body);
    expect(viewer).not.toContain('13812345678');
    expect(viewer).toMatch(/TEL 138\*+78/);
  });

  it('picks up an edited copy without a restart', async () => {
    writeFileSync(join(shopDir(), 'slip.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(shopDir(), 'slip.json'), 'utf8')), title: 'Slip v2', size: { w: 148, h: 210 } }));
    const r = await s.as('operator', 'GET', '/api/labels/templates');
    expect(r.body.items.find((t: { name: string }) => t.name === 'slip-with-phone')).toMatchObject({ title: 'Slip v2', widthMm: 148 });
  });
});

describe('waybill number ranges over HTTP', () => {
  const ranges = () => count(s.core, 'waybill_ranges');

  it('lets leads and admins read them, and only admins add them', async () => {
    expect((await s.as('operator', 'GET', '/api/waybill-ranges')).status).toBe(403);
    expect((await s.as('lead', 'GET', '/api/waybill-ranges')).status).toBe(200);
    const before = ranges();
    const r = await s.as('lead', 'POST', '/api/waybill-ranges', { carrier: 'ems', scheme: 's10', prefix: 'RR', suffix: 'CN', width: 8, first: 1, last: 500 });
    expect(r.status).toBe(403);
    expect(ranges()).toBe(before);
  });

  it('adds an S10 range and shows its next number, what is left and the low warning', async () => {
    const r = await s.as('admin', 'POST', '/api/waybill-ranges', { carrier: 'ems', scheme: 's10', prefix: 'RR', suffix: 'CN', width: 8, first: 12345678, last: 12345680, lowWater: 2 });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ carrier: 'ems', nextNumber: 'RR123456785CN', remaining: 3, low: false });
    s.core.writes.runNow(() => allocateWaybill(s.core.db, s.core.ctx.clock, { carrier: 'ems' }, SYSTEM));
    const list = await s.as('lead', 'GET', '/api/waybill-ranges');
    expect(list.body.items.find((x: { carrier: string }) => x.carrier === 'ems')).toMatchObject({ remaining: 2, low: true, lastNumber: expect.stringMatching(/^RR12345680\dCN$/) });
    expect(list.body.carriers.find((c: { carrier: string }) => c.carrier === 'ems')).toEqual({ carrier: 'ems', remaining: 2, low: true, warning: 'carrier "ems" has 2 waybill number(s) left: add a range soon' });
  });

  it('refuses a bad scheme, a bad S10 range and an overlap, naming the problem and changing nothing', async () => {
    const before = ranges();
    const scheme = await s.as('admin', 'POST', '/api/waybill-ranges', { carrier: 'yt', scheme: 'luhn', width: 10, first: 1, last: 9 });
    expect(scheme.status).toBe(422);
    expect(scheme.body.error.issues).toEqual([expect.objectContaining({ path: 'scheme' })]);
    const s10 = await s.as('admin', 'POST', '/api/waybill-ranges', { carrier: 'ems', scheme: 's10', prefix: 'R', suffix: 'CN', width: 8, first: 1, last: 9 });
    expect(s10.status).toBe(422);
    expect(s10.body.error.message).toMatch(/S10 prefix is two capital letters/);
    const overlap = await s.as('admin', 'POST', '/api/waybill-ranges', { carrier: 'ems', scheme: 's10', prefix: 'RR', suffix: 'CN', width: 8, first: 12345680, last: 12345690 });
    expect(overlap.status).toBe(409);
    expect(overlap.body.error.message).toMatch(/overlaps range wbr_/);
    expect(ranges()).toBe(before);
  });

  it('voids a number with a reason (lead), once', async () => {
    const { number } = s.core.writes.runNow(() => allocateWaybill(s.core.db, s.core.ctx.clock, { carrier: 'ems' }, SYSTEM));
    expect((await s.as('operator', 'POST', `/api/waybills/${number}/void`, { reason: 'damaged' })).status).toBe(403);
    const noReason = await s.as('lead', 'POST', `/api/waybills/${number}/void`, { reason: ' ' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.issues[0].path).toBe('reason');
    const r = await s.as('lead', 'POST', `/api/waybills/${number}/void`, { reason: 'label damaged' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ number, status: 'voided', voidReason: 'label damaged' });
    const again = await s.as('lead', 'POST', `/api/waybills/${number}/void`, { reason: 'again' });
    expect(again.status).toBe(409);
    expect((await s.as('lead', 'POST', '/api/waybills/NOPE123/void', { reason: 'x' })).status).toBe(404);
  });
});
