// Alerts reach people: a lead's threshold fires, and the WeCom and DingTalk robots (a local peer
// speaking their documented webhooks, checking DingTalk's signature) and an SMTP server receive the
// alert and the daily brief exactly once per window, across restarts and a kill -9 of the sender.
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { startCore, tempDir, addSku, LEAD, type TestServer } from '../helpers';
import { createThreshold } from '../../../src-main/core/modules/alerts/actions/settings';
import { ThresholdInput } from '../../../src-main/contract/alerts';
import { startRobotPeer, type RobotPeer } from '../../../src-main/demo/robot-peer';
import { alertRunner } from '../../../src-main/core/modules/alerts/flows';
import { shopLocal } from '../../../src-main/contract/shop-time';
import { dingtalkSignedUrl } from '../../../src-main/core/modules/alerts/senders';
import type { Clock } from '../../../src-main/lib/clock';

const root = join(__dirname, '..', '..', '..');

function movableClock(iso: string): Clock & { set(iso: string): void; add(ms: number): void } {
  let t = Date.parse(iso);
  return { now: () => t, iso: () => new Date(t).toISOString(), set: (s) => void (t = Date.parse(s)), add: (ms) => void (t += ms) };
}

interface Mail { to: string[]; raw: string }
async function startSmtp(): Promise<{ port: number; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, done) {
      const parts: Buffer[] = [];
      stream.on('data', (c: Buffer) => parts.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(parts).toString('utf8') });
        done();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.server.address() as AddressInfo).port, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let robot: RobotPeer;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  robot = await startRobotPeer();
  smtp = await startSmtp();
});
afterAll(async () => {
  await robot.close();
  await smtp.close();
});
afterEach(() => {
  robot.received.length = 0;
  robot.refused.length = 0;
  smtp.mails.length = 0;
});

async function addChannels(s: TestServer, opts: { brief?: boolean } = {}) {
  for (const body of [
    { kind: 'wecom', name: '仓库群', url: robot.wecomUrl, alerts: true, brief: opts.brief ?? true },
    { kind: 'dingtalk', name: '老板群', url: robot.dingtalkUrl, secret: robot.dingtalkSecret, alerts: true, brief: opts.brief ?? true },
    { kind: 'email', name: 'Owner mail', smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'packline@shop.example', to: ['owner@shop.example'] }, alerts: true, brief: opts.brief ?? true },
  ]) {
    const r = await s.as('admin', 'POST', '/api/alerts/channels', body);
    expect(r.status, r.text).toBe(200);
  }
}

describe('alerts', () => {
  it('send a threshold\'s alert once per window to WeCom, DingTalk (signed) and email, count repeats, say what to do, and send safety-stock crossings the same way', async () => {
    const clock = movableClock('2026-12-03T02:00:00Z'); // 10:00 in Shanghai
    const s = await startCore({ core: { clock } });
    try {
      await addChannels(s, { brief: false });
      addSku(s.core, 'AL-1', { safetyStock: 5 }); // nothing on hand: under its safety stock
      const t = await s.as('lead', 'POST', '/api/alerts/thresholds', { metric: 'inventory.below_safety', op: 'above', value: 0, windowMinutes: 60, todo: 'Reorder from the supplier' });
      expect(t.status, t.text).toBe(200);
      const runner = alertRunner(s.core);
      await runner.evaluate();
      await runner.sendDue();
      const of = (robotName: string) => robot.received.filter((m) => m.robot === robotName);
      expect(of('wecom')).toHaveLength(1);
      expect(of('dingtalk')).toHaveLength(1); // the peer checked the signature: a wrong one is refused with errcode 310000
      expect(robot.refused).toEqual([]);
      expect(smtp.mails).toHaveLength(1);
      const content = (of('wecom')[0]!.body.markdown as { content: string }).content;
      expect(content).toContain('Products under safety stock');
      expect(content).toContain('Reorder from the supplier');
      expect(smtp.mails[0]!.to).toEqual(['owner@shop.example']);
      expect(smtp.mails[0]!.raw).toMatch(/X-Packline-Key:\s+alert:threshold:/);

      // back above, then under again within the window: the threshold's alert counts 2, no new message;
      // the crossing on the feed (stock.below_safety) is an alert of its own, sent the same way
      const adjust = (onHandDelta: number) => s.as('lead', 'POST', '/api/inventory/adjustments', { sku: 'AL-1', location: 'A-01-01-1', onHandDelta, reason: 'count' });
      clock.add(60_000);
      expect((await adjust(10)).status).toBe(200);
      await runner.evaluate();
      clock.add(60_000);
      expect((await adjust(-10)).status).toBe(200);
      await runner.evaluate();
      await runner.sendDue();
      expect(of('wecom')).toHaveLength(2);
      expect((of('wecom')[1]!.body.markdown as { content: string }).content).toContain('AL-1 under safety stock');
      const open = await s.as('lead', 'GET', '/api/alerts');
      const mine = open.body.open.find((a: { key: string }) => a.key.startsWith('threshold:'));
      expect(mine.count).toBe(2);
      expect(mine.todo).toBe('Reorder from the supplier');

      // the next window: one new message, which says how often it fired before
      clock.add(60 * 60_000);
      await runner.evaluate();
      await runner.sendDue();
      expect(of('wecom')).toHaveLength(3);
      expect((of('wecom')[2]!.body.markdown as { content: string }).content).toContain('Repeated 2×');
      expect(smtp.mails).toHaveLength(3);
      const log = await s.as('lead', 'GET', '/api/alerts/deliveries');
      expect(log.body.items.filter((d: { state: string }) => d.state === 'sent')).toHaveLength(9);
    } finally {
      await s.close();
    }
  });

  it('send the daily brief with its chart once per shop day at the set time, also across a restart', async () => {
    const { dir, cleanup } = tempDir();
    const clock = movableClock('2026-12-03T00:30:00Z'); // 08:30 in Shanghai
    try {
      let s = await startCore({ dir, core: { clock } });
      await addChannels(s);
      await alertRunner(s.core).evaluate();
      expect(robot.received).toHaveLength(0); // not 09:00 yet
      clock.set('2026-12-03T01:00:00Z'); // 09:00
      await alertRunner(s.core).evaluate();
      await alertRunner(s.core).sendDue();
      await s.close();
      // restarted at 09:05 the same day: no second brief
      clock.set('2026-12-03T01:05:00Z');
      s = await startCore({ dir, core: { clock } });
      await alertRunner(s.core).evaluate();
      await alertRunner(s.core).sendDue();
      const wecom = robot.received.filter((m) => m.robot === 'wecom');
      expect(wecom.map((m) => m.msgtype).sort()).toEqual(['image', 'markdown']);
      const image = wecom.find((m) => m.msgtype === 'image')!.body.image as { base64: string; md5: string };
      expect(Buffer.from(image.base64, 'base64').subarray(1, 4).toString()).toBe('PNG');
      expect(robot.received.filter((m) => m.robot === 'dingtalk')).toHaveLength(1);
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]!.raw).toContain('chart.png');
      // the next day at 09:00: the next brief
      clock.set('2026-12-04T01:00:00Z');
      await alertRunner(s.core).evaluate();
      await alertRunner(s.core).sendDue();
      expect(robot.received.filter((m) => m.robot === 'dingtalk')).toHaveLength(2);
      await s.close();
    } finally {
      cleanup();
    }
  });

  it('refuse a robot URL that is not https (outside this machine) and a DingTalk robot or webhook without its secret, in words', async () => {
    const s = await startCore();
    try {
      const plain = await s.as('admin', 'POST', '/api/alerts/channels', { kind: 'wecom', name: 'x', url: 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' });
      expect(plain.status).toBe(422);
      expect(plain.body.error.message).toMatch(/https:\/\//);
      const noSecret = await s.as('admin', 'POST', '/api/alerts/channels', { kind: 'dingtalk', name: 'x', url: 'https://oapi.dingtalk.com/robot/send?access_token=t' });
      expect(noSecret.status).toBe(422);
      expect(noSecret.body.error.message).toMatch(/secret/);
      const hook = await s.as('admin', 'POST', '/api/alerts/channels', { kind: 'webhook', name: 'x', url: 'https://erp.example/hook' });
      expect(hook.status).toBe(422);
      const lead = await s.as('lead', 'POST', '/api/alerts/channels', { kind: 'wecom', name: 'x', url: robot.wecomUrl });
      expect(lead.status).toBe(403);
      const metric = await s.as('lead', 'POST', '/api/alerts/thresholds', { metric: 'no.such', op: 'above', value: 1, todo: 'x' });
      expect(metric.status).toBe(422);
      expect(metric.body.error.message).toMatch(/metric "no.such" is not known/);
      const list = await s.as('admin', 'GET', '/api/alerts/channels');
      expect(list.body.items).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('sign DingTalk URLs as documented (base64 HMAC-SHA256 of "timestamp\\nsecret", URL-encoded)', () => {
    // DingTalk's documented example shape; the value is HMAC-SHA256("1577262236757\nSECxxx", "SECxxx")
    const url = dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=XXXXXX', 'SECxxx', 1577262236757);
    const sign = new URL(url).searchParams.get('sign')!;
    expect(url).toMatch(/&timestamp=1577262236757&sign=/);
    expect(sign).toBe(createHmac('sha256', 'SECxxx').update('1577262236757\nSECxxx').digest('base64'));
    expect(url).not.toContain('+'); // URL-encoded
  });

  it('never send a message twice across a kill -9 while the robot held its answer', async () => {
    const s = await startCore();
    const children: ChildProcess[] = [];
    try {
      await s.as('admin', 'POST', '/api/alerts/channels', { kind: 'wecom', name: '仓库群', url: robot.wecomUrl });
      await s.as('admin', 'PUT', '/api/alerts/brief', { time: '09:00', enabled: false }); // the real clock: only the alerts here
      // two thresholds set by the action (the route would also send at once), both breached; this
      // core queues their alerts without sending (no timers), the child sends them
      s.core.writes.runNow(() => {
        createThreshold(s.core.ctx, ThresholdInput.parse({ metric: 'exceptions.open', op: 'above', value: -1, todo: 'Clear them' }), LEAD);
        createThreshold(s.core.ctx, ThresholdInput.parse({ metric: 'tracking.stalls', op: 'above', value: -1, todo: 'Call the carrier' }), LEAD);
      });
      await alertRunner(s.core).evaluate();
      robot.delayMs = 3000;
      const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'alerts-child.ts'), s.dir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(child);
      await new Promise<void>((r) => child.stdout!.once('data', () => r()));
      const t0 = Date.now();
      while (robot.received.length === 0 && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 20));
      expect(robot.received).toHaveLength(1);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      robot.delayMs = 0;
      const again = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'alerts-child.ts'), s.dir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(again);
      await new Promise<void>((r) => again.stdout!.once('data', () => r()));
      const t1 = Date.now();
      while (robot.received.length < 2 && Date.now() - t1 < 30_000) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 500));
      // the interrupted one is not sent again (it had arrived); the other one once
      expect(robot.received).toHaveLength(2);
      const titles = robot.received.map((m) => (m.body.markdown as { content: string }).content.split('\n')[0]);
      expect(new Set(titles).size).toBe(2);
      const log = await s.as('admin', 'GET', '/api/alerts/deliveries');
      expect(log.body.items.map((d: { state: string }) => d.state).sort()).toEqual(['sent', 'unsure']);
    } finally {
      for (const c of children) c.kill('SIGKILL');
      robot.delayMs = 0;
      await s.close();
    }
  }, 90_000);

  it('answer the health of the system to an admin only', async () => {
    const s = await startCore();
    try {
      const h = await s.as('admin', 'GET', '/api/system/health');
      expect(h.status, h.text).toBe(200);
      expect(h.body.database.bytes).toBeGreaterThan(0);
      expect(h.body.requests.perMinute).toBeGreaterThan(0);
      expect(h.body.diskFreeBytes).toBeGreaterThan(0);
      expect(typeof h.body.eventLoop.p99Ms).toBe('number');
      expect((await s.as('lead', 'GET', '/api/system/health')).status).toBe(403);
    } finally {
      await s.close();
    }
  });

  it('read the shop-local day and time in the shop\'s zone', () => {
    expect(shopLocal(Date.parse('2026-12-03T16:30:00Z'), 'Asia/Shanghai')).toEqual({ day: '2026-12-04', time: '00:30' });
  });
});
