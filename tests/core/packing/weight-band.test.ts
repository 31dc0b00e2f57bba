// The bench and the core judge a parcel's weight by the one rule in contract/weight-band.ts: at every
// edge of the band, a weight the station lets through is accepted by the core, and one it stops is refused.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startPackShop, newOrder, postParcel, start, type PackShop } from './fixture';
import { ticketFrom } from '../../../src-main/station/pack/http-core';
import { weightWindow, judgeWeight } from '../../../src-main/station/pack/rules';
import type { PackTicket } from '../../../src-main/contract/packing';

let shop: PackShop;
beforeAll(async () => {
  shop = await startPackShop();
});
afterAll(() => shop.s.close());

/** The station's verdict for this reading, from the ticket the core handed the bench. */
function stationVerdict(ticket: PackTicket, grams: number) {
  const t = ticketFrom(ticket);
  const scanned = Object.fromEntries(t.lines.map((l) => [l.lineId, l.qty]));
  return judgeWeight(weightWindow(t, scanned, null), grams);
}

// SKU-B weighs 250 g; no box. Each case: tolerance settings, then readings around the band's edges.
const CASES = [
  { toleranceG: 20, tolerancePct: 0, readings: [229, 230, 270, 271] },
  { toleranceG: 5, tolerancePct: 10, readings: [224, 225, 275, 276] },
  { toleranceG: 300, tolerancePct: 0, readings: [0, 1, 550, 551] }, // the lower edge stops at 1 g: an empty scale never passes
];

describe('the weight band at the bench and at the core', () => {
  for (const c of CASES) {
    it(`agree on every edge with ${c.toleranceG} g / ${c.tolerancePct} %`, async () => {
      const { s, sku } = shop;
      expect((await s.as('admin', 'PUT', '/api/settings', { weightToleranceG: c.toleranceG, weightTolerancePct: c.tolerancePct })).status).toBe(200);
      const verdicts: string[] = [];
      for (const grams of c.readings) {
        const o = await newOrder(s, [{ sku: 'SKU-B', qty: 1 }]);
        const started = await start(s, o.id);
        const station = stationVerdict(started.body as PackTicket, grams);
        const r = await postParcel(s, o.id, { bench: 'B1', expectedVersion: started.body.order.version, boxTypeId: null, items: [{ skuId: sku.B, qty: 1 }], measuredG: grams, final: true });
        expect(r.status, `${grams} g: station says ${station}, core answered ${r.status} ${r.text}`).toBe(station === 'pass' ? 201 : 422);
        verdicts.push(station);
      }
      // the readings straddle both edges: out, in, in, out
      expect(verdicts.map((v) => v === 'pass')).toEqual([false, true, true, false]);
    });
  }
});
