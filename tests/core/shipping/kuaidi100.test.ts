// The Kuaidi100 e-waybill adapter against a local HTTP peer that checks the documented request
// (form fields, sign = upper(md5(param + t + key + secret))) and answers the documented reply.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kuaidi100Adapter, kuaidi100Sign } from '../../../src-main/labels/carriers/kuaidi100';
import { getWaybill } from '../../../src-main/core/modules/shipping/queries';
import { requestCarrierWaybill, voidWaybill } from '../../../src-main/core/modules/shipping/flows';
import { openDatabase } from '../../../src-main/core/database';
import { fixedClock } from '../../../src-main/lib/clock';

const KEY = 'testkey123';
const SECRET = 'testsecret456';
const T = 1576123932000; // the timestamp of the documented example
const seen: { path: string; form: URLSearchParams }[] = [];
let server: Server;
let endpoint = '';
let nextReply: unknown;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      seen.push({ path: req.url ?? '', form });
      // The peer verifies the signature independently of the adapter's helper.
      const expected = createHash('md5').update(`${form.get('param')}${form.get('t')}${form.get('key')}${SECRET}`).digest('hex').toUpperCase();
      res.setHeader('content-type', 'application/json;charset=UTF-8');
      if (form.get('sign') !== expected) return res.end(JSON.stringify({ result: false, returnCode: '10002', message: '签名错误' }));
      res.end(JSON.stringify(nextReply));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/label/order`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const adapter = () => kuaidi100Adapter({ key: KEY, secret: SECRET, endpoint, now: () => T, accounts: { sf: { partnerId: '0571123456', partnerKey: 'pw' } } });
const party = (name: string, phone: string, address: string) => ({ name, phone, address });
const request = {
  reference: 'par_0001', carrier: 'sf', cargo: '茶叶', count: 1, weightKg: 1.25,
  recipient: party('张三丰', '13812345678', '浙江省杭州市西湖区文三路478号3号楼2单元501室'),
  sender: party('李小龙', '13987654321', '浙江省杭州市余杭区仓前街道梦想小镇8号仓库'),
};

describe('kuaidi100 e-waybill adapter', () => {
  it('signs as documented: upper-case md5 of param + t + key + secret', () => {
    expect(kuaidi100Sign('{"a":1}', '1737100000000', 'k', 's')).toBe(createHash('md5').update('{"a":1}1737100000000ks').digest('hex').toUpperCase());
    expect(kuaidi100Sign('x', '1', 'k', 's')).toMatch(/^[0-9A-F]{32}$/);
  });

  it('orders a waybill: documented form fields in, number, 大头笔 and 集包地 out, recorded in the core', async () => {
    nextReply = {
      result: true, returnCode: '200', message: '提交成功',
      data: { taskId: 'A1B2C3', kuaidinum: 'SF1405432687014', bulkpen: '571WA-03-A12', pkgName: '杭州西湖集散中心', pkgCode: '571WA', kdComOrderNum: 'SFORD20250117001', label: '' },
    };
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'k100-')), 'k.db'));
    const clock = fixedClock('2025-01-17T08:00:00.000Z');
    const w = await requestCarrierWaybill(db, clock, adapter(), { ...request, parcelId: 'par_0001' }, { id: 'usr_1', role: 'operator' });
    expect(w).toMatchObject({ number: 'SF1405432687014', sortCode: '571WA-03-A12', bagPoint: '杭州西湖集散中心', carrierRef: 'SFORD20250117001' });
    const sent = seen.at(-1)!;
    expect(sent.path).toBe('/label/order?method=order');
    expect(sent.form.get('method')).toBe('order');
    expect(sent.form.get('key')).toBe(KEY);
    expect(sent.form.get('t')).toBe(String(T));
    const param = JSON.parse(sent.form.get('param')!);
    expect(param).toMatchObject({ kuaidicom: 'shunfeng', partnerId: '0571123456', partnerKey: 'pw', cargo: '茶叶', count: 1, weight: 1.25, payType: 'MONTHLY',
      recMan: { name: '张三丰', mobile: '13812345678' }, sendMan: { name: '李小龙' }, orderId: 'par_0001' });
    expect(getWaybill(db, 'SF1405432687014')).toMatchObject({ source: 'api:kuaidi100', sortCode: '571WA-03-A12', bagPoint: '杭州西湖集散中心', status: 'allocated' });

    nextReply = { result: true, returnCode: '200', message: '取消成功', data: null };
    await voidWaybill(db, clock, { number: 'SF1405432687014', reason: '客户取消', adapter: adapter() }, { id: 'usr_1', role: 'lead' });
    const cancel = seen.at(-1)!;
    expect(cancel.path).toBe('/label/order?method=cancel');
    expect(JSON.parse(cancel.form.get('param')!)).toMatchObject({ kuaidicom: 'shunfeng', kuaidinum: 'SF1405432687014', orderId: 'SFORD20250117001', reason: '客户取消' });
    expect(getWaybill(db, 'SF1405432687014').status).toBe('voided');
  });

  it('reads the reply shape seen from the older print API too (data as a list, status instead of returnCode)', async () => {
    nextReply = {
      taskId: 'CC26146E421464A3D736802C1B8FD37F', message: '成功', result: true, status: '200',
      data: [{ pkgName: '廊坊临空转运中心', sameCity: '1', kuaidinum: 'JT0016322576092', bulkpen: '710  R702-00 026', sameProv: '1', kdComOrderNum: '01745833873064PT1bzn' }],
    };
    const a = kuaidi100Adapter({ key: KEY, secret: SECRET, endpoint, now: () => T, accounts: { jtexpress: { partnerId: 'J1' } } });
    expect(await a.requestWaybill({ ...request, carrier: 'jtexpress' })).toEqual({
      number: 'JT0016322576092', sortCode: '710  R702-00 026', bagPoint: '廊坊临空转运中心', carrierRef: '01745833873064PT1bzn',
    });
    expect(JSON.parse(seen.at(-1)!.form.get('param')!).kuaidicom).toBe('jtexpress');
  });

  it('a refusal from the API becomes a clear error; a wrong secret is caught by the peer', async () => {
    nextReply = { result: false, returnCode: '30002', message: '月结账号不存在' };
    await expect(adapter().requestWaybill(request)).rejects.toThrow(/kuaidi100 order refused \(30002\): 月结账号不存在/);
    const bad = kuaidi100Adapter({ key: KEY, secret: 'wrong', endpoint, accounts: { sf: { partnerId: 'x' } } });
    await expect(bad.requestWaybill(request)).rejects.toThrow(/10002.*签名错误/);
  });

  it('a carrier repeating an already-issued number is refused and voided back at the carrier', async () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'k100-')), 'k.db'));
    const clock = fixedClock('2025-01-17T08:00:00.000Z');
    nextReply = { result: true, returnCode: '200', message: 'ok', data: { kuaidinum: 'SF0000000000001' } };
    await requestCarrierWaybill(db, clock, adapter(), request, { id: 'u', role: 'operator' });
    const before = seen.length;
    await expect(requestCarrierWaybill(db, clock, adapter(), request, { id: 'u', role: 'operator' })).rejects.toThrow(/already issued; numbers are never reused/);
    expect(seen.slice(before).map((s) => s.form.get('method'))).toEqual(['order', 'cancel']);
  });
});
