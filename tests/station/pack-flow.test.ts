// The whole packing flow in Node: the real core over HTTP, a simulated serial scanner, an MT-SICS
// scale on a pty and the ZPL printer simulator on TCP. Each test packs real orders end to end.
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { startRig, TEA, CUP, BOX, type BenchRig } from './pack-rig';
import { BADGE } from '../core/helpers';
import { PACK_COMMANDS } from '../../src-main/contract/pack';
import { zplToPng, decodePng } from '../labels/decode-helpers';

/** The barcodes on a printed 4x6 ZPL label at 203 dpi, read back by a real decoder (zxing). */
const barcodesOn = async (zpl: string) => decodePng(await zplToPng(zpl, 101.6, 152.4, 8));

let rig: BenchRig;
beforeAll(async () => {
  rig = await startRig();
}, 60_000);
afterAll(async () => rig?.close());

async function clearScale() {
  rig.sim.scale.remove(50);
  await rig.until((v) => v.weight !== null && (v.weight.grams ?? 0) < 20, 'an empty scale');
}

beforeEach(async () => {
  rig.sim.printer.paperOut = false;
  await rig.freeBench();
});

const labelsPrinted = () => rig.sim.printer.labels.length;

describe('the packing bench', () => {
  it('logs the operator in by badge and packs an order: scan, verify, weigh, label with no click', async () => {
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 2 }, { sku: CUP.sku, qty: 1 }] });
    const before = labelsPrinted();
    await rig.scan(o.number);
    let v = await rig.until((x) => x.phase === 'verify' && x.order?.number === o.number, 'the order on the bench');
    expect(v.order!.lines.map((l) => [l.sku, l.qty, l.scanned])).toEqual([[TEA.sku, 2, 0], [CUP.sku, 1, 0]]);
    await rig.scan(TEA.barcode);
    await rig.scan(BOX.code);
    await rig.scan(TEA.barcode);
    v = await rig.until((x) => x.order?.lines[0]?.scanned === 2, 'two teas ticked');
    expect(v.phase).toBe('verify');
    await rig.scan(CUP.barcode);
    v = await rig.until((x) => x.phase === 'weigh', 'the weigh step');
    expect(v.parcel).toMatchObject({ expectedG: 2 * TEA.weight + CUP.weight + BOX.tare, minG: 480, maxG: 580 });
    rig.sim.scale.place(537, 100);
    v = await rig.until((x) => x.phase === 'done', 'the parcel done');
    expect(v.lastLabel?.waybill).toMatch(/^SF\d{12}$/);
    await rig.sim.printer.waitForLabels(before + 1);
    expect(await barcodesOn(rig.sim.printer.labels.at(-1)!.text)).toContain(v.lastLabel!.waybill);
    const order = await rig.server.as('lead', 'GET', `/api/orders/${o.id}`);
    expect(order.body.state).toBe('packed');
    await rig.scan(v.lastLabel!.waybill); // the optional check of the printed label on the box
    expect(rig.bench.station.view().lastScan).toMatchObject({ result: 'ok', message: { key: 'labelRightBox', params: { code: v.lastLabel!.waybill } } });
    expect(v.counters.parcels).toBeGreaterThanOrEqual(1);
  });

  it('a wrong item, an extra item and an unknown code block with a message and are not counted', async () => {
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }] });
    await rig.scan(o.number);
    await rig.scan(CUP.barcode);
    let v = await rig.until((x) => x.alert?.kind === 'wrong_item', 'a wrong-item stop');
    expect(v.alert!.message).toMatchObject({ key: 'notInOrder', params: { code: CUP.barcode, order: o.number } });
    expect(v.order!.lines[0]!.scanned).toBe(0);
    await rig.scan(TEA.case6); // a case of 6 for an order of 1
    v = await rig.until((x) => x.alert?.kind === 'extra_item', 'an extra-item stop');
    expect(v.order!.lines[0]!.scanned).toBe(0);
    await rig.scan(TEA.barcode); // the right one: counts and clears
    v = await rig.until((x) => x.phase === 'weigh', 'the weigh step');
    expect(v.alert).toBeNull();
    await rig.scan(PACK_COMMANDS.skip);
    await rig.scan('NO-SUCH-CODE-42');
    v = await rig.until((x) => x.alert?.kind === 'unknown_code', 'an unknown-code stop');
    expect(v.alert!.message).toMatchObject({ key: 'codeNotKnownIdle', params: { code: 'NO-SUCH-CODE-42' } });
  });

  it('a quantity command multiplies the next scan', async () => {
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 3 }] });
    await rig.scan(o.number);
    await rig.scan('PL-CMD-QTY-3');
    await rig.scan(TEA.barcode);
    const v = await rig.until((x) => x.phase === 'weigh', 'three teas in and the weigh step');
    expect(v.order!.lines[0]!.scanned).toBe(3);
  });

  it('out of tolerance blocks; an operator badge cannot override, a lead badge can, and it is audited', async () => {
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }] });
    await rig.scan(o.number);
    await rig.scan(TEA.barcode);
    await rig.until((x) => x.phase === 'weigh', 'the weigh step');
    rig.sim.scale.place(900, 100);
    let v = await rig.until((x) => x.alert?.kind === 'overweight', 'an overweight stop');
    expect(v.alert!.needs).toBe('lead');
    const before = labelsPrinted();
    await rig.scan(BADGE.operator);
    v = await rig.until((x) => x.alert?.kind === 'not_allowed', 'the operator badge refused');
    expect(v.phase).toBe('weigh');
    await rig.scan(BADGE.lead);
    v = await rig.until((x) => x.phase === 'done', 'the lead override passing the parcel');
    await rig.sim.printer.waitForLabels(before + 1);
    const ex = await rig.server.as('lead', 'GET', '/api/exceptions?kind=weight_override');
    expect(ex.body.items.some((e: { orderId: string }) => e.orderId === o.id)).toBe(true);
  });

  it('multi-parcel: a new-box command splits the order into parcels 1 of 2 and 2 of 2, each weighed and labelled', async () => {
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }, { sku: CUP.sku, qty: 1 }] });
    const before = labelsPrinted();
    await rig.scan(o.number);
    await rig.scan(TEA.barcode);
    await rig.scan(PACK_COMMANDS.newBox);
    await rig.until((x) => x.phase === 'weigh' && x.parcel?.index === 1, 'box 1 on the scale');
    rig.sim.scale.place(TEA.weight + 5, 100);
    let v = await rig.until((x) => x.phase === 'verify' && x.parcel?.index === 2, 'box 2 started');
    expect(v.order!.lines.find((l) => l.sku === TEA.sku)!.packedBefore).toBe(1);
    await clearScale();
    await rig.scan(CUP.barcode);
    await rig.until((x) => x.phase === 'weigh' && x.parcel?.index === 2, 'box 2 on the scale');
    rig.sim.scale.place(CUP.weight - 3, 100);
    v = await rig.until((x) => x.phase === 'done', 'the order done');
    await rig.sim.printer.waitForLabels(before + 2);
    const parcels = await rig.server.as('lead', 'GET', `/api/orders/${o.id}/parcels`);
    expect(parcels.body.items.map((p: { seq: number; state: string }) => [p.seq, p.state])).toEqual([[1, 'labelled'], [2, 'labelled']]);
    expect(new Set(parcels.body.items.map((p: { waybill: string }) => p.waybill)).size).toBe(2);
  });

  it('reprint prints the same waybill again; void voids it and the order can be packed anew with a new number', async () => {
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }] });
    await rig.scan(o.number);
    await rig.scan(TEA.barcode);
    rig.sim.scale.place(TEA.weight, 100);
    const v = await rig.until((x) => x.phase === 'done' && x.order?.number === o.number, 'the parcel done');
    const first = v.lastLabel!.waybill;
    const n = labelsPrinted();
    await rig.sim.printer.waitForLabels(n);
    await rig.scan(PACK_COMMANDS.reprint);
    await rig.sim.printer.waitForLabels(n + 1);
    expect(await barcodesOn(rig.sim.printer.labels.at(-1)!.text)).toContain(first);
    await rig.scan(PACK_COMMANDS.void);
    await rig.until((x) => x.lastScan?.message.key === 'waybillVoided', 'the void acknowledged');
    await clearScale();
    await rig.scan(o.number);
    await rig.scan(TEA.barcode);
    rig.sim.scale.place(TEA.weight, 100);
    const again = await rig.until((x) => x.phase === 'done' && x.lastLabel?.waybill !== first, 'a new label');
    expect(again.lastLabel!.waybill).not.toBe(first);
    const events = await rig.server.as('lead', 'GET', `/api/orders/${o.id}/events`);
    const types = events.body.items.map((e: { type: string }) => e.type);
    expect(types.some((t: string) => t.includes('reprint'))).toBe(true);
    expect(types.some((t: string) => t.includes('void'))).toBe(true);
  });

  it('short: the order goes to the exception queue and the bench is free', async () => {
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 2 }] });
    await rig.scan(o.number);
    await rig.scan(TEA.barcode);
    await rig.scan(PACK_COMMANDS.short);
    const v = await rig.until((x) => x.alert?.kind === 'short', 'the short acknowledged');
    expect(v.order).toBeNull();
    const order = await rig.server.as('lead', 'GET', `/api/orders/${o.id}`);
    expect(order.body.state).toBe('exception');
  });

  it('a cancel at the core stops the bench at once and no label is ever printed for it', async () => {
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }] });
    await rig.scan(o.number);
    await rig.until((x) => x.phase === 'verify', 'the order on the bench');
    const n = labelsPrinted();
    const t0 = performance.now();
    const r = await rig.server.as('lead', 'POST', `/api/orders/${o.id}/actions/cancel`, { reason: 'customer called' });
    expect(r.status).toBe(200);
    const v = await rig.until((x) => x.alert?.kind === 'cancelled', 'the cancel stop');
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(v.alert!.needs).toBe('lead');
    await rig.scan(TEA.barcode); // refused while stopped
    rig.sim.scale.place(TEA.weight, 50);
    await new Promise((res) => setTimeout(res, 600));
    expect(labelsPrinted()).toBe(n);
    expect(rig.bench.station.view().alert?.kind).toBe('cancelled');
    // the operator cannot skip it away, nor can their own badge: only a lead's
    await rig.scan(PACK_COMMANDS.skip);
    await rig.scan(BADGE.operator);
    expect(rig.bench.station.view()).toMatchObject({ phase: 'verify', alert: { kind: 'cancelled', needs: 'lead' }, order: { number: o.number } });
    await rig.scan(BADGE.lead);
    await rig.until((x) => x.phase === 'idle' && x.alert === null && x.order === null, 'the bench free again');
    expect(labelsPrinted()).toBe(n);
  });

  it('a cancel after the label turns the parcel into an interception task', async () => {
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }] });
    await rig.scan(o.number);
    await rig.scan(TEA.barcode);
    rig.sim.scale.place(TEA.weight, 100);
    const done = await rig.until((x) => x.phase === 'done' && x.order?.number === o.number, 'the parcel done');
    await rig.server.as('lead', 'POST', `/api/orders/${o.id}/actions/cancel`, { reason: 'fraud check' });
    const v = await rig.until((x) => x.interceptions.some((i) => i.orderId === o.id), 'an interception task');
    expect(v.alert?.kind).toBe('intercept');
    expect(v.interceptions.find((i) => i.orderId === o.id)!.waybills).toEqual([done.lastLabel!.waybill]);
    const ex = await rig.server.as('lead', 'GET', '/api/exceptions?kind=intercept');
    expect(ex.body.items.some((e: { orderId: string }) => e.orderId === o.id)).toBe(true);
    expect(v.alert?.needs).toBe('lead');
  });

  it('printer out of paper: the parcel is confirmed, the label waits and prints exactly once when paper is back', async () => {
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }] });
    const n = labelsPrinted();
    rig.sim.printer.paperOut = true;
    await rig.scan(o.number);
    await rig.scan(TEA.barcode);
    rig.sim.scale.place(TEA.weight, 100);
    await rig.until((x) => x.phase === 'done', 'the parcel confirmed');
    await rig.until((x) => x.alert?.kind === 'printer', 'the printer stop', 8000);
    expect(labelsPrinted()).toBe(n);
    rig.sim.printer.paperOut = false;
    await rig.sim.printer.waitForLabels(n + 1, 8000);
    await new Promise((res) => setTimeout(res, 500));
    expect(labelsPrinted()).toBe(n + 1);
  });

  it('scale unplugged mid-weigh: the bench says so, and weighs once the scale is back', async () => {
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }] });
    await rig.scan(o.number);
    await rig.scan(TEA.barcode);
    await rig.until((x) => x.phase === 'weigh', 'the weigh step');
    await rig.sim.scale.stop();
    await rig.until((x) => x.alert?.kind === 'scale', 'the scale stop', 10_000);
    await rig.sim.scale.start();
    rig.sim.scale.place(TEA.weight, 100);
    await rig.until((x) => x.phase === 'done', 'the parcel done after the scale came back', 15_000);
  });
  it('put wall: items sorted into slots; a single-item order completes with its one scan, a full slot is packed through the bench', async () => {
    const single = await rig.order({ lines: [{ sku: CUP.sku, qty: 1 }] });
    const pair = await rig.order({ lines: [{ sku: TEA.sku, qty: 2 }] });
    const rel = await rig.server.as('lead', 'POST', '/api/waves', { rule: { filter: { states: ['allocated'] } }, benchId: 'B1', waves: [{ orderIds: [single.id, pair.id] }] });
    expect(rel.status).toBe(201);
    // the single-item order: the scan that sorts it also verifies it, straight to the scale
    await rig.scan(CUP.barcode);
    let v = await rig.until((x) => x.phase === 'weigh' && x.order?.number === single.number, 'the single-item order on the scale');
    expect(v.order!.slot).toMatch(/ · \d+$/);
    rig.sim.scale.place(CUP.weight, 100);
    await rig.until((x) => x.phase === 'done' && x.order?.number === single.number, 'its label');
    await clearScale();
    // the two-unit order: the first tea goes to its slot, the second completes it and the bench packs it
    await rig.scan(TEA.barcode);
    v = await rig.until((x) => x.sort?.orderNumber === pair.number && !x.sort.complete, 'the first tea sorted');
    expect(v.phase).toBe('idle');
    expect(v.sort!.remaining).toBe(1);
    await rig.scan(TEA.barcode);
    v = await rig.until((x) => x.phase === 'verify' && x.order?.number === pair.number, 'the full slot on the bench');
    await rig.scan(TEA.barcode);
    await rig.scan(TEA.barcode);
    await rig.until((x) => x.phase === 'weigh', 'the weigh step');
    rig.sim.scale.place(2 * TEA.weight, 100);
    await rig.until((x) => x.phase === 'done' && x.order?.number === pair.number, 'its label');
    // an order of a paused wave waits for the lead
    const held = await rig.order({ lines: [{ sku: CUP.sku, qty: 1 }] });
    const w = await rig.server.as('lead', 'POST', '/api/waves', { rule: { filter: { states: ['allocated'] } }, benchId: 'B1', waves: [{ orderIds: [held.id] }] });
    const waveId = w.body.waves[0].id;
    expect((await rig.server.as('lead', 'POST', `/api/waves/${waveId}/actions/pause`, { reason: 'truck late' })).status).toBe(200);
    await rig.scan(held.number);
    v = await rig.until((x) => x.alert?.kind === 'wrong_order', 'the paused-wave refusal');
    expect(v.alert!.message.detail).toMatch(/paused/);
    expect(v.order?.number).not.toBe(held.number);
    expect((await rig.server.as('lead', 'GET', `/api/orders/${held.id}`)).body.state).toBe('in_wave');
    // an item no released wave needs is refused, not sorted
    await rig.scan(TEA.barcode);
    v = await rig.until((x) => x.alert?.kind === 'wrong_order', 'the refusal');
    expect(v.alert!.message.detail).toContain(TEA.barcode);
  });
});
