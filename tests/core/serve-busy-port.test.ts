// `npm run serve` on a port something else holds: one sentence saying so, exit code 1, no stack.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const holder = createServer();
afterAll(() => new Promise<void>((r) => holder.close(() => r())));

it('a busy port ends the start with a sentence naming the port, not a crash', async () => {
  await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
  const port = (holder.address() as AddressInfo).port;
  const dataDir = mkdtempSync(join(tmpdir(), 'packline-busy-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src-main', 'serve.ts'), '--port', String(port), '--data', dataDir], { cwd: root });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  expect(code).toBe(1);
  expect(stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
  expect(stderr).not.toMatch(/sonic boom|\n\s+at /);
}, 60_000);
