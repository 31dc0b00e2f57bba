// The e-waybill the bench prints for a parcel whose carrier issued it (issue 16): the label data the
// core returned for a real parcel (simulated Kuaidi100 on 127.0.0.1), on the template the carrier
// account names, rendered to ZPL, drawn by zpl-renderer-js and read back by zxing: the carrier's waybill
// number decodes, the sorting code (大头笔) and bag point (集包地) are on it, and the SF two-part label
// carries the billing block. The PNGs go to tests/.artifacts/ to be looked at.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLabel } from '../../src-main/labels/render';
import { layout } from '../../src-main/labels/render';
import { startKuaidi100Peer, type Kuaidi100Peer } from '../../src-main/demo/kuaidi100-peer';
import { startPackShop, newOrder, postParcel, start, type PackShop } from '../core/packing/fixture';
import { accountBody } from '../core/tracking/fixture';
import { setSettings } from '../core/helpers';
import { decodePng, zplToPng } from './decode-helpers';

const ART = join(__dirname, '..', '.artifacts');
let shop: PackShop;
let peer: Kuaidi100Peer;

beforeAll(async () => {
  mkdirSync(ART, { recursive: true });
  shop = await startPackShop();
  setSettings(shop.s.core, { sender: { name: '李小龙', phone: '13987654321', address: '广东省深圳市南山区科技园仓库8号' } });
  peer = await startKuaidi100Peer();
  await shop.s.as('admin', 'PUT', '/api/carrier-accounts/zto', accountBody(peer.url));
  await shop.s.as('admin', 'PUT', '/api/carrier-accounts/sf', accountBody(peer.url, { template: 'cn-ewaybill-100x180', partnerId: '7551234567', service: '顺丰标快', insuredYuan: 2000 }));
});
afterAll(async () => {
  await peer.close();
  await shop.s.close();
});

async function labelledParcel(carrier: string) {
  const { s, sku } = shop;
  const o = await newOrder(s, [{ sku: 'SKU-A', qty: 1 }], carrier);
  const t = await start(s, o.id);
  const r = await postParcel(s, o.id, { bench: 'B1', expectedVersion: t.body.order.version, boxTypeId: null, items: [{ skuId: sku.A, qty: 1 }], measuredG: 100, final: true });
  expect(r.status).toBe(201);
  return r.body;
}

describe('the e-waybill a Chinese carrier accepts', () => {
  it('ZTO, 76x130 one-part: the printed ZPL decodes to the carrier-issued number; sorting code and bag point are printed', async () => {
    const r = await labelledParcel('zto');
    const number = peer.issued.at(-1)!.number;
    expect(r.label.carrier.template).toBe('cn-ewaybill-76x130');
    const zpl = (await renderLabel({ template: r.label.carrier.template, data: r.label, format: 'zpl', dpi: 203 })).bytes.toString('utf8');
    const png = await zplToPng(zpl, 76, 130, 8);
    writeFileSync(join(ART, 'ewaybill-zto-76x130.png'), png);
    const codes = await decodePng(png);
    expect(codes.filter((c) => c === number).length).toBe(2); // main barcode and the small one
    // The sorting code and bag point are text on the label: laid out in the destination region.
    const texts = layout('cn-ewaybill-76x130', r.label, 203).ops.flatMap((op) => (op.op === 'text' ? [op.text] : []));
    expect(texts).toContain('755-A12-03');
    expect(texts).toContain('深圳转运中心');
    expect(texts.join(' ')).not.toContain('13812345678'); // the phone is masked
  });

  it('SF, 100x180 two-part: the number decodes on both parts; the billing block shows 月结卡号, 付款方式 and 保价', async () => {
    const r = await labelledParcel('sf');
    const number = peer.issued.at(-1)!.number;
    expect(number).toMatch(/^SF/);
    const zpl = (await renderLabel({ template: r.label.carrier.template, data: r.label, format: 'zpl', dpi: 203 })).bytes.toString('utf8');
    const png = await zplToPng(zpl, 100, 180, 8);
    writeFileSync(join(ART, 'ewaybill-sf-100x180.png'), png);
    expect((await decodePng(png)).filter((c) => c === number).length).toBe(2);
    const texts = layout('cn-ewaybill-100x180', r.label, 203).ops.flatMap((op) => (op.op === 'text' ? [op.text] : []));
    expect(texts).toEqual(expect.arrayContaining(['月结 7551234567', '寄付月结', '保价 2000 元']));
  });
});
