// The waves routes over the real HTTP server: roles, refusals that change nothing, the lead's flow
// (rule -> preview -> release -> pick list as JSON and PDF), the put wall, the change feed.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCore, sseClient, snapshot, type TestServer } from '../helpers';
import { stockWarehouse, order } from './fixture';
import { fixedClock } from '../../../src-main/lib/clock';

let s: TestServer;
beforeAll(async () => {
  // A fixed morning: the board orders carriers by their next pickup, so on the system clock the
  // cut-off test failed in the hour between the two cut-offs (17:00-18:00 local).
  s = await startCore({ core: { clock: fixedClock('2026-11-20T02:00:00Z', 1) }, setup: (core) => stockWarehouse(core) });
});
afterAll(() => s.close());

const RULE = { filter: { carriers: ['sf'] }, group: 'none', caps: { slots: 20 } };

describe('waves over HTTP', () => {
  it('refuses an operator who tries to release, and a bad rule, naming the field; nothing changes', async () => {
    order(s.core, [['TEA-1', 1]], { carrier: 'sf' });
    for (const role of ['operator', 'lead'] as const) await s.tokenFor(role);
    const before = snapshot(s.core);
    expect((await s.as('operator', 'POST', '/api/waves', { rule: RULE })).status).toBe(403);
    const bad = await s.as('lead', 'POST', '/api/waves/preview', { rule: { ...RULE, caps: { slots: 0 } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues[0].path).toBe('rule.caps.slots');
    const badGroup = await s.as('lead', 'POST', '/api/waves', { rule: { ...RULE, group: 'colour' } });
    expect(badGroup.status).toBe(422);
    expect(badGroup.body.error.message).toMatch(/rule\.group/);
    expect((await s.as('lead', 'GET', '/api/waves/W-9999')).status).toBe(404);
    expect(snapshot(s.core)).toEqual(before);
  });

  it('saves a rule, previews, releases the preview, lists the wave with progress and serves its pick list as JSON and PDF', async () => {
    const feed = sseClient(s.url, await s.tokenFor('lead'));
    await feed.opened;
    order(s.core, [['CUP-1', 1], ['TEA-1', 2]], { carrier: 'sf' });
    const saved = await s.as('lead', 'POST', '/api/wave-rules', { name: 'SF all', rule: RULE });
    expect(saved.status).toBe(201);
    expect((await s.as('lead', 'POST', '/api/wave-rules', { name: 'SF all', rule: RULE })).status).toBe(409);
    expect((await s.as('lead', 'GET', '/api/wave-rules')).body.items.map((r: any) => r.name)).toEqual(['SF all']);

    const preview = await s.as('lead', 'POST', '/api/waves/preview', { rule: saved.body.rule });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ eligible: 2, leftOver: 0, waves: [{ orders: 2, units: 4, pickLines: 2 }] });

    const rel = await s.as('lead', 'POST', '/api/waves', { rule: saved.body.rule, ruleId: saved.body.id, benchId: 'bench-1', waves: preview.body.waves.map((w: any) => ({ orderIds: w.orderIds })) });
    expect(rel.status).toBe(201);
    const wave = rel.body.waves[0];
    expect(wave).toMatchObject({ name: 'SF all', benchId: 'bench-1', carriers: ['sf'], progress: { orders: 2, units: 4, picked: 0 } });
    await feed.until(1);
    await expect.poll(() => feed.events.some((e) => e.data.type === 'wave.released' && e.data.entityId === wave.id)).toBe(true);
    feed.close();

    const list = await s.as('viewer', 'GET', '/api/waves');
    expect(list.body.items[0]).toMatchObject({ id: wave.id, done: false });
    const detail = await s.as('viewer', 'GET', `/api/waves/${wave.number}`);
    expect(detail.body.orders.map((o: any) => o.slot)).toEqual([1, 2]);

    const pick = await s.as('operator', 'GET', `/api/waves/${wave.id}/pick-list`);
    expect(pick.body.lines.map((l: any) => [l.location, l.sku, l.qty])).toEqual([['A-01-02-1', 'TEA-1', 3], ['A-02-03-1', 'CUP-1', 1]]);

    const res = await fetch(`${s.url}/api/waves/${wave.id}/pick-list.pdf`, { headers: { Authorization: `Bearer ${await s.tokenFor('operator')}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(s.dir, 'pick.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(wave.number);
    expect(text).toMatch(/A-01-02-1\s+TEA-1\s+.*\s3\s+1:1 2:2/);
  });

  it('runs the put wall over HTTP: slot look-up reads only, the sort records it', async () => {
    const w = (await s.as('lead', 'GET', '/api/waves')).body.items[0];
    const look = await s.as('operator', 'GET', `/api/sort/slot-for/TEA-1?waveId=${w.id}`);
    expect(look.body.slot).toMatchObject({ slot: 1, waveNumber: w.number });
    expect((await s.as('operator', 'GET', `/api/sort/slot-for/TEA-1?waveId=${w.id}`)).body.slot.slot).toBe(1);
    const put = await s.as('operator', 'POST', '/api/sort', { code: 'TEA-1', benchId: 'bench-1' });
    expect(put.body).toMatchObject({ slot: 1, remainingInSlot: 0, complete: true });
    expect((await s.as('operator', 'GET', `/api/sort/slot-for/TEA-1?waveId=${w.id}`)).body.slot).toMatchObject({ slot: 2, remainingInSlot: 2 });
    expect((await s.as('operator', 'GET', '/api/sort/slot-for/NOPE')).status).toBe(404);
    expect((await s.as('operator', 'GET', '/api/sort/slot-for/TEA-1?benchId=bench-9')).body.slot).toBeNull();
  });

  it('pauses a wave and pulls an order out', async () => {
    const w = (await s.as('lead', 'GET', '/api/waves')).body.items[0];
    expect((await s.as('lead', 'POST', `/api/waves/${w.id}/actions/pause`, {})).body.state).toBe('paused');
    expect((await s.as('operator', 'POST', `/api/waves/${w.id}/actions/resume`, {})).status).toBe(403);
    expect((await s.as('lead', 'POST', `/api/waves/${w.id}/actions/resume`, {})).body.state).toBe('released');
    const d = (await s.as('lead', 'GET', `/api/waves/${w.id}`)).body;
    const noReason = await s.as('lead', 'POST', `/api/waves/${w.id}/orders/${d.orders[1].orderId}/pull`, {});
    expect(noReason.status).toBe(422);
    expect((await s.as('operator', 'GET', `/api/orders/${d.orders[1].number}/wave`)).body.wave).toEqual({ waveId: w.id, waveNumber: w.number, slot: 2, paused: false });
    const pulled = await s.as('lead', 'POST', `/api/waves/${w.id}/orders/${d.orders[1].number}/pull`, { reason: 'address check' });
    expect(pulled.body).toEqual({ slot: 2, sortedUnits: 0 });
    expect((await s.as('lead', 'GET', `/api/orders/${d.orders[1].orderId}`)).body.state).toBe('allocated');
    expect((await s.as('operator', 'GET', `/api/orders/${d.orders[1].orderId}/wave`)).body.wave).toBeNull();
  });

  it('lists bins in walking order and takes a custom sequence', async () => {
    const before = (await s.as('viewer', 'GET', '/api/locations/walking-order')).body.items;
    expect(before.map((p: any) => p.code).slice(0, 3)).toEqual(['A-01-02-1', 'A-01-07-2', 'A-02-09-1']);
    const set = await s.as('lead', 'PUT', '/api/locations/B-02-08-3/sequence', { sequence: 5 });
    expect(set.body).toMatchObject({ code: 'B-02-08-3', sequence: 5, custom: true });
    expect((await s.as('viewer', 'GET', '/api/locations/walking-order')).body.items[0].code).toBe('B-02-08-3');
    expect((await s.as('lead', 'PUT', '/api/locations/NOPE/sequence', { sequence: 5 })).status).toBe(404);
    await s.as('lead', 'PUT', '/api/locations/B-02-08-3/sequence', { sequence: null });
  });

  it('keeps carrier cut-offs and the bin pattern as shop settings, refusing bad ones by field', async () => {
    const badTime = await s.as('admin', 'PUT', '/api/settings', { carrierCutoffs: { sf: '25:00' } });
    expect(badTime.status).toBe(422);
    expect(badTime.body.error.issues[0].path).toBe('carrierCutoffs.sf');
    const badPattern = await s.as('admin', 'PUT', '/api/settings', { pickPath: { pattern: '^(?<zone>\\w+)$', aisleSpacingM: 3, bayWidthM: 1.2, zoneGapM: 15 } });
    expect(badPattern.status).toBe(422);
    expect(badPattern.body.error.issues[0].path).toBe('pickPath.pattern');
    expect((await s.as('lead', 'PUT', '/api/settings', { carrierCutoffs: { sf: '18:00' } })).status).toBe(403);
    expect((await s.as('admin', 'PUT', '/api/settings', { carrierCutoffs: { sf: '18:00', zto: '17:00' } })).status).toBe(200);
    const board = (await s.as('viewer', 'GET', '/api/shift-board')).body;
    expect(board.carriers.map((c: any) => [c.carrier, c.cutoff])).toEqual([['zto', '17:00'], ['sf', '18:00']]);
    expect(board.carriers.find((c: any) => c.carrier === 'sf')).toMatchObject({ pool: 1 });
  });
});
