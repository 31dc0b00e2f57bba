// Finding orders as a person remembers them, over the real HTTP server: a customer's name (Chinese
// substrings too), full phone, city, filters, sorts, pages, and the list's export masked per role.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startCore, addSku, orderInput, tempDir, type TestServer } from '../helpers';
import { onTestPostgres } from '../../pg-store';
import { readSheet } from '../../../src-main/lib/spreadsheet';
import { shopDay } from '../../../src-main/contract/shop-time';
import type { OrderInput } from '../../../src-main/contract/orders';

let s: TestServer;
const ids: Record<string, string> = {};
const HOUR = 3600_000;

function customer(name: string, phone: string, province: string, city: string, over: Partial<OrderInput> = {}): OrderInput {
  const base = orderInput();
  return { ...base, shipTo: { ...base.shipTo, name, phone, province, city, district: undefined }, ...over };
}

beforeAll(async () => {
  s = await startCore({ setup: (core) => void addSku(core, 'SKU-A', { onHand: 1000 }) });
  const past = new Date(Date.now() - 2 * HOUR).toISOString();
  const later = new Date(Date.now() + 48 * HOUR).toISOString();
  const orders: [string, OrderInput][] = [
    ['liuyan', customer('刘艳', '13808222172', '浙江省', '杭州', { channel: 'taobao', carrier: 'sf', shipBy: past })],
    ['liuyanhong', customer('刘艳红', '13900001111', '上海市', '上海市', { channel: 'jd', carrier: 'yto', shipBy: later })],
    ['wangfang', customer('王芳', '13700002222', '浙江省', '杭州市', { channel: 'taobao', carrier: 'yto' })],
    ['ouyang', customer('欧阳娜娜', '+86 138 0822 2173', '北京市', '北京市', { channel: 'douyin' })],
    ['latin', customer('Liu Yan', '+44 20 7946 0958', 'Greater London', 'London', { channel: 'shopify' })],
    ['apart', customer('Abc Bcd', '+44 20 7946 0959', 'Greater London', 'Leeds', { channel: 'shopify' })],
  ];
  for (const [key, input] of orders) {
    const r = await s.as('lead', 'POST', '/api/orders', input);
    expect(r.status, r.text).toBe(201);
    ids[key] = r.body.id;
  }
  await s.core.search.flush(); // names and cities are indexed shortly after intake
});
afterAll(() => s.close());

const found = async (query: string, role: 'operator' | 'viewer' | 'lead' = 'operator') => {
  const r = await s.as(role, 'GET', `/api/orders?${query}`);
  expect(r.status, r.text).toBe(200);
  return r.body as { items: { id: string; recipient: string; city: string }[]; total: number; totalIsMore: boolean; nextCursor: string | null };
};
const idsOf = (b: { items: { id: string }[] }) => b.items.map((i) => i.id).sort();
const q = (text: string) => `q=${encodeURIComponent(text)}`;

describe('finding an order by what a person remembers', () => {
  it('by a two-character Chinese name: the name, and names that start or end with it', async () => {
    expect(idsOf(await found(q('刘艳')))).toEqual([ids.liuyan, ids.liuyanhong].sort());
    expect(idsOf(await found(q('艳红')))).toEqual([ids.liuyanhong]);
  });

  it('by any three characters or more of a name, anywhere in it, any case', async () => {
    expect(idsOf(await found(q('阳娜娜')))).toEqual([ids.ouyang]);
    expect(idsOf(await found(q('iu ya')))).toEqual([ids.latin]);
  });

  it('four characters or more match only where they stand together, not their pieces apart', async () => {
    expect(idsOf(await found(q('abc bcd')))).toEqual([ids.apart]);
    expect((await found(q('abcd'))).items).toEqual([]); // "abc" and "bcd" are both in "Abc Bcd"
  });

  it('by city: 杭州 finds 杭州 and 杭州市, 州市 finds every city ending so', async () => {
    expect(idsOf(await found(q('杭州')))).toEqual([ids.liuyan, ids.wangfang].sort());
    expect(idsOf(await found(q('州市')))).toEqual([ids.wangfang]);
    expect(idsOf(await found(q('London')))).toEqual([ids.latin]);
  });

  it('by a full phone number, written any way, by every role; the answer shows the phone only masked to an operator', async () => {
    for (const phone of ['13808222172', '138 0822 2172', '+86 138-0822-2172']) {
      expect(idsOf(await found(q(phone), 'viewer')), phone).toEqual([ids.liuyan]);
    }
    expect(idsOf(await found(q('13808222173')))).toEqual([ids.ouyang]); // stored as "+86 138 0822 2173"
    const r = await s.as('operator', 'GET', `/api/orders?${q('13808222172')}`);
    expect(r.text).not.toContain('13808222172');
    const order = await s.as('operator', 'GET', `/api/orders/${ids.liuyan}`);
    expect(order.body.shipTo.phone).toBe('138******72');
  });

  it('a phone is found only whole: its first digits find nothing', async () => {
    for (const part of ['1380822', '13808222', '138082221']) expect((await found(q(part))).items, part).toEqual([]);
  });

  it('one character is too little to search names by, and finds nothing', async () => {
    expect((await found(q('刘'))).items).toEqual([]);
  });

  it('an address changed after arrival is found by its new city, not the old one', async () => {
    const row = s.core.db.prepare('SELECT ship_to FROM orders WHERE id = ?').pluck().get(ids.wangfang) as string;
    s.core.db.prepare('UPDATE orders SET ship_to = ? WHERE id = ?').run(JSON.stringify({ ...JSON.parse(row), city: '宁波市' }), ids.wangfang);
    try {
      expect(idsOf(await found(q('宁波')))).toEqual([ids.wangfang]);
      expect(idsOf(await found(q('杭州')))).toEqual([ids.liuyan]);
    } finally {
      s.core.db.prepare('UPDATE orders SET ship_to = ? WHERE id = ?').run(row, ids.wangfang);
    }
  });
});

describe('filters, sorts and pages', () => {
  it('filters by channel, carrier and state, alone and with a search', async () => {
    expect(idsOf(await found('channel=taobao'))).toEqual([ids.liuyan, ids.wangfang].sort());
    expect(idsOf(await found(`${q('杭州')}&carrier=yto`))).toEqual([ids.wangfang]);
    expect(idsOf(await found(`${q('刘艳')}&channel=jd&state=allocated`))).toEqual([ids.liuyanhong]);
    expect((await found(`${q('刘艳')}&state=shipped`)).items).toEqual([]);
  });

  it('late: past its ship-by time and not gone', async () => {
    expect(idsOf(await found('late=true'))).toEqual([ids.liuyan]);
  });

  it('by date range: created from .. before', async () => {
    const now = Date.now();
    expect((await found(`from=${new Date(now - HOUR).toISOString()}&to=${new Date(now + HOUR).toISOString()}`)).total).toBe(6);
    expect((await found(`to=${new Date(now - HOUR).toISOString()}`)).total).toBe(0);
  });

  it('sorts by ship-by, soonest first, orders without one last; newest first by default', async () => {
    const bySoonest = (await found('sort=shipBy')).items.map((i) => i.id);
    expect(bySoonest.slice(0, 2)).toEqual([ids.liuyan, ids.liuyanhong]);
    const newest = (await found('')).items.map((i) => i.id);
    expect(newest).toEqual([ids.apart, ids.latin, ids.ouyang, ids.wangfang, ids.liuyanhong, ids.liuyan]);
    expect((await found('sort=oldest')).items.map((i) => i.id)).toEqual([...newest].reverse());
  });

  it('pages a name search and a sorted list with a cursor, without repeats or gaps', async () => {
    for (const query of [q('刘艳'), 'sort=shipBy', 'sort=newest']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let total = 0;
      do {
        const b = await found(`${query}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        total = b.total;
        seen.push(...b.items.map((i) => i.id));
        cursor = b.nextCursor;
      } while (cursor);
      expect(new Set(seen).size, query).toBe(seen.length);
      expect(seen.length, query).toBe(total);
    }
  });

  it('a cursor the list did not give out is refused by name', async () => {
    const r = await s.as('operator', 'GET', '/api/orders?cursor=bm90LWEtY3Vyc29y');
    expect(r.status).toBe(422);
    expect(r.body.error.issues[0].path).toBe('cursor');
  });

  it('the hot searches use their indexes (EXPLAIN QUERY PLAN)', () => {
    if (onTestPostgres) return expectPostgresPlans();
    const plan = (sql: string, ...args: unknown[]) => (s.core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((p) => p.detail).join('\n');
    expect(plan('SELECT id FROM orders WHERE phone_digits IN (?, ?)', 'a', 'b')).toMatch(/orders_phone/);
    expect(plan("SELECT o.id FROM order_search f JOIN orders o ON o.rowid = f.rowid WHERE order_search MATCH ? ORDER BY f.rowid DESC", '"abc"')).toMatch(/VIRTUAL TABLE INDEX/);
    expect(plan('SELECT id FROM orders o WHERE o.created_at >= ? AND o.created_at < ? ORDER BY o.id DESC LIMIT 5', 'a', 'b')).toMatch(/orders_created/);
    expect(plan('SELECT id FROM orders o WHERE o.state = ? ORDER BY o.id DESC LIMIT 5', 'packing')).toMatch(/orders_state/);
    expect(plan("SELECT id FROM orders o ORDER BY coalesce(o.ship_by, '~'), o.rowid LIMIT 5")).toMatch(/orders_ship_by/);
    // by SKU: order_skus along its key, and the orders the indexer has not reached through their rowid, never every line
    expect(plan('SELECT x.order_id FROM order_skus x WHERE x.sku_id = ? AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = x.order_id AND l.sku_id = x.sku_id) ORDER BY x.order_id DESC LIMIT ?', 'a', 5)).toMatch(/SEARCH x USING PRIMARY KEY \(sku_id=\?\)/);
    const recent = plan('SELECT DISTINCT l.order_id FROM orders o CROSS JOIN order_lines l WHERE o.rowid > (SELECT indexed_upto FROM order_search_progress) AND l.order_id = o.id AND l.sku_id = ?', 'a');
    expect(recent).toMatch(/SEARCH o USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    expect(recent).not.toMatch(/SCAN l/);
    expect(plan("SELECT l.id FROM order_lines l WHERE l.sku_id = 'sku_unmapped' AND l.channel_sku = ?", 'a')).toMatch(/order_lines_unmapped/);
  });

  // Last in the file: it adds orders.
  it('by SKU: the newest orders with it, the same before and after the search indexer has reached them', async () => {
    const fresh: string[] = [];
    for (const name of ['新客一', '新客二']) fresh.push((await s.as('lead', 'POST', '/api/orders', customer(name, '13600003333', '广东省', '深圳市'))).body.id);
    const lookup = async () => (await s.as('operator', 'GET', '/api/lookup/SKU-A')).body.orders.map((o: { id: string }) => o.id) as string[];
    const before = await lookup();
    await s.core.search.flush();
    const after = await lookup();
    expect(before).toEqual(after);
    expect(after.slice(0, 2)).toEqual([...fresh].reverse());
    expect(after).toEqual([...after].sort().reverse());
    expect(after).toEqual(expect.arrayContaining(Object.values(ids)));
  });
});

/**
 * On PostgreSQL: the same searches reach their indexes (the trigram ones for names and cities,
 * orders/migrations/postgres.ts). Sequential scans are priced out: with six orders a scan is cheaper.
 */
function expectPostgresPlans() {
  const db = s.core.db;
  const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN (COSTS OFF) ${sql}`).pluck().all(...args) as string[]).join('\n');
  db.prepare('SET enable_seqscan = off').run();
  try {
    expect(plan('SELECT id FROM orders WHERE phone_digits IN (?, ?)', 'a', 'b')).toMatch(/orders_phone/);
    // the trigram indexes are GIN, read by bitmap scans only: with plain index scans off too, the
    // planner cannot walk order_search by rowid and filter (its choice on some statistics of six rows)
    db.prepare('SET enable_indexscan = off').run();
    expect(plan('SELECT o.id FROM order_search f JOIN orders o ON o.rowid = f.rowid WHERE f.name ILIKE ? OR f.city ILIKE ? ORDER BY f.rowid DESC', '%abc%', '%abc%')).toMatch(/order_search_name[\s\S]*order_search_city|order_search_city[\s\S]*order_search_name/);
    db.prepare('RESET enable_indexscan').run();
    expect(plan('SELECT id FROM orders o WHERE o.created_at >= ? AND o.created_at < ? ORDER BY o.id DESC LIMIT 5', 'a', 'b')).toMatch(/orders_created|orders_pkey/);
    expect(plan('SELECT id FROM orders o WHERE o.state = ? ORDER BY o.id DESC LIMIT 5', 'packing')).toMatch(/orders_state/);
    expect(plan("SELECT id FROM orders o ORDER BY coalesce(o.ship_by, '~'), o.rowid LIMIT 5")).toMatch(/orders_ship_by/);
  } finally {
    db.prepare('RESET enable_seqscan').run();
    db.prepare('RESET enable_indexscan').run();
  }
}

describe('export of the list', () => {
  const exportOf = async (role: 'operator' | 'lead', query: string) => {
    const res = await fetch(`${s.url}/api/orders-export?${query}`, { headers: { Authorization: `Bearer ${await s.tokenFor(role)}` } });
    expect(res.status).toBe(200);
    return { type: res.headers.get('content-type'), name: res.headers.get('content-disposition'), sheet: await readSheet(Buffer.from(await res.arrayBuffer())) };
  };

  it('CSV: the list as found, phones and room numbers masked for an operator, whole for a lead', async () => {
    const op = await exportOf('operator', `${q('杭州')}&format=csv`);
    expect(op.type).toMatch(/text\/csv/);
    expect(op.sheet.rows[0]!.slice(0, 6)).toEqual(['Order', 'Channel', 'Channel no.', 'State', 'Recipient', 'Phone']);
    const body = op.sheet.rows.slice(1);
    expect(body.map((r) => r[4]).sort()).toEqual(['刘艳', '王芳'].sort());
    expect(body.find((r) => r[4] === '刘艳')![5]).toBe('138******72');
    expect(body.find((r) => r[4] === '刘艳')![9]).toBe('科技园路1号3栋***室');
    expect(op.sheet.rows.flat().join()).not.toContain('13808222172');
    const lead = await exportOf('lead', `${q('杭州')}&format=csv`);
    expect(lead.sheet.rows.slice(1).find((r) => r[4] === '刘艳')![5]).toBe('13808222172');
  });

  it('Excel, in Chinese, with the filters of the list', async () => {
    const x = await exportOf('operator', 'channel=taobao&format=xlsx&lang=zh-CN');
    expect(x.sheet.format).toBe('xlsx');
    // named by the shop's day (Asia/Shanghai here), not the UTC date
    expect(x.name).toContain(`orders-${shopDay(Date.now(), 'Asia/Shanghai')}.xlsx`);
    expect(x.sheet.rows[0]!.slice(0, 3)).toEqual(['订单号', '渠道', '渠道单号']);
    expect(x.sheet.rows.slice(1).map((r) => r[4]).sort()).toEqual(['刘艳', '王芳'].sort());
    expect(x.sheet.rows.slice(1).every((r) => /\*{6}/.test(r[5]!))).toBe(true);
  });
});

describe('the name and city index follows intake', () => {
  it('a new order is found by name within a second of its creation, with nobody waiting for the index', async () => {
    const r = await s.as('lead', 'POST', '/api/orders', customer('司马相如', '13600003333', '四川省', '成都市'));
    expect(r.status, r.text).toBe(201);
    await expect.poll(async () => idsOf(await found(q('司马相'))), { timeout: 1000, interval: 50 }).toEqual([r.body.id]);
  });

  it('orders written while no indexer ran (a restored backup, another process) are indexed when the core starts', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const first = await startCore({ dir, setup: (core) => void addSku(core, 'SKU-A', { onHand: 100 }) });
      first.core.search.stop();
      const r = await first.as('lead', 'POST', '/api/orders', customer('诸葛亮', '13500004444', '四川省', '成都市'));
      expect(r.status, r.text).toBe(201);
      expect((await first.as('operator', 'GET', `/api/orders?${q('诸葛亮')}`)).body.items).toEqual([]); // not indexed yet
      await first.close();

      const again = await startCore({ dir });
      try {
        await again.core.search.flush();
        const list = await again.as('operator', 'GET', `/api/orders?${q('诸葛亮')}`);
        expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([r.body.id]);
      } finally {
        await again.close();
      }
    } finally {
      cleanup();
    }
  });
});
