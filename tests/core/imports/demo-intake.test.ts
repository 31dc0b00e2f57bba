// The demo shop shows intake working: this morning's Taobao import with its report, a phone order
// and its address change in the audit log.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { seedDemo } from '../../../src-main/core/demo/seed';
import { listImportRuns } from '../../../src-main/core/modules/imports/queries';
import { auditLog } from '../../../src-main/core/modules/audit/queries';
import { openTestCore } from '../helpers';

let core: Core;
beforeAll(() => void seedDemo((core = openTestCore()), { skus: 5, orders: 5 }));
afterAll(() => core.close());

describe('demo intake', () => {
  it('has this morning\'s import: created, one duplicate, two rows refused by row and column', () => {
    const [run] = listImportRuns(core.ctx);
    expect(run).toMatchObject({ state: 'done', filename: '淘宝订单报表-20261203.csv', actorName: '陈静 Chen Jing', report: { encoding: 'gbk', created: 3, duplicates: 1, failed: 2 } });
    expect(run!.report!.errors.map((e) => [e.row, e.column])).toEqual([[6, '宝贝总数量'], [7, '商家编码']]);
  });

  it('has a phone order whose address the lead changed, with the reason, in the audit log', () => {
    const { items } = auditLog(core.ctx, { kind: 'order.address_changed', limit: 10 });
    expect(items).toEqual([expect.objectContaining({ actorName: '陈静 Chen Jing', reason: expect.stringContaining('customer called') })]);
    const order = core.db.prepare("SELECT channel, json_extract(ship_to, '$.district') d FROM orders WHERE id = ?").get(items[0]!.entityId);
    expect(order).toEqual({ channel: 'phone', d: '南山区' });
  });
});
