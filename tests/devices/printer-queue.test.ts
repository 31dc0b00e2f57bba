// Real TCP to the printer simulator on 127.0.0.1; real journal files on disk.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync, readFileSync, writeFileSync, chmodSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrinterSimulator } from '../../src-main/devices/simulators/printer-sim';
import { PrintQueue, type JobInfo } from '../../src-main/devices/print-queue';
import { PrintJournal } from '../../src-main/devices/print-journal';
import { TcpPrinterSink, SpoolPrinterSink, FilePrinterSink, SerialPrinterSink, NOT_ANSWERING, PrintError } from '../../src-main/devices/transports/printer-sinks';
import { startPtyPair } from '../../src-main/devices/simulators/socat';
import { parseAddress } from '../../src-main/devices/address';
import { SerialPort } from 'serialport';
import type { DriverState } from '../../src-main/devices/events';

const label = (n: number) => Buffer.from(`^XA^CI28^FO50,50^A0N,40,40^FDParcel ${n}^FS^BY2^FO50,120^BCN,80,Y,N,N^FDORD-${String(n).padStart(4, '0')}^FS^XZ`);

let dir: string;
let sim: PrinterSimulator;
const queues: PrintQueue[] = [];

function makeQueue(journalName = 'label.jsonl', sinkOpts = {}): PrintQueue {
  const q = new PrintQueue(new TcpPrinterSink('127.0.0.1', sim.port, { statusTimeoutMs: 300, ackTimeoutMs: 1000, ...sinkOpts }), new PrintJournal(join(dir, journalName)), { backoffMs: { min: 50, max: 200 } });
  queues.push(q);
  return q;
}

function until(q: PrintQueue, pred: (s: DriverState) => boolean, timeoutMs = 3000): Promise<DriverState> {
  if (pred(q.state)) return Promise.resolve(q.state);
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { off(); reject(new Error(`state never matched; last: ${JSON.stringify(q.state)}`)); }, timeoutMs);
    const off = q.on('state', (s) => { if (pred(s)) { clearTimeout(t); off(); resolve(s); } });
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'packline-print-'));
  sim = new PrinterSimulator();
  await sim.start();
});
afterEach(async () => {
  for (const q of queues.splice(0)) await q.stop().catch(() => undefined);
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('print queue over TCP 9100 to the printer simulator', () => {
  it('prints a label after a ~HS status check and reports the printer connected', async () => {
    const q = makeQueue();
    q.start();
    await q.print(label(1), { language: 'zpl', label: 'parcel 1' });
    expect(sim.labels).toHaveLength(1);
    expect(sim.labels[0]!.text).toContain('ORD-0001');
    expect(sim.statusQueries).toBeGreaterThanOrEqual(1);
    expect(q.state.status).toBe('connected');
  });

  it('keeps jobs in order', async () => {
    const q = makeQueue();
    q.start();
    const ids = [1, 2, 3, 4, 5].map((n) => q.enqueue(label(n), { language: 'zpl' }));
    await Promise.all(ids.map((id) => q.whenPrinted(id)));
    expect(sim.labels.map((l) => /ORD-(\d+)/.exec(l.text)![1])).toEqual(['0001', '0002', '0003', '0004', '0005']);
  });

  it('paper out (printer does not answer ~HS) is a fault with words; prints once paper is back', async () => {
    sim.paperOut = true;
    const q = makeQueue();
    q.start();
    const id = q.enqueue(label(7), { language: 'zpl' });
    const st = await until(q, (s) => s.status === 'fault');
    expect(st.reason).toBe(NOT_ANSWERING);
    expect(sim.labels).toHaveLength(0);
    expect(q.jobs()[0]).toMatchObject({ id, state: expect.stringMatching(/retrying|printing/) });
    sim.paperOut = false;
    await q.whenPrinted(id);
    expect(sim.labels).toHaveLength(1);
    expect(q.state.status).toBe('connected');
  });

  it('head open reported by ~HS is a fault naming the head', async () => {
    sim.headOpen = true;
    sim.silentWhenFaulted = false;
    const q = makeQueue();
    q.start();
    q.enqueue(label(1), { language: 'zpl' });
    const st = await until(q, (s) => s.status === 'fault');
    expect(st.reason).toMatch(/head open/);
    expect(sim.labels).toHaveLength(0);
  });

  it('connection dropped mid-job: printed exactly once after reconnect', async () => {
    const q = makeQueue();
    q.start();
    await q.print(label(1), { language: 'zpl' });
    sim.dropNextConnectionAfter(30); // cut inside the next label
    const events: JobInfo[] = [];
    q.on('job', (j) => events.push(j));
    await q.print(label(2), { language: 'zpl' });
    expect(sim.labels.map((l) => /ORD-(\d+)/.exec(l.text)![1])).toEqual(['0001', '0002']);
    expect(events.some((e) => e.state === 'retrying' && /dropped|closed|stopped/.test(e.reason ?? ''))).toBe(true);
    // the partial bytes did arrive on the dropped connection, but were never printed
    expect(sim.connections.some((c) => c.includes('^XA') && !c.includes('^XZ'))).toBe(true);
  });

  it('unprinted jobs survive an app restart and print exactly once', async () => {
    sim.paperOut = true;
    const q1 = makeQueue();
    q1.start();
    q1.enqueue(label(1), { language: 'zpl' });
    q1.enqueue(label(2), { language: 'zpl' });
    await until(q1, (s) => s.status === 'fault');
    await q1.stop(); // the app closes with two jobs unprinted
    queues.splice(queues.indexOf(q1), 1);
    sim.paperOut = false;

    const q2 = makeQueue();
    const printed: string[] = [];
    q2.on('job', (j) => j.state === 'printed' && printed.push(j.id));
    q2.start();
    expect(q2.jobs()).toHaveLength(2);
    await sim.waitForLabels(2);
    await new Promise((r) => setTimeout(r, 100));
    await q2.stop();
    queues.splice(queues.indexOf(q2), 1);
    expect(printed).toHaveLength(2);

    const q3 = makeQueue(); // and once more: nothing left to print
    q3.start();
    expect(q3.jobs()).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 150));
    expect(sim.labels).toHaveLength(2);
  });

  it('a job that was being sent when the app died is held for a decision, never resent by itself', async () => {
    const path = join(dir, 'label.jsonl');
    const data = label(9).toString('base64');
    writeFileSync(path, JSON.stringify({ t: 'queued', id: 'job_a', at: 'x', language: 'zpl', data }) + '\n' + JSON.stringify({ t: 'sending', id: 'job_a', at: 'x', attempt: 1 }) + '\n' + '{"t":"done","id":"job_a"'); // torn last line
    const q = makeQueue();
    q.start();
    expect(q.jobs()).toMatchObject([{ id: 'job_a', state: 'uncertain', reason: expect.stringMatching(/may have printed/) }]);
    await new Promise((r) => setTimeout(r, 200));
    expect(sim.labels).toHaveLength(0);
    const printed = q.whenPrinted('job_a');
    q.resolveUncertain('job_a', 'reprint');
    await printed;
    expect(sim.labels).toHaveLength(1);
    expect(readFileSync(path, 'utf8')).toMatch(/"t":"done","id":"job_a"/);
  });

  it('printer not reachable: waiting with the address in the reason, then prints when it appears', async () => {
    const port = sim.port;
    await sim.stop();
    const q = new PrintQueue(new TcpPrinterSink('127.0.0.1', port, { statusTimeoutMs: 300 }), new PrintJournal(join(dir, 'x.jsonl')), { backoffMs: { min: 50, max: 100 } });
    queues.push(q);
    q.start();
    const id = q.enqueue(label(3), { language: 'zpl' });
    const st = await until(q, (s) => s.status === 'waiting' && /refused/.test(s.reason ?? ''));
    expect(st.reason).toContain(`127.0.0.1:${port}`);
    sim = new PrinterSimulator({ port });
    await sim.start();
    await q.whenPrinted(id);
    expect(sim.labels).toHaveLength(1);
  });
});

describe('spooler and device-file sinks', () => {
  it('CUPS: sends raw with lp -d <printer> -o raw, and PDF without -o raw', async () => {
    const fakeLp = join(dir, 'lp');
    const record = join(dir, 'lp.log');
    writeFileSync(fakeLp, `#!/bin/sh\necho "$@" >> ${record}\ncat >> ${record}.data\n`);
    chmodSync(fakeLp, 0o755);
    const sink = new SpoolPrinterSink('Zebra_ZD421', fakeLp);
    await sink.send(label(1), { language: 'zpl', statusCheck: false });
    await sink.send(Buffer.from('%PDF-1.4'), { language: 'pdf', statusCheck: false });
    expect(readFileSync(record, 'utf8').trim().split('\n')).toEqual(['-d Zebra_ZD421 -o raw', '-d Zebra_ZD421']);
    expect(readFileSync(`${record}.data`, 'utf8')).toContain('ORD-0001');
  });
  it('CUPS: a refused job and a missing lp are errors a person understands', async () => {
    const fakeLp = join(dir, 'lp-fail');
    writeFileSync(fakeLp, '#!/bin/sh\necho "lp: The printer or class does not exist." >&2\nexit 1\n');
    chmodSync(fakeLp, 0o755);
    await expect(new SpoolPrinterSink('Nope', fakeLp).send(label(1), { language: 'zpl', statusCheck: false })).rejects.toThrow(/CUPS refused the job for "Nope".*does not exist/);
    await expect(new SpoolPrinterSink('X', join(dir, 'no-such-lp')).send(label(1), { language: 'zpl', statusCheck: false })).rejects.toThrow(/not installed: install cups-client/);
  });
  it('device file: appends the job; a missing device says to plug it in', async () => {
    const dev = join(dir, 'lp0');
    appendFileSync(dev, '');
    await new FilePrinterSink(dev).send(label(4));
    expect(readFileSync(dev, 'latin1')).toContain('ORD-0004');
    const err = await new FilePrinterSink(join(dir, 'usb', 'lp9')).send(label(1)).catch((e) => e);
    expect(err).toBeInstanceOf(PrintError);
    expect(err.message).toMatch(/does not exist: is the USB printer plugged in/);
  });
  it('serial printer: the whole job arrives on the other end of a pty pair', async () => {
    const p = await startPtyPair();
    const far = new SerialPort({ path: p.b, baudRate: 9600, autoOpen: false });
    await new Promise<void>((res, rej) => far.open((e) => (e ? rej(e) : res())));
    let got = '';
    far.on('data', (d: Buffer) => (got += d.toString('latin1')));
    try {
      const addr = parseAddress(`serial:${p.a}?baud=9600`);
      if (addr.kind !== 'serial') throw new Error('not serial');
      await new SerialPrinterSink(addr).send(label(5));
      for (let i = 0; i < 50 && !got.includes('^XZ'); i++) await new Promise((r) => setTimeout(r, 10));
      expect(got).toBe(label(5).toString('latin1'));
    } finally {
      await new Promise<void>((r) => far.close(() => r()));
      await p.stop();
    }
  });
});
