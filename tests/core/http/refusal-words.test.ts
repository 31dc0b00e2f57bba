// A refusal of the core's own rules carries a key and its values beside its English message (and a
// field note its own key), so a screen says it in its language; the body keeps code, message and
// issues as before, the OpenAPI document describes the key, and a refusal changes nothing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { addSku, count, snapshot, startCore, setSettings, type TestServer } from '../helpers';

describe('refusals in keyed words', () => {
  let s: TestServer;
  beforeAll(async () => (s = await startCore({ setup: (core) => void addSku(core, 'TEA-01', { onHand: 2, location: 'A-01-01-1' }) })));
  afterAll(async () => s?.close());

  it('a SKU that exists: the sentence and the field note each keyed, the English kept, nothing added', async () => {
    const skus = count(s.core, 'skus');
    const r = await s.as('lead', 'POST', '/api/skus', { sku: 'TEA-01', name: '另一个茶' });
    expect(r.status).toBe(409);
    expect(r.body.error).toEqual({
      code: 'conflict', message: 'SKU TEA-01 already exists', key: 'skuExists', params: { sku: 'TEA-01' },
      issues: [{ path: 'sku', message: 'exists', key: 'exists' }],
    });
    expect(count(s.core, 'skus')).toBe(skus);
  });

  it('a stock decrease below what is on hand says both numbers as values, and the stock stays', async () => {
    const before = snapshot(s.core);
    const r = await s.as('lead', 'POST', '/api/inventory/adjustments', { sku: 'TEA-01', location: 'A-01-01-1', onHandDelta: -5, reason: 'count' });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'validation', message: 'on hand would fall to -3; there are only 2', key: 'onHandWouldFall', params: { onHand: -3, was: 2 } });
    expect(r.body.error.issues).toEqual([{ path: 'onHandDelta', message: 'too large a decrease', key: 'tooLargeDecrease' }]);
    expect(snapshot(s.core)).toEqual(before);
  });

  it('a warehouse code that exists: a refusal that is its field issue keys the issue, not the body', async () => {
    expect((await s.as('admin', 'POST', '/api/warehouses', { code: 'GZ', name: '广州仓' })).status).toBe(201);
    const warehouses = count(s.core, 'warehouses');
    const r = await s.as('admin', 'POST', '/api/warehouses', { code: 'GZ', name: '广州二仓' });
    expect(r.status).toBe(409);
    expect(r.body.error).toEqual({
      code: 'conflict', message: 'code: a warehouse GZ already exists',
      issues: [{ path: 'code', message: 'a warehouse GZ already exists', key: 'warehouseExists', params: { code: 'GZ' } }],
    });
    expect(count(s.core, 'warehouses')).toBe(warehouses);
  });

  it("a lead without a PIN where leads need one names the role and the person as values; the role stays", async () => {
    setSettings(s.core, { requirePinFor: ['lead'] });
    try {
      const op = (await s.as('admin', 'POST', '/api/users', { name: '王芳', role: 'operator' })).body;
      const r = await s.as('admin', 'PATCH', `/api/users/${op.id}`, { role: 'lead' });
      expect(r.status).toBe(422);
      expect(r.body.error).toMatchObject({ message: "a lead needs a PIN in this shop: set 王芳's PIN first", key: 'roleNeedsPinFirst', params: { role: 'lead', name: '王芳' } });
      expect((await s.as('admin', 'GET', '/api/users')).body.items.find((u: { id: string }) => u.id === op.id).role).toBe('operator');
    } finally {
      setSettings(s.core, { requirePinFor: [] });
    }
  });

  it('a thing that does not exist names its noun and id as values (an order, a flag, a scanned code), the English kept, nothing changed', async () => {
    const before = snapshot(s.core);
    const order = await s.as('lead', 'GET', '/api/orders/ord_nope');
    expect(order.status).toBe(404);
    expect(order.body.error).toEqual({ code: 'not_found', message: 'order ord_nope does not exist', key: 'notFound', params: { what: 'order', id: 'ord_nope' } });
    const flag = await s.as('lead', 'POST', '/api/rules/queue/flag_nope/resolve', { reason: 'seen' });
    expect(flag.status).toBe(404);
    expect(flag.body.error).toMatchObject({ message: 'flag flag_nope does not exist', key: 'notFound', params: { what: 'flag', id: 'flag_nope' } });
    const scan = await s.as('lead', 'GET', '/api/sort/slot-for/NOPE-1');
    expect(scan.body.error).toEqual({ code: 'not_found', message: 'no SKU or barcode "NOPE-1"', key: 'noSkuOrBarcode', params: { code: 'NOPE-1' } });
    expect(snapshot(s.core)).toEqual(before);
  });

  it("a Kuaidi100 account without its key, secret and carrier account keys each field's note; its message is its issues; nothing stored", async () => {
    const before = snapshot(s.core);
    const r = await s.as('admin', 'PUT', '/api/carrier-accounts/sf', { source: 'kuaidi100' });
    expect(r.status).toBe(422);
    expect(r.body.error).toEqual({
      code: 'validation',
      message: 'key: the Kuaidi100 key is needed; secret: the Kuaidi100 secret is needed; partnerId: the carrier account (月结卡号 / 电子面单客户号) is needed',
      issues: [
        { path: 'key', message: 'the Kuaidi100 key is needed', key: 'kuaidi100KeyNeeded' },
        { path: 'secret', message: 'the Kuaidi100 secret is needed', key: 'kuaidi100SecretNeeded' },
        { path: 'partnerId', message: 'the carrier account (月结卡号 / 电子面单客户号) is needed', key: 'kuaidi100PartnerIdNeeded' },
      ],
    });
    expect(snapshot(s.core)).toEqual(before);
  });

  it('an S10 waybill range with a wrong prefix and width names each field with its key; no range added', async () => {
    const before = snapshot(s.core);
    const r = await s.as('admin', 'POST', '/api/waybill-ranges', { carrier: 'ems', scheme: 's10', prefix: 'r1', suffix: 'CN', width: 6, first: 1, last: 1234567 });
    expect(r.status).toBe(422);
    expect(r.body.error.issues).toEqual([
      { path: 'last', message: 'has more than 6 digits (the width)', key: 'rangeLastTooWide', params: { width: 6 } },
      { path: 'prefix', message: 'S10 prefix is two capital letters (service indicator), e.g. "RR"', key: 's10Prefix' },
      { path: 'width', message: 'S10 serials are 8 digits (width 8)', key: 's10Width' },
    ]);
    expect(r.body.error.message).toBe('last: has more than 6 digits (the width); prefix: S10 prefix is two capital letters (service indicator), e.g. "RR"; width: S10 serials are 8 digits (width 8)');
    expect(snapshot(s.core)).toEqual(before);
  });

  it('an unkeyed refusal keeps the body it had: code and message only', async () => {
    const r = await s.as('viewer', 'POST', '/api/skus', { sku: 'TEA-02', name: '茶' });
    expect(r.status).toBe(403);
    expect(Object.keys(r.body.error).sort()).toEqual(['code', 'message']);
  });

  it('a value of the wrong type names the type check (FieldIssue.rule invalid_type), so a screen can say it', async () => {
    const r = await s.as('lead', 'POST', '/api/skus', { sku: 5, name: 'x' });
    expect(r.status).toBe(422);
    expect(r.body.error.issues).toEqual([{ path: 'sku', message: 'Invalid input: expected string, received number', rule: { code: 'invalid_type', expected: 'string' } }]);
  });

  it('a value that is none of its choices names the check (FieldIssue.rule invalid_value) with the choices; nothing stored', async () => {
    const before = snapshot(s.core);
    const r = await s.as('admin', 'PUT', '/api/carrier-accounts/sf', { source: 'fax' });
    expect(r.status).toBe(422);
    expect(r.body.error.issues).toEqual([{ path: 'source', message: 'Invalid option: expected one of "range"|"kuaidi100"', rule: { code: 'invalid_value', values: ['range', 'kuaidi100'] } }]);
    expect(snapshot(s.core)).toEqual(before);
  });

  it('a statement file that is not the format chosen, or lacks a column, is refused by key with the format named; nothing imported', async () => {
    const statements = count(s.core, 'payout_statements');
    const post = (body: string) => s.as('finance', 'POST', '/api/payouts/statements?source=wechat&filename=bill.csv', body, { 'Content-Type': 'text/csv' });
    const other = await post('Date,Order,Amount\n2026-12-01,A-1,10.00\n');
    expect(other.status).toBe(422);
    expect(other.body.error).toMatchObject({
      message: 'this is not a WeChat Pay trade bill (ALL): no header row (it starts with "交易时间")',
      key: 'statementNoHeader', params: { format: 'WeChat Pay trade bill (ALL)', first: '交易时间' },
    });
    const short = await post('交易时间,微信订单号,商户订单号,交易状态,货币种类,应结订单金额,代金券金额,微信退款单号,退款金额,订单金额\n');
    expect(short.status).toBe(422);
    expect(short.body.error).toEqual({
      code: 'validation', message: 'this WeChat Pay trade bill (ALL) lacks the column 手续费',
      key: 'statementLacksColumn', params: { format: 'WeChat Pay trade bill (ALL)', columns: '手续费' },
      issues: [{ path: '手续费', message: 'missing column', key: 'missingColumn' }],
    });
    expect(count(s.core, 'payout_statements')).toBe(statements);
  });

  it("the OpenAPI document's error body has the key and its values", async () => {
    const doc = (await s.api('GET', '/api/openapi.json')).body;
    const text = JSON.stringify(doc);
    expect(text).toContain("a refusal of the core's own rules, so a screen can say `message` in its own language");
    expect(text).toContain('the values the words of `key` name ({{sku}}, {{code}})');
  });
});
