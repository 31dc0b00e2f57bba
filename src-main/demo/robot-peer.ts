// A simulated WeCom (企业微信) and DingTalk (钉钉) group robot on 127.0.0.1, for the demo and the tests.
// It speaks the documented webhooks: WeCom POST /cgi-bin/webhook/send?key=<key> with
// {"msgtype": "markdown"|"text"|"image", ...}; DingTalk POST /robot/send?access_token=<token>&timestamp=<ms>&sign=<sign>
// where sign = base64(HMAC-SHA256(secret, "<timestamp>\n<secret>")), URL-encoded, and the timestamp
// within an hour of now. Both answer {"errcode":0,"errmsg":"ok"}, or an errcode with the reason
// (a wrong key 93000, a bad signature 310000). It keeps what it received, as the group would show it.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoPeer } from './peers';
import { channelRows } from '../core/modules/alerts/store';
import { createNotifyChannel, deleteNotifyChannel } from '../core/modules/alerts/actions/settings';

export interface RobotMessage { robot: 'wecom' | 'dingtalk'; at: string; msgtype: string; body: Record<string, unknown> }

export interface RobotPeer {
  url: string;
  server: Server;
  wecomUrl: string;
  dingtalkUrl: string;
  dingtalkSecret: string;
  received: RobotMessage[];
  /** answers refused for a bad key or signature */
  refused: { robot: string; why: string }[];
  /** hold the next answers this long (a test kills its sender while a message is in flight) */
  delayMs: number;
  close(): Promise<void>;
}

export async function startRobotPeer(opts: { wecomKey?: string; dingtalkToken?: string; dingtalkSecret?: string; delayMs?: number; now?: () => number } = {}): Promise<RobotPeer> {
  const wecomKey = opts.wecomKey ?? 'demo-wecom-key-0001';
  const token = opts.dingtalkToken ?? 'demo-dingtalk-token';
  const secret = opts.dingtalkSecret ?? 'SECdemo0dingtalk0signing0secret';
  const now = opts.now ?? Date.now;
  const received: RobotMessage[] = [];
  const refused: { robot: string; why: string }[] = [];
  const answer = (res: import('node:http').ServerResponse, errcode: number, errmsg: string) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ errcode, errmsg }));
  };
  const peer: RobotPeer = { url: '', server: null as unknown as Server, wecomUrl: '', dingtalkUrl: '', dingtalkSecret: secret, received, refused, delayMs: opts.delayMs ?? 0, close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://robot');
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        return answer(res, 40001, 'invalid json');
      }
      const finish = (robot: 'wecom' | 'dingtalk', code: number, msg: string) => {
        if (code === 0) received.push({ robot, at: new Date(now()).toISOString(), msgtype: String(body.msgtype), body });
        else refused.push({ robot, why: msg });
        const go = () => answer(res, code, msg);
        if (peer.delayMs > 0) setTimeout(go, peer.delayMs);
        else go();
      };
      if (req.method === 'POST' && u.pathname === '/cgi-bin/webhook/send') {
        if (u.searchParams.get('key') !== wecomKey) return finish('wecom', 93000, 'invalid webhook url');
        if (!['text', 'markdown', 'image', 'news'].includes(String(body.msgtype))) return finish('wecom', 40008, 'invalid message type');
        return finish('wecom', 0, 'ok');
      }
      if (req.method === 'POST' && u.pathname === '/robot/send') {
        if (u.searchParams.get('access_token') !== token) return finish('dingtalk', 300001, 'token is not exist');
        const ts = Number(u.searchParams.get('timestamp'));
        const sign = u.searchParams.get('sign') ?? '';
        const expected = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
        if (!ts || Math.abs(now() - ts) > 3600_000) return finish('dingtalk', 310000, 'sign not match, timestamp is more than one hour away');
        if (sign !== expected) return finish('dingtalk', 310000, 'sign not match');
        return finish('dingtalk', 0, 'ok');
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(peer, {
    url, server,
    wecomUrl: `${url}/cgi-bin/webhook/send?key=${wecomKey}`,
    dingtalkUrl: `${url}/robot/send?access_token=${token}`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  });
  return peer;
}

/** The demo: the robots, and the shop's WeCom and DingTalk channels pointed at them (added once). */
export const robotDemoPeer: DemoPeer = {
  name: 'WeCom and DingTalk group robots',
  async start({ core }) {
    const peer = await startRobotPeer();
    const actor = { id: 'system:demo', role: 'admin' };
    const names = ['仓库群 (WeCom)', '老板群 (DingTalk)'];
    // the robots' port changes with each start: the last run's demo channels give way to this run's (their log stays)
    await core.writes.run(() => {
      for (const c of channelRows(core.db)) if (names.includes(c.name)) deleteNotifyChannel(core.ctx, c.id, actor);
      createNotifyChannel(core.ctx, { kind: 'wecom', name: names[0]!, url: peer.wecomUrl, secret: '', alerts: true, brief: true }, actor);
      createNotifyChannel(core.ctx, { kind: 'dingtalk', name: names[1]!, url: peer.dingtalkUrl, secret: peer.dingtalkSecret, alerts: true, brief: true }, actor);
    });
    return { describe: `WeCom robot at ${peer.wecomUrl}, DingTalk robot at ${peer.dingtalkUrl}: Alerts -> Delivery log shows what they received`, stop: () => peer.close() };
  },
};
