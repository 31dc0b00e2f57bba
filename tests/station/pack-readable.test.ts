// What the operator is told at a stop (issue 13, items 11 and 12), with the whole bench (real core
// over HTTP, simulated scanner, scale and printer): a code nobody knows says so instead of "take
// it out of the box", a stop names the order by its number and carries the lead's reason, the
// parcels to pull clear once the lead resolved the interception, a scan during a stop is refused
// out loud; and every view the station sends speaks in message keys both locales have.
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { startRig, TEA, CUP, type BenchRig } from './pack-rig';
import { PACK_COMMANDS, PackView } from '../../src-main/contract/pack';
import { packMessageText } from '../../src-main/contract/pack-messages';
import { BenchJournal } from '../../src-main/station/pack/journal';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let rig: BenchRig;
const views: PackView[] = [];
beforeAll(async () => {
  rig = await startRig();
  rig.bench.onView((v) => views.push(v));
}, 60_000);
afterAll(async () => rig?.close());

beforeEach(async () => rig.freeBench());

describe('the words of a stop', () => {
  it('a code nobody knows says it is not known; an item of another order says take it out; another order slip says so', async () => {
    const other = await rig.order({ lines: [{ sku: CUP.sku, qty: 1 }] });
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }] });
    await rig.scan(o.number);
    await rig.until((x) => x.phase === 'verify', 'the order on the bench');

    await rig.scan('DAMAGED-LABEL-7');
    let v = rig.bench.station.view();
    expect(v.alert).toMatchObject({ kind: 'unknown_code', message: { key: 'codeUnknown', params: { code: 'DAMAGED-LABEL-7' } }, action: { key: 'codeUnknownAction' } });
    expect(packMessageText(v.alert!.message)).toBe('code DAMAGED-LABEL-7 is not known');
    expect(packMessageText(v.alert!.action)).toMatch(/check the label.*scan again.*aside for the lead/);

    await rig.scan(CUP.barcode); // a product the shop knows, not in this order
    v = rig.bench.station.view();
    expect(v.alert).toMatchObject({ kind: 'wrong_item', message: { key: 'notInOrder', params: { code: CUP.barcode, order: o.number } }, action: { key: 'takeOutPutAside' } });

    await rig.scan(other.number); // another order's slip
    v = rig.bench.station.view();
    expect(v.alert).toMatchObject({ kind: 'wrong_order', message: { key: 'otherOrderCode', params: { code: other.number, order: o.number } } });
    // none of them counted as an item
    expect(v.order!.lines[0]!.scanned).toBe(0);
  });

  it("a cancel stop names the order by its number and says the lead's reason; a scan during it is refused with a reason", async () => {
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }] });
    await rig.scan(o.number);
    await rig.until((x) => x.phase === 'verify', 'the order on the bench');
    await rig.server.as('lead', 'POST', `/api/orders/${o.id}/actions/cancel`, { reason: 'customer called to cancel' });
    const v = await rig.until((x) => x.alert?.kind === 'cancelled', 'the cancel stop');
    expect(v.alert!.message).toEqual({ key: 'stopCancelled', params: { order: o.number }, detail: 'customer called to cancel' });

    // only a lead's badge lifts a cancel stop, so the bench takes any code as a badge: it is not shown
    await rig.scan(TEA.barcode);
    let after = rig.bench.station.view();
    expect(after.lastScan).toMatchObject({ code: '', result: 'error', message: { key: 'stopNotTaken' } });
    expect(packMessageText(after.lastScan!.message)).toMatch(/^not taken: the bench is stopped until a lead scans their badge/);
    expect(after.alert).toEqual(v.alert);
    // a command is refused out loud, naming it
    await rig.scan(PACK_COMMANDS.newBox);
    after = rig.bench.station.view();
    expect(after.lastScan).toMatchObject({ code: PACK_COMMANDS.newBox, result: 'error', message: { key: 'scanDuringStop', params: { code: PACK_COMMANDS.newBox } } });
    expect(after.lastScan!.at).toBeGreaterThanOrEqual(after.alert!.at);
    // the stop itself is untouched, and the item did not count
    expect(after.alert).toEqual(v.alert);
    expect(after.order!.lines[0]!.scanned).toBe(0);
  });

  it('a cancel after the label: the stop and the parcels to pull show the order number and reason; they clear once the lead resolved the interception', async () => {
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }] });
    await rig.scan(o.number);
    await rig.scan(TEA.barcode);
    rig.sim.scale.place(TEA.weight, 100);
    await rig.until((x) => x.phase === 'done' && x.order?.number === o.number, 'the parcel done');
    // the next order comes onto the bench: the labelled one is known only by its id and waybill here
    const next = await rig.order({ lines: [{ sku: CUP.sku, qty: 1 }] });
    await rig.clearScale();
    await rig.scan(next.number);
    await rig.until((x) => x.order?.number === next.number, 'the next order on the bench');
    await rig.server.as('lead', 'POST', `/api/orders/${o.id}/actions/cancel`, { reason: 'fraud check' });
    const v = await rig.until((x) => x.interceptions.some((i) => i.orderId === o.id), 'an interception task');
    expect(v.alert).toMatchObject({ kind: 'intercept', message: { key: 'interceptCancelled', params: { order: o.number }, detail: 'fraud check' } });
    expect(v.interceptions.find((i) => i.orderId === o.id)).toMatchObject({ number: o.number, reason: { key: 'pullCancelled', detail: 'fraud check' } });
    expect(JSON.stringify(v.alert)).not.toContain(o.id);

    const ex = await rig.server.as('lead', 'GET', `/api/exceptions?kind=intercept&state=open&orderId=${o.id}`);
    expect(ex.body.items).toHaveLength(1);
    const resolved = await rig.server.as('lead', 'POST', `/api/exceptions/${ex.body.items[0].id}/resolve`, { resolution: 'parcel pulled off the cart' });
    expect(resolved.status).toBe(200);
    const cleared = await rig.until((x) => !x.interceptions.some((i) => i.orderId === o.id), 'the parcels to pull cleared');
    expect(cleared.alert).toBeNull();
  });

  it('every view the bench sent speaks in message keys of the contract (both locales are checked against them in tests/renderer)', () => {
    expect(views.length).toBeGreaterThan(10);
    for (const v of views) expect(() => PackView.parse(v)).not.toThrow();
    expect(views.some((v) => v.lastScan?.message.key === 'packingOn')).toBe(true);
  });
});

describe('a journal from before the bench spoke in keys', () => {
  it('loads its sentences as they were, so a bench updated mid-order still shows its stop', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pl-old-journal-'));
    try {
      mkdirSync(join(dir, 'station'));
      const old = {
        phase: 'verify', interceptions: [{ orderId: 'ord_1', number: 'PL0000001', waybills: ['SF1'], reason: 'order was cancelled' }],
        alert: { kind: 'cancelled', message: 'STOP: order PL0000001 was cancelled', action: 'do not ship it', needs: 'none', at: 1 },
        lastScan: { seq: 3, code: 'X', result: 'error', message: 'X is not in order PL0000001', at: 1 },
      };
      writeFileSync(join(dir, 'station', 'B9.jsonl'), `${JSON.stringify(old)}\n`);
      const journal = new BenchJournal(dir, 'B9');
      const s = journal.load();
      journal.close();
      expect(s.alert!.message).toEqual({ key: 'text', params: { text: 'STOP: order PL0000001 was cancelled' } });
      expect(packMessageText(s.alert!.action)).toBe('do not ship it');
      expect(packMessageText(s.lastScan!.message)).toBe('X is not in order PL0000001');
      expect(packMessageText(s.interceptions[0]!.reason)).toBe('order was cancelled');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
