// A second warehouse for split tests: Chengdu (CD) with its bench, holding SKU-B, which Guangzhou
// (MAIN, the packing fixture's shop) no longer has: no single warehouse can fill an order for A and B.
import { expect } from 'vitest';
import type { TestServer } from '../helpers';

export async function addChengduWithSkuB(s: TestServer): Promise<void> {
  expect((await s.as('admin', 'POST', '/api/warehouses', { code: 'CD', name: '成都仓 Chengdu', province: '四川', city: '成都', benches: ['cd-bench-1'] })).status).toBe(201);
  expect((await s.as('lead', 'POST', '/api/locations', { code: 'CD-01-01-1', warehouse: 'CD' })).status).toBe(201);
  expect((await s.as('lead', 'POST', '/api/inventory/adjustments', { sku: 'SKU-B', location: 'CD-01-01-1', onHandDelta: 10, inTransitDelta: 0, reason: 'opening stock' })).status).toBe(200);
  expect((await s.as('lead', 'POST', '/api/inventory/adjustments', { sku: 'SKU-B', location: 'B-02-03-1', onHandDelta: -500, inTransitDelta: 0, reason: 'moved to Chengdu' })).status).toBe(200);
}

/** The shop allows a split by warehouse, Guangzhou first. */
export const allowSplit = (s: TestServer, split = true) => s.as('lead', 'PUT', '/api/routing', { enabled: true, split, priority: ['MAIN', 'CD'], rules: [] });
