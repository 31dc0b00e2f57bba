// Kuaidi100 (快递100) e-waybill API, "label/order" (电子面单下单 / 取消), as in its public docs
// (api.kuaidi100.com/document/dianzimiandanV2) and official SDK demos: POST application/x-www-form-urlencoded with method, key, t (ms timestamp),
// param (JSON) and sign = upper(md5(param + t + key + secret)). The reply is
// { result, returnCode, message, data: { kuaidinum, bulkpen, pkgName, kdComOrderNum, ... } }.
import { createHash } from 'node:crypto';
import { AppError } from '../../lib/errors';
import type { CarrierApiAdapter, CarrierWaybill, CarrierWaybillRequest } from './adapter';

export interface Kuaidi100Config {
  key: string;
  secret: string;
  /** Carrier account (月结账号 / 电子面单客户号) and password, per carrier code. */
  accounts: Record<string, { partnerId: string; partnerKey?: string; partnerSecret?: string; net?: string; payType?: string }>;
  /** Our carrier code -> kuaidi100 company code (shunfeng, zhongtong, yuantong, ems, ...). */
  companyCodes?: Record<string, string>;
  endpoint?: string; // default https://api.kuaidi100.com/label/order
  timeoutMs?: number;
  now?: () => number;
}

export const KUAIDI100_COMPANY: Record<string, string> = { sf: 'shunfeng', zto: 'zhongtong', yto: 'yuantong', sto: 'shentong', yunda: 'yunda', ems: 'ems', jd: 'jd', jtexpress: 'jtexpress' };

/** sign = MD5(param + t + key + secret), upper-case hex (the documented rule). */
export function kuaidi100Sign(param: string, t: string, key: string, secret: string): string {
  return createHash('md5').update(param + t + key + secret, 'utf8').digest('hex').toUpperCase();
}

interface ReplyData { kuaidinum?: string; childNum?: string; bulkpen?: string; pkgName?: string; pkgCode?: string; kdComOrderNum?: string; taskId?: string; label?: string }
interface Reply {
  result?: boolean;
  returnCode?: string | number;
  status?: string | number; // older print APIs answer "status" instead of "returnCode"
  message?: string;
  data?: ReplyData | ReplyData[] | null; // an object in label/order; a one-element list in older replies
}

export function kuaidi100Adapter(cfg: Kuaidi100Config): CarrierApiAdapter {
  const endpoint = cfg.endpoint ?? 'https://api.kuaidi100.com/label/order';
  const company = (carrier: string) => cfg.companyCodes?.[carrier] ?? KUAIDI100_COMPANY[carrier] ?? carrier;
  const account = (carrier: string) => {
    const a = cfg.accounts[carrier];
    if (!a) throw new AppError('validation', `kuaidi100: no carrier account configured for "${carrier}"`);
    return a;
  };

  async function call(method: 'order' | 'cancel', param: Record<string, unknown>): Promise<Reply> {
    const paramJson = JSON.stringify(param);
    const t = String((cfg.now ?? Date.now)());
    const body = new URLSearchParams({ method, key: cfg.key, t, param: paramJson, sign: kuaidi100Sign(paramJson, t, cfg.key, cfg.secret) });
    let res: Response;
    try {
      res = await fetch(`${endpoint}?method=${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body,
        signal: AbortSignal.timeout(cfg.timeoutMs ?? 15_000),
      });
    } catch (e) {
      throw new AppError('unavailable', `kuaidi100 ${method}: cannot reach ${endpoint}: ${(e as Error).message}`);
    }
    const text = await res.text();
    let reply: Reply;
    try {
      reply = JSON.parse(text) as Reply;
    } catch {
      throw new AppError('unavailable', `kuaidi100 ${method}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
    }
    const code = String(reply.returnCode ?? reply.status ?? res.status);
    if (!reply.result || code !== '200') {
      throw new AppError('unavailable', `kuaidi100 ${method} refused (${code}): ${reply.message ?? 'no message'}`);
    }
    return reply;
  }

  return {
    name: 'kuaidi100',
    async requestWaybill(req: CarrierWaybillRequest): Promise<CarrierWaybill> {
      const acct = account(req.carrier);
      const man = (p: CarrierWaybillRequest['sender']) => ({ name: p.name, mobile: p.phone, printAddr: p.address, ...(p.company ? { company: p.company } : {}) });
      const reply = await call('order', {
        kuaidicom: company(req.carrier),
        partnerId: acct.partnerId,
        ...(acct.partnerKey ? { partnerKey: acct.partnerKey } : {}),
        ...(acct.partnerSecret ? { partnerSecret: acct.partnerSecret } : {}),
        ...(acct.net ? { net: acct.net } : {}),
        recMan: man(req.recipient),
        sendMan: man(req.sender),
        cargo: req.cargo,
        count: req.count,
        ...(req.weightKg !== undefined ? { weight: req.weightKg } : {}),
        ...(req.remark ? { remark: req.remark } : {}),
        expType: req.service ?? '标准快递',
        payType: acct.payType ?? 'MONTHLY',
        orderId: req.reference,
        needDesensitization: true, // the carrier masks too (GB/T 41833-2022)
        printType: 'NON', // we print our own label from the template
      });
      const d: ReplyData = (Array.isArray(reply.data) ? reply.data[0] : reply.data) ?? {};
      if (!d.kuaidinum) throw new AppError('unavailable', 'kuaidi100 order: reply has no kuaidinum (waybill number)');
      return {
        number: d.kuaidinum,
        ...(d.bulkpen ? { sortCode: d.bulkpen } : {}),
        ...(d.pkgName ? { bagPoint: d.pkgName } : {}),
        ...(d.kdComOrderNum ? { carrierRef: d.kdComOrderNum } : {}),
        ...(d.childNum ? { childNumbers: d.childNum.split(',').filter(Boolean) } : {}),
      };
    },
    async voidWaybill(w): Promise<void> {
      const acct = account(w.carrier);
      await call('cancel', {
        kuaidicom: company(w.carrier),
        partnerId: acct.partnerId,
        ...(acct.partnerKey ? { partnerKey: acct.partnerKey } : {}),
        ...(acct.partnerSecret ? { partnerSecret: acct.partnerSecret } : {}),
        ...(acct.net ? { net: acct.net } : {}),
        kuaidinum: w.number,
        ...(w.carrierRef ? { orderId: w.carrierRef } : {}),
        reason: w.reason,
      });
    },
  };
}
