// A client that goes away in the middle of its upload: the core logs it once, as what it is (the
// client left), not as two errors of its own (issue 13, item 8).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';
import { startCore, tempDir, waitFor, sleep, type TestServer } from '../helpers';
import { configureLogging } from '../../../src-main/lib/log';

let s: TestServer;
const logs = tempDir('packline-log-');
beforeAll(async () => {
  s = await startCore();
  configureLogging({ dataDir: logs.dir, level: 'info', pretty: false });
});
afterAll(async () => {
  await s.close();
  logs.cleanup();
});

const logLines = () => {
  const file = join(logs.dir, 'logs', 'packline.log');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string; path?: string }) : [];
};

describe('an aborted upload', () => {
  it('logs one line, at info, saying the client left', async () => {
    const token = await s.tokenFor('lead');
    const u = new URL(s.url);
    await new Promise<void>((resolve) => {
      const c = connect(Number(u.port), u.hostname, () => {
        c.write(`POST /api/imports/csv?mapping=x HTTP/1.1\r\nHost: ${u.host}\r\nAuthorization: Bearer ${token}\r\nContent-Type: text/csv\r\nContent-Length: 1000000\r\n\r\n`);
        c.write(Buffer.alloc(100_000, 'a'));
        setTimeout(() => c.destroy(), 100);
      });
      c.on('close', () => resolve());
    });
    await waitFor(() => logLines().some((l) => l.path === '/api/imports/csv'), 3000, 'the log line');
    await sleep(300); // a second line, if any, is written by now
    const lines = logLines().filter((l) => l.path === '/api/imports/csv' || l.level >= 40);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, path: '/api/imports/csv' });
    expect(lines[0]!.msg).toMatch(/client closed the connection/);
  });
});
