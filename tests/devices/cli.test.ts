// The technician's command line, spawned as a real process against the pty scale and the TCP
// printer simulator.
import { describe, it, expect, afterEach } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startPtyPair } from '../../src-main/devices/simulators/socat';
import { ScaleSimulator } from '../../src-main/devices/simulators/scale-sim';
import { PrinterSimulator } from '../../src-main/devices/simulators/printer-sim';
import { SerialScannerSimulator } from '../../src-main/devices/simulators/scanner-sim';

const root = resolve(__dirname, '../..');
const cli = join(root, 'src-main', 'devices', 'cli', 'main.ts');

interface Run { code: number | null; stdout: string; stderr: string }

function device(args: string[], opts: { killAfterMs?: number; onStdout?: (s: string, kill: () => void) => void; onStderr?: (s: string) => void } = {}): Promise<Run> {
  return new Promise((res) => {
    // node with tsx's loader, not the tsx command: the command relays a Ctrl-C to its child and, if the
    // child has not answered within 30 ms (a loaded machine), kills it, so the tool never closes cleanly
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, env: { ...process.env, PACKLINE_LOG: 'error' } });
    let stdout = '';
    let stderr = '';
    const kill = () => child.kill('SIGINT');
    child.stdout.on('data', (d) => { stdout += d; opts.onStdout?.(stdout, kill); });
    child.stderr.on('data', (d) => { stderr += d; opts.onStderr?.(stderr); });
    const t = setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs ?? 15_000);
    child.on('exit', (code) => { clearTimeout(t); res({ code, stdout, stderr }); });
  });
}

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f().catch(() => undefined);
});

describe('npm run device -- ...', () => {
  it('scale --once prints readings through motion and exits 0 on the first stable one', async () => {
    const p = await startPtyPair();
    cleanup.push(() => p.stop());
    const sim = new ScaleSimulator({ path: p.b, protocol: 'mt-sics' });
    await sim.start();
    cleanup.push(() => sim.stop());
    // swinging until the tool has shown motion (however long a loaded machine takes to start it), then it settles
    sim.place(1850, 60_000);
    let settling = false;
    const r = await device(['scale', p.a, '--protocol', 'mt-sics', '--once'], {
      onStdout: (out) => {
        if (!settling && /^motion/m.test(out)) {
          settling = true;
          sim.place(1850, 800);
        }
      },
    });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^stable\s+1850 g/);
    expect(lines.some((l) => /^motion\s+\d+ g/.test(l))).toBe(true);
    expect(lines.filter((l) => l.startsWith('stable'))).toHaveLength(1);
  });

  it('scale --once exits non-zero with the reason when nothing answers', async () => {
    const p = await startPtyPair();
    cleanup.push(() => p.stop());
    const r = await device(['scale', `serial:${p.a}?baud=9600`, '--protocol', 'toledo-8217', '--once', '--timeout', '3']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no stable weight within 3 s .*scale not answering/);
  });

  it('print sends a file raw and exits 0 once the printer took it', async () => {
    const sim = new PrinterSimulator();
    await sim.start();
    cleanup.push(() => sim.stop());
    const dir = mkdtempSync(join(tmpdir(), 'packline-cli-'));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'label.zpl');
    writeFileSync(file, '^XA^FO50,50^A0N,40,40^FDCLI test^FS^XZ');
    const r = await device(['print', sim.address, file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/printed: \d+ bytes of zpl taken by tcp:\/\/127\.0\.0\.1:\d+/);
    expect(sim.labels.map((l) => l.text)).toEqual(['^XA^FO50,50^A0N,40,40^FDCLI test^FS^XZ']);
  });

  it('print exits non-zero with a clear message when the printer is out of paper or absent', async () => {
    const sim = new PrinterSimulator();
    await sim.start();
    cleanup.push(() => sim.stop());
    sim.paperOut = true;
    const dir = mkdtempSync(join(tmpdir(), 'packline-cli-'));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'label.zpl');
    writeFileSync(file, '^XA^FDx^FS^XZ');
    const r = await device(['print', sim.address, file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not printed: printer not answering: check paper and that the head is closed/);
    expect(sim.labels).toHaveLength(0);
    const bad = await device(['print', 'tcp//nowhere', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/device address "tcp\/\/nowhere"/);
  });

  it('scan prints each scan from a serial scanner, with its AIM id', async () => {
    const p = await startPtyPair();
    cleanup.push(() => p.stop());
    const sim = new SerialScannerSimulator(p.b, { terminator: '\r' });
    await sim.start();
    cleanup.push(() => sim.stop());
    let sent = false;
    const r = await device(['scan', p.a], {
      onStderr: (s) => {
        if (sent || !s.includes('[connected]')) return;
        sent = true;
        void sim.scan('ORD-0042', ']C0').then(() => sim.scan('SKU-7'));
      },
      onStdout: (s, kill) => { if (s.trim().split('\n').length >= 2) kill(); },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['ORD-0042\t]C0', 'SKU-7']);
  });
});
