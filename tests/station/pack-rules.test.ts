import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mayEchoScan, parseCommand } from '../../src-main/contract/pack';
import { EMPTY, orderView } from '../../src-main/station/pack/state';
import { matchInOrder, weightWindow, judgeWeight, orderComplete, parcelItems, type Ticket } from '../../src-main/station/pack/rules';

const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  orderId: 'ord_1', number: 'SO-1', channel: 'shop', externalId: 'X1', state: 'packing', version: 3, carrier: 'SF', recipient: '张*', country: 'CN', slot: null,
  lines: [
    { lineId: 'l1', skuId: 'sku_a', sku: 'TEA-100', name: 'Tea', qty: 2, packedBefore: 0, unitWeightG: 100, location: 'A-01', barcodes: [{ code: '6901234567892', units: 1 }, { code: 'CASE-TEA-6', units: 6 }], hasImage: false },
    { lineId: 'l2', skuId: 'sku_b', sku: 'CUP-1', name: 'Cup', qty: 1, packedBefore: 0, unitWeightG: 250, location: 'B-02', barcodes: [{ code: '6909876543210', units: 1 }], hasImage: false },
  ],
  boxTypes: [{ id: 'box_s', code: 'BOX-S', name: 'Small', tareG: 80 }],
  suggestedBoxId: 'box_s', toleranceG: 50, tolerancePct: 5, parcelsBefore: 0, ...over,
});

describe('command barcodes', () => {
  it('knows every command and quantities 2 to 10, nothing else', () => {
    expect(parseCommand('PL-CMD-NEWBOX')).toEqual({ kind: 'command', command: 'newBox' });
    expect(parseCommand('pl-cmd-logout')).toEqual({ kind: 'command', command: 'logout' });
    expect(parseCommand('PL-CMD-QTY-2')).toEqual({ kind: 'quantity', times: 2 });
    expect(parseCommand('PL-CMD-QTY-10')).toEqual({ kind: 'quantity', times: 10 });
    expect(parseCommand('PL-CMD-QTY-1')).toBeNull();
    expect(parseCommand('PL-CMD-QTY-11')).toBeNull();
    expect(parseCommand('6901234567892')).toBeNull();
  });
});

describe('a refused scan said back', () => {
  it('only a command, a code of no badge form or a code of the order on the bench: anything else may be a badge', () => {
    const t = ticket({ merged: [{ id: 'ord_2', number: 'SO-2' }] });
    const order = orderView({ ...EMPTY, ticket: t });
    for (const code of ['PL-CMD-NEWBOX', 'pl-cmd-qty-3', 'ABC', 'two words', 'SO-1', 'X1', 'SO-2', 'tea-100', '6901234567892', 'CASE-TEA-6']) expect(mayEchoScan(code, order), code).toBe(true);
    for (const code of ['OP-1001', 'LD-2001', 'DAMAGED-LABEL-7', 'SO-3', '4006381333931', 'PL-CMD-QTY-11']) expect(mayEchoScan(code, order), code).toBe(false);
    // no order on the bench: only commands and codes of no badge form
    expect(mayEchoScan('PL-CMD-SKIP', null)).toBe(true);
    expect(mayEchoScan('6901234567892', null)).toBe(false);
  });
});

describe('what a scan means inside an order', () => {
  it('counts an item by any of its barcodes or its SKU, a box by its code', () => {
    const t = ticket();
    expect(matchInOrder(t, {}, '6901234567892')).toMatchObject({ kind: 'item', units: 1, line: { lineId: 'l1' } });
    expect(matchInOrder(t, {}, 'cup-1')).toMatchObject({ kind: 'item', line: { lineId: 'l2' } });
    expect(matchInOrder(t, {}, 'BOX-S')).toMatchObject({ kind: 'box', box: { id: 'box_s' } });
    expect(matchInOrder(t, {}, '4006381333931')).toEqual({ kind: 'none' });
  });
  it('a case barcode counting more units than the order still needs is an extra, not a partial count', () => {
    expect(matchInOrder(ticket(), {}, 'CASE-TEA-6')).toMatchObject({ kind: 'extra', units: 6 });
  });
  it('a quantity command multiplies the next scan; one too many is an extra', () => {
    const t = ticket();
    expect(matchInOrder(t, {}, '6901234567892', 2)).toMatchObject({ kind: 'item', units: 2 });
    expect(matchInOrder(t, { l1: 1 }, '6901234567892', 2)).toMatchObject({ kind: 'extra' });
    expect(matchInOrder(t, { l1: 2 }, '6901234567892')).toMatchObject({ kind: 'extra' });
  });
  it('items already in an earlier parcel are not needed again', () => {
    const t = ticket({ lines: ticket().lines.map((l) => ({ ...l, packedBefore: l.qty })) });
    expect(matchInOrder(t, {}, 'CUP-1')).toMatchObject({ kind: 'extra' });
    expect(orderComplete(t, {})).toBe(true);
  });
  it('never lets the scanned count pass the ordered quantity, whatever is scanned (property)', () => {
    const t = ticket();
    const codes = ['6901234567892', 'CASE-TEA-6', '6909876543210', 'CUP-1', 'BOX-S', 'NOPE'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...codes), fc.integer({ min: 1, max: 10 })), { maxLength: 30 }), (scans) => {
        let scanned: Record<string, number> = {};
        for (const [code, times] of scans) {
          const m = matchInOrder(t, scanned, code, times);
          if (m.kind === 'item') scanned = { ...scanned, [m.line.lineId]: (scanned[m.line.lineId] ?? 0) + m.units };
        }
        for (const l of t.lines) expect(scanned[l.lineId] ?? 0).toBeLessThanOrEqual(l.qty);
      }),
    );
  });
});

describe('expected weight', () => {
  it('is items plus box tare, with the larger of the gram and percent tolerance', () => {
    const t = ticket();
    const box = t.boxTypes[0]!;
    expect(weightWindow(t, { l1: 2, l2: 1 }, box)).toEqual({ expectedG: 530, minG: 480, maxG: 580 });
    const heavy = ticket({ tolerancePct: 20 });
    expect(weightWindow(heavy, { l1: 2, l2: 1 }, box)).toEqual({ expectedG: 530, minG: 424, maxG: 636 });
  });
  it('is unknown while a scanned item has no unit weight: any stable weight passes', () => {
    const t = ticket({ lines: ticket().lines.map((l) => (l.lineId === 'l2' ? { ...l, unitWeightG: null } : l)) });
    const w = weightWindow(t, { l1: 2, l2: 1 }, null);
    expect(w.expectedG).toBeNull();
    expect(judgeWeight(w, 612)).toBe('pass');
    expect(judgeWeight(w, 0)).toBe('under');
  });
  it('judges the edges of the band as inside', () => {
    const w = { expectedG: 530, minG: 480, maxG: 580 };
    expect(judgeWeight(w, 480)).toBe('pass');
    expect(judgeWeight(w, 580)).toBe('pass');
    expect(judgeWeight(w, 581)).toBe('over');
    expect(judgeWeight(w, 479)).toBe('under');
  });
});

it('sums parcel items per SKU for the core', () => {
  expect(parcelItems(ticket(), { l1: 2, l2: 0 })).toEqual([{ skuId: 'sku_a', qty: 2 }]);
});
