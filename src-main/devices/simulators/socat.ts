// Two linked pseudo-terminals from socat: a serial cable in software. serialport opens one end,
// a simulator the other. (A pty does not emulate parity or baud rate; that is fine for bytes.)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, existsSync, rmSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** stable symlink paths inside a temp dir */
  a: string;
  b: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** `dir` reuses a folder (the same link paths), e.g. to plug a simulated device back in. */
export async function startPtyPair(opts: { socat?: string; timeoutMs?: number; dir?: string; keepDir?: boolean } = {}): Promise<PtyPair> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'packline-pty-'));
  const a = join(dir, 'A');
  const b = join(dir, 'B');
  const child = spawn(opts.socat ?? 'socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  let exited = false;
  child.once('exit', () => (exited = true));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const deadline = Date.now() + (opts.timeoutMs ?? 5000);
  for (;;) {
    if (existsSync(a) && existsSync(b) && /starting data transfer loop/.test(stderr)) break;
    const err = await Promise.race([spawnError, new Promise<undefined>((r) => setTimeout(r, 10))]);
    if (err) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`cannot start socat (${err.message}): install it with apt install socat`);
    }
    if (exited || Date.now() > deadline) {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`socat did not create the pty pair: ${stderr.trim() || 'no output'}`);
    }
  }
  const stop = async () => {
    if (!exited) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 1000))]);
      if (!exited) child.kill('SIGKILL');
    }
    if (!opts.keepDir) rmSync(dir, { recursive: true, force: true });
  };
  return { a, b, process: child, stop };
}

/** The /dev/pts/N behind a link (serialport lists real paths). */
export const ptyRealPath = (link: string): string => realpathSync(link);
