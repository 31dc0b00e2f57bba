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
import { BADGE } from '../core/helpers';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, readdirSync, readFileSync } from 'node:fs';
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

  it('a change stop refuses a code that may be a badge without saying it, on the screens and in the journal; the order’s own item and a command are named', async () => {
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }] });
    await rig.scan(o.number);
    await rig.until((x) => x.phase === 'verify', 'the order on the bench');
    const address = { name: '刘艳', phone: '13808222172', country: 'CN', province: '浙江省', city: '杭州市', district: '滨江区', address1: '江南大道3850号创新大厦8楼', postcode: '310051' };
    expect((await rig.server.as('lead', 'PUT', `/api/orders/${o.id}/ship-to`, { shipTo: address, reason: 'customer called: new address' })).status).toBe(200);
    const v = await rig.until((x) => x.alert?.kind === 'changed', 'the change stop');
    expect(v.alert).toMatchObject({ needs: 'none', message: { key: 'stopChanged', params: { order: o.number } } });
    const from = views.length;

    // the operator's own badge, a colleague's, and a damaged label: any of them may be somebody's badge
    const secrets = [BADGE.operator, BADGE.lead, 'DAMAGED-LABEL-9'];
    for (const code of secrets) {
      await rig.scan(code);
      const after = rig.bench.station.view();
      expect(after.lastScan, code).toMatchObject({ code: '', result: 'error', message: { key: 'scanDuringStopNoCode' } });
      expect(after.lastScan!.message.params, code).toBeUndefined();
      expect(packMessageText(after.lastScan!.message)).toBe('the scan was not taken: the bench is stopped');
      expect(after.alert).toEqual(v.alert);
    }
    // the order's own item and a command are no badge: named, as before
    await rig.scan(TEA.barcode);
    expect(rig.bench.station.view().lastScan).toMatchObject({ code: TEA.barcode, message: { key: 'scanDuringStop', params: { code: TEA.barcode } } });
    expect(packMessageText(rig.bench.station.view().lastScan!.message)).toBe(`${TEA.barcode} was not taken: the bench is stopped`);
    await rig.scan(PACK_COMMANDS.newBox);
    expect(rig.bench.station.view().lastScan).toMatchObject({ code: PACK_COMMANDS.newBox, message: { key: 'scanDuringStop', params: { code: PACK_COMMANDS.newBox } } });
    expect(rig.bench.station.view()).toMatchObject({ alert: v.alert, order: { number: o.number, lines: [{ scanned: 0 }] } });

    // nowhere: not in a view any screen got, not in the bench's journal or audit file
    const seen = JSON.stringify(views.slice(from));
    const station = join(rig.dataDir, 'station');
    const files = readdirSync(station).map((name) => readFileSync(join(station, name), 'utf8')).join('\n');
    expect(files).toContain(TEA.barcode);
    for (const code of secrets) {
      expect(seen, code).not.toContain(code);
      expect(files, code).not.toContain(code);
    }
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
