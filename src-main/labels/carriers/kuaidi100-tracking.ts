// Kuaidi100 tracking (快递信息推送服务 and 实时快递查询), as its public docs describe them:
// - subscribe: POST <poll>/poll, form schema=json & param={company, number, key, parameters:{callbackurl, salt, resultv2, phone}};
//   reply {result, returnCode, message} (returnCode 501: already subscribed, which is fine for us);
// - push: Kuaidi100 POSTs form param=<JSON> & sign=upper(md5(param + salt)) to the callback URL and wants
//   {result:true, returnCode:"200", message:"成功"} back; param = {status, billstatus, message, autoCheck, comOld, comNew,
//   lastResult:{message, state, status, condition, ischeck, com, nu, data:[{context, time, ftime, ...}]}};
// - query (the polling fallback): POST <poll>/poll/query.do, form customer & param={com, num, phone, resultv2}
//   & sign=upper(md5(param + key + customer)); reply = a lastResult.
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../lib/errors';
import { said } from '../../contract/field-messages';
import type { SaidParams } from '../../contract/field-messages';
import { TRACKING_STATUSES, type TrackingStatus } from '../../contract/tracking';

export interface Kuaidi100TrackEvent { context: string; time: string; ftime?: string; status?: string; areaName?: string; areaCode?: string }

export interface Kuaidi100Result {
  message?: string;
  state?: string;
  status?: string;
  ischeck?: string;
  com?: string;
  nu?: string;
  data?: Kuaidi100TrackEvent[];
}

export interface Kuaidi100Push {
  /** polling (being tracked) / shutdown (ended: delivered or closed) / abort (given up: 60 days without change, or no record in 3 days) / updateall */
  status: string;
  message?: string;
  lastResult: Kuaidi100Result;
}

const md5Upper = (s: string) => createHash('md5').update(s, 'utf8').digest('hex').toUpperCase();

/** The push signature: upper-case md5(param + salt). */
export const kuaidi100PushSign = (param: string, salt: string): string => md5Upper(param + salt);

/** Whether a push's sign matches md5(param + salt) (constant time). */
export function verifyKuaidi100Push(param: string, sign: string, salt: string): boolean {
  const want = Buffer.from(kuaidi100PushSign(param, salt));
  const got = Buffer.from(sign.toUpperCase());
  return want.length === got.length && timingSafeEqual(want, got);
}

/** The query signature: upper-case md5(param + key + customer). */
export const kuaidi100QuerySign = (param: string, key: string, customer: string): string => md5Upper(param + key + customer);

/** Kuaidi100's lastResult.state -> our status set (SHOP.md "Tracking"). */
const STATE_TO_STATUS: Record<string, TrackingStatus> = {
  '0': 'in_transit', // 在途
  '1': 'picked_up', // 揽收
  '2': 'exception', // 疑难
  '3': 'delivered', // 签收
  '4': 'returned_to_sender', // 退签
  '5': 'out_for_delivery', // 派件
  '6': 'returned_to_sender', // 退回
  '7': 'in_transit', // 转投
  '8': 'in_transit', // 清关
  '14': 'refused', // 拒签
};

/** The status word each event carries with resultv2=1 (在途, 揽收, ...), same meaning as the state codes. */
const WORD_TO_STATE: Record<string, string> = { 在途: '0', 揽收: '1', 疑难: '2', 签收: '3', 退签: '4', 派件: '5', 退回: '6', 转投: '7', 清关: '8', 拒签: '14' };

/** One event's status: its own word or code when it has one, else the answer's state. */
export function eventStatus(e: Kuaidi100TrackEvent, fallback: TrackingStatus): TrackingStatus {
  const code = e.status === undefined ? undefined : /^\d+$/.test(e.status) ? e.status : WORD_TO_STATE[e.status];
  return code === undefined ? fallback : normaliseKuaidi100State(code);
}

/** A state we do not know maps to in_transit (the parcel moves), never to a terminal status. */
export function normaliseKuaidi100State(state: string | undefined): TrackingStatus {
  return STATE_TO_STATUS[state ?? ''] ?? 'in_transit';
}

/** The status a push or query answer means: abort (the service gave up on the parcel) is expired unless delivered. */
export function statusOfResult(r: Kuaidi100Result, pushStatus?: string): TrackingStatus {
  const s = normaliseKuaidi100State(r.state);
  if (pushStatus === 'abort' && s !== 'delivered') return 'expired';
  return s;
}

export { TRACKING_STATUSES };

interface PollReply { result?: boolean; returnCode?: string | number; message?: string }

async function post(url: string, form: Record<string, string>, timeoutMs: number, what: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' }, body: new URLSearchParams(form), signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new AppError('unavailable', `kuaidi100 ${what}: cannot reach ${url}: ${(e as Error).message}`);
  }
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('unavailable', `kuaidi100 ${what}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
  }
}

export interface Kuaidi100TrackingConfig { pollBase: string; key: string; customer: string; timeoutMs?: number }

/** Subscribes a number: Kuaidi100 pushes its journey to callbackUrl, signed with salt. */
export async function kuaidi100Subscribe(cfg: Kuaidi100TrackingConfig, s: { company: string; number: string; callbackUrl: string; salt: string; phone?: string; to?: string }): Promise<void> {
  const param = JSON.stringify({
    company: s.company, number: s.number, key: cfg.key, ...(s.to ? { to: s.to } : {}),
    parameters: { callbackurl: s.callbackUrl, salt: s.salt, resultv2: '1', ...(s.phone ? { phone: s.phone } : {}) },
  });
  const r = (await post(`${cfg.pollBase}/poll`, { schema: 'json', param }, cfg.timeoutMs ?? 10_000, 'subscribe')) as PollReply;
  const code = String(r.returnCode ?? '');
  if (!r.result && code !== '501') throw new AppError('unavailable', `kuaidi100 subscribe ${s.number} refused (${code}): ${r.message ?? 'no message'}`);
}

/** Asks for a number's journey now (the fallback when pushes do not come). */
export async function kuaidi100Query(cfg: Kuaidi100TrackingConfig, q: { company: string; number: string; phone?: string }): Promise<Kuaidi100Result> {
  const param = JSON.stringify({ com: q.company, num: q.number, ...(q.phone ? { phone: q.phone } : {}), resultv2: '1' });
  const r = (await post(`${cfg.pollBase}/poll/query.do`, { customer: cfg.customer, param, sign: kuaidi100QuerySign(param, cfg.key, cfg.customer) }, cfg.timeoutMs ?? 10_000, 'query')) as Kuaidi100Result & PollReply;
  if (r.result === false || (r.status && r.status !== '200')) {
    throw new AppError('unavailable', `kuaidi100 query ${q.number} refused (${String(r.returnCode ?? r.status ?? '')}): ${r.message ?? 'no message'}`);
  }
  return r;
}

const saidResult = (w: ReturnType<typeof said>) => ({ message: w.message, ...w.params });

/**
 * A test call that changes nothing: a query for a number no carrier issued. Kuaidi100 answers 500
 * (查询无结果, no result) when the key, customer and signature were accepted; 503 (验证签名失败, sign)
 * or 601 (key expired / no quota) and the like when they were not.
 */
export async function kuaidi100Probe(cfg: Kuaidi100TrackingConfig, company: string): Promise<{ ok: boolean; message: string } & Partial<SaidParams>> {
  const param = JSON.stringify({ com: company, num: 'PACKLINE0TEST', resultv2: '1' });
  try {
    const r = (await post(`${cfg.pollBase}/poll/query.do`, { customer: cfg.customer, param, sign: kuaidi100QuerySign(param, cfg.key, cfg.customer) }, cfg.timeoutMs ?? 10_000, 'test')) as Kuaidi100Result & PollReply;
    const code = String(r.returnCode ?? r.status ?? '');
    const answer = { code, message: r.message ?? '' };
    if (code === '200' || code === '500') return { ok: true, ...saidResult(said('kuaidi100Accepted', answer)) };
    return { ok: false, ...saidResult(said('kuaidi100Refused', { code, message: r.message ?? 'no message' })) };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}
