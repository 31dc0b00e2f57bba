// Pairing a bench with the core over the real HTTP(S) server: a code pairs one bench once and
// only in time; the bench's own token names it in every parcel and event, beside the operator; a
// revoked bench is refused at once; over HTTPS the bench pins the certificate the code names and
// refuses any other with words before sending anything.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { startCore, addSku, orderInput, tempDir, type TestServer } from '../helpers';
import { pairBench, loadPairedBench, coreLinkFor } from '../../../src-main/station/pairing';
import { ensureCoreCertificate } from '../../../src-main/core/tls';
import { BENCH_HEADER, parsePairing, pairingText } from '../../../src-main/contract/benches';
import { createBench, newPairingCode } from '../../../src-main/core/modules/benches/actions/pairing';
import { createOrder } from '../../../src-main/core/modules/orders/actions/create-orders';
import { AppError } from '../../../src-main/lib/errors';
import { LEAD } from '../helpers';

let s: TestServer;
const benchPc = tempDir('packline-benchpc-');
beforeAll(async () => {
  s = await startCore({ setup: (core) => void addSku(core, 'SKU-A', { onHand: 100 }) });
});
afterAll(async () => {
  await s.close();
  benchPc.cleanup();
});

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
};

describe('Settings -> Benches and pairing', () => {
  it('a lead creates a bench and gets a one-time code; an operator may not', async () => {
    const r = await s.as('lead', 'POST', '/api/benches', { name: 'Bench 7', printer: 'tcp://192.168.1.57:9100' });
    expect(r.status, r.text).toBe(200);
    expect(r.body.bench).toMatchObject({ name: 'Bench 7', status: 'waiting', warehouseId: 'wh_default', printer: 'tcp://192.168.1.57:9100' });
    expect(r.body.code.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(Date.parse(r.body.code.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);
    const op = await s.as('operator', 'POST', '/api/benches', { name: 'Bench 8' });
    expect(op.status).toBe(403);
    expect(op.body.error.message).toMatch(/operator may not create a bench/);
    const dup = await s.as('admin', 'POST', '/api/benches', { name: 'bench 7' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain('a bench named "bench 7" exists already');
  });

  it('the bench page takes the code once: the bench gets its own token, kept 0600, and is listed with its last contact', async () => {
    const made = await s.as('lead', 'POST', '/api/benches', { name: 'Bench 9' });
    const paired = await pairBench(benchPc.dir, made.body.code.code.toLowerCase(), { coreUrl: s.url });
    expect(paired).toMatchObject({ benchId: made.body.bench.id, name: 'Bench 9', coreUrl: s.url, pin: null });
    expect(loadPairedBench(benchPc.dir)?.token).toBe(paired.token);
    expect(statSync(join(benchPc.dir, 'station', 'bench.json')).mode & 0o777).toBe(0o600);

    // the same code again: refused, and it says why
    const again = await refusal(pairBench(tempDir().dir, made.body.code.code, { coreUrl: s.url }));
    expect(again.code).toBe('unauthenticated');
    expect(again.message).toMatch(/was used already .*a code pairs one bench once/);

    const list = await s.as('admin', 'GET', '/api/benches');
    const b = list.body.items.find((x: { id: string }) => x.id === paired.benchId);
    expect(b).toMatchObject({ status: 'paired', revokedAt: null });
    expect(b.lastContactAt).not.toBeNull();
  });

  it('an expired code and an unknown code are refused with words, and change nothing', async () => {
    const made = await s.as('lead', 'POST', '/api/benches', { name: 'Bench 10' });
    // ten minutes and a second later (the code's expiry moved into the past, as the clock would)
    s.core.db.prepare("UPDATE bench_pairing_codes SET expires_at = '2020-01-01T00:00:00.000Z' WHERE bench_id = ?").run(made.body.bench.id);
    const late = await s.api('POST', '/api/benches/pair', { code: made.body.code.code });
    expect(late.status).toBe(401);
    expect(late.body.error.message).toMatch(/expired at .* UTC \(codes last 10 minutes\): make a new one on Settings -> Benches/);
    const unknown = await s.api('POST', '/api/benches/pair', { code: 'ZZZZ-ZZZZ' });
    expect(unknown.body.error.message).toContain('is not one this core made');
    const list = await s.as('lead', 'GET', '/api/benches');
    expect(list.body.items.find((x: { id: string }) => x.id === made.body.bench.id).status).toBe('waiting');
    // a new code replaces the old one, which then says so
    const first = await s.as('lead', 'POST', `/api/benches/${made.body.bench.id}/code`);
    await s.as('lead', 'POST', `/api/benches/${made.body.bench.id}/code`);
    const replaced = await s.api('POST', '/api/benches/pair', { code: first.body.code });
    expect(replaced.body.error.message).toContain('was replaced by a newer code for bench "Bench 10"');
  });

  it("the bench's records name the bench (not what the body claims), beside the operator; a revoked bench is refused at once", async () => {
    const made = await s.as('lead', 'POST', '/api/benches', { name: 'Bench 11' });
    const dir = tempDir();
    const paired = await pairBench(dir.dir, made.body.code.code, { coreUrl: s.url });
    const orderId = s.core.writes.runNow(() => createOrder(s.core.ctx, orderInput(), LEAD).order!.id);
    await s.as('lead', 'POST', `/api/orders/${orderId}/actions/allocate`, {});
    const op = await s.tokenFor('operator');
    const link = coreLinkFor(s.url, paired);
    const ticket = await link.call('packStart', { params: { id: orderId }, body: { bench: 'bench-1' } }, op);
    expect(ticket.order.id).toBe(orderId);
    const ev = s.core.db.prepare("SELECT actor, data FROM events WHERE entity_id = ? AND type LIKE 'order.%' ORDER BY id DESC LIMIT 1").get(orderId) as { actor: string; data: string };
    expect(JSON.parse(ev.data).bench).toBe(paired.benchId);
    expect(ev.actor).toMatch(/^usr_/); // the operator whose badge was scanned

    const revoked = await s.as('lead', 'POST', `/api/benches/${paired.benchId}/revoke`);
    expect(revoked.body.status).toBe('revoked');
    const after = await s.api('GET', '/api/session', undefined, { Authorization: `Bearer ${op}`, [BENCH_HEADER]: paired.token });
    expect(after.status).toBe(401);
    expect(after.body.error.message).toContain('this bench is not paired with this core');
    const code = await s.as('lead', 'POST', `/api/benches/${paired.benchId}/code`);
    expect(code.status).toBe(409);
    expect(code.body.error.message).toMatch(/bench "Bench 11" was revoked .*create a new bench instead/);
    dir.cleanup();
  });
});

describe('LAN mode: HTTPS pinned by the pairing code', () => {
  let tls: TestServer;
  const data = tempDir('packline-tls-');
  let fingerprint: string;
  beforeAll(async () => {
    const cert = ensureCoreCertificate(data.dir);
    fingerprint = cert.fingerprint;
    tls = await startCore({ http: { tls: { key: cert.key, cert: cert.cert }, lan: { fingerprint, urls: [] } } });
  });
  afterAll(async () => {
    await tls.close();
    data.cleanup();
  });

  it('makes its certificate once and keeps it (the fingerprint does not change on the next start)', () => {
    expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(ensureCoreCertificate(data.dir).fingerprint).toBe(fingerprint);
    expect(statSync(join(data.dir, 'tls', 'core-key.pem')).mode & 0o777).toBe(0o600);
  });

  it('a bench pairs over HTTPS with the fingerprint in its code, and its pinned link works', async () => {
    const url = tls.url;
    expect(url).toMatch(/^https:/);
    const { code } = tls.core.writes.runNow(() => newPairingCode(tls.core.ctx, createBench(tls.core.ctx, { name: 'LAN bench' }, LEAD).id, LEAD));
    const line = pairingText(code, url, fingerprint);
    expect(parsePairing(line)).toEqual({ code, url, fingerprint });
    const dir = tempDir();
    const paired = await pairBench(dir.dir, line, { coreUrl: 'http://unused' });
    expect(paired.pin?.fingerprint).toBe(fingerprint);
    const link = coreLinkFor(url, paired);
    expect((await link.call('health')).ok).toBe(true);
    dir.cleanup();
  });

  it('a wrong fingerprint is refused with words before the code is sent (the code still pairs afterwards)', async () => {
    const { code } = tls.core.writes.runNow(() => newPairingCode(tls.core.ctx, createBench(tls.core.ctx, { name: 'LAN bench 2' }, LEAD).id, LEAD));
    const wrong = fingerprint.replace(/^../, fingerprint.startsWith('00') ? '11' : '00');
    const e = await refusal(pairBench(tempDir().dir, pairingText(code, tls.url, wrong), { coreUrl: tls.url }));
    expect(e.code).toBe('forbidden');
    expect(e.message).toContain(`showed a certificate with SHA-256 ${fingerprint}, not ${wrong}`);
    expect(e.message).toContain('ask a lead for a new pairing code');
    // nothing reached the core: the code is unused and pairs with the right fingerprint
    const ok = await pairBench(tempDir().dir, pairingText(code, tls.url, fingerprint), { coreUrl: tls.url });
    expect(ok.name).toBe('LAN bench 2');
    // a pairing line for an HTTPS core without a fingerprint is refused too
    const none = await refusal(pairBench(tempDir().dir, `packline-pair:${code}@${tls.url}`, { coreUrl: tls.url }));
    expect(none.message).toContain('carries no certificate fingerprint');
  });
});
