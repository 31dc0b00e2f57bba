// A simulated Kuaidi100 on 127.0.0.1 for the demo and the tests. It speaks the documented requests and
// answers: the e-waybill API (POST /label/order, method order | cancel, sign = upper(md5(param + t + key + secret))),
// the subscription (POST /poll, schema=json & param) with pushes to the callback URL (form param & sign =
// upper(md5(param + salt))), and the query (POST /poll/query.do, sign = upper(md5(param + key + customer))).
// It issues numbers with a sorting code (大头笔) and bag point (集包地) from the recipient's province, answers
// the same waybill again for the same orderId (what lets a retry after a crash get the same number), and
// moves each subscribed parcel along 揽收 -> 在途 -> 派件 -> 签收 when told to (the demo: on a timer).
import { listWarehouses, warehouseIdOf } from '../core/modules/locations/queries';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoPeer } from './peers';
import { putCarrierAccount } from '../core/modules/shipping/actions/carrier-accounts';
import { carrierAccountOf, listManifests, pendingParcels } from '../core/modules/shipping/queries';
import { handOver } from '../core/modules/shipping/actions/hand-over';
import { subscribePending } from '../core/modules/tracking/flows';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex').toUpperCase();

export const PEER_KEY = 'demoKey100';
export const PEER_SECRET = 'demoSecret100';
export const PEER_CUSTOMER = 'DEMOCUSTOMER0001';

/** Sorting codes and bag points per province (the carrier's routing, which a shop cannot compute). */
const ROUTES: Record<string, { sort: string; bag: string }> = {
  广东: { sort: '755-A12-03', bag: '深圳转运中心' },
  浙江: { sort: '571-WA-12', bag: '杭州转运中心' },
  上海: { sort: '021-PD-07', bag: '上海浦东集散中心' },
  北京: { sort: '010-CY-05', bag: '北京顺义集散中心' },
  四川: { sort: '028-WH-02', bag: '成都双流转运中心' },
  江苏: { sort: '025-GL-09', bag: '南京转运中心' },
};
const PREFIX: Record<string, string> = { shunfeng: 'SF', zhongtong: '7', yuantong: 'YT', ems: '1', yunda: '4', shentong: '77', jd: 'JD', jtexpress: 'JT' };

/** The journey each subscribed parcel walks: Kuaidi100 state code, its word, what the carrier says. */
const JOURNEY: { state: string; word: string; context: (area: string) => string }[] = [
  { state: '1', word: '揽收', context: () => '【深圳市】快件已由【南山科技园营业部】揽收' },
  { state: '0', word: '在途', context: () => '【深圳市】快件已到达【深圳转运中心】' },
  { state: '0', word: '在途', context: (a) => `【${a}】快件已到达【${a}转运中心】` },
  { state: '5', word: '派件', context: (a) => `【${a}】快件正在派送中，派件员：李师傅 138****0000` },
  { state: '3', word: '签收', context: (a) => `【${a}】快件已签收，签收人：本人` },
];

export interface Kuaidi100PeerOptions {
  key?: string;
  secret?: string;
  customer?: string;
  /** Added before each e-waybill answer (a slow carrier); a test sets it above the account's timeout. */
  delayMs?: number;
  now?: () => Date;
}

interface Issued { number: string; orderId: string; kuaidicom: string; partnerId: string; senderAddress: string; bulkpen: string; pkgName: string; kdComOrderNum: string; cancelled: boolean }
interface Sub { company: string; number: string; callbackurl: string; salt: string; step: number; area: string; events: { context: string; time: string; ftime: string; status: string; areaName: string }[]; state: string }

export interface Kuaidi100Peer {
  url: string;
  server: Server;
  options: Kuaidi100PeerOptions;
  /** Every waybill issued (the same orderId asked twice counts once). */
  issued: Issued[];
  /** Numbers cancelled with method=cancel. */
  cancelled: string[];
  /** How many order requests came in (repeats included). */
  orderCalls: number;
  subscriptions: Map<string, Sub>;
  /** Moves a subscribed parcel one step along its journey and pushes it; resolves with the callback's HTTP status. */
  advance(number: string, opts?: { state?: string; word?: string; context?: string; status?: string; silent?: boolean }): Promise<number>;
  close(): Promise<void>;
}

const china = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

function readForm(req: import('node:http').IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

export async function startKuaidi100Peer(options: Kuaidi100PeerOptions = {}, port = 0): Promise<Kuaidi100Peer> {
  const key = options.key ?? PEER_KEY;
  const secret = options.secret ?? PEER_SECRET;
  const customer = options.customer ?? PEER_CUSTOMER;
  const now = options.now ?? (() => new Date());
  const issued: Issued[] = [];
  const byOrderId = new Map<string, Issued>();
  const cancelled: string[] = [];
  const subscriptions = new Map<string, Sub>();
  let serial = 0;
  const peer = { orderCalls: 0 } as Kuaidi100Peer;

  async function labelOrder(url: URL, form: URLSearchParams): Promise<unknown> {
    const param = form.get('param') ?? '';
    if (form.get('key') !== key || form.get('sign') !== md5(param + (form.get('t') ?? '') + key + secret)) return { result: false, returnCode: '10002', message: '签名错误' };
    const p = JSON.parse(param) as Record<string, unknown>;
    const method = form.get('method') ?? url.searchParams.get('method');
    if (method === 'cancel') {
      const w = issued.find((i) => i.number === p.kuaidinum);
      if (!w) return { result: false, returnCode: '30002', message: '运单不存在' };
      w.cancelled = true;
      cancelled.push(w.number);
      return { result: true, returnCode: '200', message: '取消成功', data: null };
    }
    peer.orderCalls++;
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    const orderId = String(p.orderId ?? '');
    let w = byOrderId.get(orderId);
    if (!w) {
      const com = String(p.kuaidicom ?? '');
      const rec = (p.recMan ?? {}) as { printAddr?: string };
      const route = Object.entries(ROUTES).find(([prov]) => rec.printAddr?.startsWith(prov))?.[1] ?? { sort: '999-ZZ-00', bag: '全国集散中心' };
      serial++;
      const number = `${PREFIX[com] ?? 'KD'}${String(1_405_432_687_000 + serial).padStart(13, '0')}`;
      w = { number, orderId, kuaidicom: com, partnerId: String(p.partnerId ?? ''), senderAddress: String((p.sendMan as { printAddr?: string } | undefined)?.printAddr ?? ''), bulkpen: route.sort, pkgName: route.bag, kdComOrderNum: `K100${String(serial).padStart(10, '0')}`, cancelled: false };
      issued.push(w);
      byOrderId.set(orderId, w);
    }
    return {
      result: true, returnCode: '200', message: '提交成功',
      data: { taskId: `T${w.kdComOrderNum}`, kuaidinum: w.number, childNum: '', returnNum: '', bulkpen: w.bulkpen, pkgName: w.pkgName, pkgCode: w.bulkpen.slice(0, 3), kdComOrderNum: w.kdComOrderNum, label: '' },
    };
  }

  function subscribe(form: URLSearchParams): unknown {
    const p = JSON.parse(form.get('param') ?? '{}') as { company?: string; number?: string; key?: string; to?: string; parameters?: { callbackurl?: string; salt?: string } };
    if (p.key !== key) return { result: false, returnCode: '600', message: '您不是合法的订阅者（即授权Key出错）' };
    if (!p.number || !p.parameters?.callbackurl) return { result: false, returnCode: '700', message: '订阅方的订阅数据存在错误' };
    if (subscriptions.has(p.number)) return { result: false, returnCode: '501', message: '重复订阅' };
    subscriptions.set(p.number, { company: p.company ?? '', number: p.number, callbackurl: p.parameters.callbackurl, salt: p.parameters.salt ?? '', step: 0, area: p.to ?? '收件城市', events: [], state: '0' });
    return { result: true, returnCode: '200', message: '提交成功' };
  }

  const lastResult = (s: Sub) => ({ message: 'ok', state: s.state, status: '200', condition: 'F00', ischeck: s.state === '3' ? '1' : '0', com: s.company, nu: s.number, data: s.events });

  function query(form: URLSearchParams): unknown {
    const param = form.get('param') ?? '';
    if (form.get('customer') !== customer || form.get('sign') !== md5(param + key + customer)) return { result: false, returnCode: '503', message: '验证签名失败' };
    const p = JSON.parse(param) as { num?: string };
    const s = p.num ? subscriptions.get(p.num) : undefined;
    if (!s || s.events.length === 0) return { result: false, returnCode: '500', message: '查询无结果，请隔段时间再查' };
    return lastResult(s);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://peer');
    readForm(req).then(async (form) => {
      const out = url.pathname === '/label/order' ? await labelOrder(url, form)
        : url.pathname === '/poll' ? subscribe(form)
        : url.pathname === '/poll/query.do' ? query(form)
        : null;
      res.writeHead(out ? 200 : 404, { 'content-type': 'application/json;charset=UTF-8' });
      res.end(JSON.stringify(out ?? { result: false, returnCode: '404', message: 'no such API' }));
    }).catch((e: Error) => {
      res.writeHead(500);
      res.end(JSON.stringify({ result: false, returnCode: '500', message: e.message }));
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function advance(number: string, o: { state?: string; word?: string; context?: string; status?: string; silent?: boolean } = {}): Promise<number> {
    const s = subscriptions.get(number);
    if (!s) throw new Error(`kuaidi100 peer: ${number} is not subscribed`);
    const step = JOURNEY[Math.min(s.step, JOURNEY.length - 1)]!;
    s.step++;
    const t = china(now());
    s.state = o.state ?? step.state;
    s.events.unshift({ context: o.context ?? step.context(s.area), time: t, ftime: t, status: o.word ?? step.word, areaName: s.area });
    if (o.silent) return 0; // the push is lost: only a query finds this event
    const param = JSON.stringify({ status: o.status ?? (s.state === '3' ? 'shutdown' : 'polling'), billstatus: 'got', message: '', autoCheck: '0', comOld: '', comNew: '', lastResult: lastResult(s) });
    const res = await fetch(s.callbackurl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ param, sign: md5(param + s.salt) }) });
    await res.text();
    return res.status;
  }

  return Object.assign(peer, {
    url, server, options, issued, cancelled, subscriptions, advance,
    close: () => new Promise<void>((r) => server.close(() => r())),
  });
}

/** The demo: ZTO and SF issue e-waybills through this peer; every subscribed parcel moves a step every 20 s. */
export const kuaidi100DemoPeer: DemoPeer = {
  name: 'Kuaidi100 (e-waybills and tracking)',
  async start({ core, coreUrl }) {
    const peer = await startKuaidi100Peer();
    const admin = { id: 'system:demo-kuaidi100', role: 'admin' };
    for (const [carrier, template] of [['zto', 'cn-ewaybill-76x130'], ['sf', 'cn-ewaybill-100x180']] as const) {
      const before = carrierAccountOf(core.db, carrier);
      // The demo's own account each start (the peer's port changes); a shop's real account is left alone.
      if (before && before.source === 'kuaidi100' && !before.api_base.startsWith('http://127.0.0.1')) continue;
      await core.writes.run(() => putCarrierAccount(core.db, core.ctx.clock, carrier, {
        source: 'kuaidi100', template, apiBase: peer.url, pollBase: peer.url, key: PEER_KEY, secret: PEER_SECRET, customer: PEER_CUSTOMER,
        partnerId: carrier === 'sf' ? '7551234567' : 'ZTO-DEMO-001', net: '', service: carrier === 'sf' ? '顺丰标快' : '标准快递', payType: 'MONTHLY',
        insuredYuan: carrier === 'sf' ? 2000 : 0, callbackUrl: `${coreUrl}/api/tracking/kuaidi100/push`, timeoutMs: 8000,
      }, admin));
    }
    // Chengdu ships ZTO on its own 月结卡号 and sender address (carrier accounts per warehouse); Guangzhou on the shop-wide one.
    const cd = warehouseIdOf(core.ctx, 'CD');
    const cdBefore = cd ? carrierAccountOf(core.db, 'zto', cd) : undefined;
    if (cd && (cdBefore?.warehouse_id !== cd || cdBefore.api_base.startsWith('http://127.0.0.1'))) {
      await core.writes.run(() => putCarrierAccount(core.db, core.ctx.clock, 'zto', {
        source: 'kuaidi100', template: 'cn-ewaybill-76x130', apiBase: peer.url, pollBase: peer.url, key: PEER_KEY, secret: PEER_SECRET, customer: PEER_CUSTOMER,
        partnerId: 'ZTO-CD-0028', net: '', service: '标准快递', payType: 'MONTHLY', insuredYuan: 0, callbackUrl: `${coreUrl}/api/tracking/kuaidi100/push`, timeoutMs: 8000,
        sender: { name: '成都仓 发货组', phone: '02885550028', address: '四川省成都市双流区物流大道18号成都仓' },
      }, admin, cd));
    }
    // The demo's afternoon pickup: ZTO took the parcels waiting for it (once, on the first start), so
    // their journeys show on Tracking and on each order; each is a step or more along its way already.
    if (!listManifests(core.ctx, 100).some((m) => m.carrier === 'zto') && pendingParcels(core.ctx, 'zto').length > 0) {
      // one manifest per warehouse: a truck stops at each dock
      for (const w of listWarehouses(core.ctx)) if (pendingParcels(core.ctx, 'zto', w.id).length) await core.writes.run(() => handOver(core.ctx, 'zto', admin, w.id));
    }
    await subscribePending(core).catch(() => undefined);
    let i = 0;
    for (const s of peer.subscriptions.values()) {
      const steps = 1 + (i++ % JOURNEY.length);
      for (let k = 0; k < steps; k++) await peer.advance(s.number).catch(() => undefined);
    }
    const walk = setInterval(() => {
      for (const s of peer.subscriptions.values()) if (s.step < JOURNEY.length) void peer.advance(s.number).catch(() => undefined);
    }, 20_000);
    walk.unref();
    return {
      describe: `${peer.url} issues ZTO and SF e-waybills and pushes each parcel's journey to ${coreUrl}/api/tracking/kuaidi100/push`,
      async stop() {
        clearInterval(walk);
        await peer.close();
      },
    };
  },
};
