// Waybill numbers are never issued twice: across connections, processes, voids and kill -9.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidWaybill } from '../../../src-main/contract/check-digits';
import { addWaybillRange, setWaybillRangeActive } from '../../../src-main/core/modules/shipping/actions/waybill-ranges';
import { allocateWaybill } from '../../../src-main/core/modules/shipping/actions/issue-waybill';
import { voidWaybill } from '../../../src-main/core/modules/shipping/flows';
import { getWaybill, listWaybillRanges } from '../../../src-main/core/modules/shipping/queries';
import { NEXT_RANGE_OF_CARRIER, WAYBILL_EXISTS, WAYBILLS_OF_ORDER } from '../../../src-main/core/modules/shipping/store';
import { openDatabase } from '../../../src-main/core/database';
import { type Db } from '../../../src-main/core/store/db';
import { fixedClock } from '../../../src-main/lib/clock';

const actor = { id: 'usr_test', role: 'admin' };
const clock = fixedClock('2025-01-17T08:00:00.000Z', 1);
const dir = mkdtempSync(join(tmpdir(), 'packline-waybills-'));
let files = 0;
const freshDb = () => openDatabase(join(dir, `w${++files}.db`));
const child = join(process.cwd(), 'tests', 'core', 'shipping', 'fixtures', 'allocate-child.ts');

function events(db: Db, type: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM events WHERE type = ?').get(type) as { n: number }).n;
}

describe('waybill ranges', () => {
  it('issues S10 numbers with valid check digits, in order, and records events', () => {
    const db = freshDb();
    addWaybillRange(db, clock, { carrier: 'ems', scheme: 's10', prefix: 'RR', suffix: 'CN', width: 8, first: 12345678, last: 12345680, lowWater: 1 }, actor);
    const a = allocateWaybill(db, clock, { carrier: 'ems' }, actor);
    expect(a.number).toBe('RR123456785CN');
    const b = allocateWaybill(db, clock, { carrier: 'ems' }, actor);
    expect(isValidWaybill('s10', b.number)).toBe(true);
    expect(b.lowWarning).toMatch(/has 1 number\(s\) left/);
    const c = allocateWaybill(db, clock, { carrier: 'ems' }, actor);
    expect(c.remaining).toBe(0);
    expect(() => allocateWaybill(db, clock, { carrier: 'ems' }, actor)).toThrow(/used up or inactive; add a new range/);
    expect(events(db, 'waybill.allocated')).toBe(3);
    expect(events(db, 'waybill_range.low')).toBe(1);
    expect(events(db, 'waybill_range.exhausted')).toBe(1);
  });

  it('a voided number stays issued and is never handed out again', async () => {
    const db = freshDb();
    addWaybillRange(db, clock, { carrier: 'yt', scheme: 'mod10', prefix: 'YT', width: 10, first: 1, last: 100 }, actor);
    const a = allocateWaybill(db, clock, { carrier: 'yt' }, actor);
    const voided = await voidWaybill(db, clock, { number: a.number, reason: 'label damaged' }, actor);
    expect(voided.status).toBe('voided');
    const b = allocateWaybill(db, clock, { carrier: 'yt' }, actor);
    expect(b.number).not.toBe(a.number);
    expect(b.serial).toBe(a.serial + 1);
    await expect(voidWaybill(db, clock, { number: a.number, reason: 'again' }, actor)).rejects.toThrow(/already voided/);
    expect(() => db.prepare('DELETE FROM waybills WHERE number = ?').run(a.number)).toThrow(/never deleted/);
    expect(() => db.prepare('UPDATE waybill_ranges SET next_serial = 1').run()).toThrow(/never goes back/);
    expect(getWaybill(db, a.number).voidReason).toBe('label damaged');
  });

  it('refuses overlapping ranges, bad S10 ranges, and unknown carriers, naming the problem', () => {
    const db = freshDb();
    addWaybillRange(db, clock, { carrier: 'sf', scheme: 'mod11', prefix: 'SF', width: 12, first: 1000, last: 1999 }, actor);
    expect(() => addWaybillRange(db, clock, { carrier: 'sf', scheme: 'mod11', prefix: 'SF', width: 12, first: 1500, last: 2500 }, actor)).toThrow(/overlaps range wbr_/);
    expect(() => addWaybillRange(db, clock, { carrier: 'ems', scheme: 's10', prefix: 'R', suffix: 'CN', width: 8, first: 1, last: 2 }, actor)).toThrow(/S10 prefix is two capital letters/);
    expect(() => allocateWaybill(db, clock, { carrier: 'nobody' }, actor)).toThrow(/no waybill number range is set up for carrier "nobody"/);
  });

  it('uses the next range when one is used up or deactivated', () => {
    const db = freshDb();
    const r1 = addWaybillRange(db, clock, { carrier: 'zto', scheme: 'none', prefix: 'A', width: 4, first: 1, last: 2 }, actor);
    addWaybillRange(db, clock, { carrier: 'zto', scheme: 'none', prefix: 'B', width: 4, first: 1, last: 5 }, actor);
    expect(allocateWaybill(db, clock, { carrier: 'zto' }, actor).number).toBe('A0001');
    setWaybillRangeActive(db, clock, r1.id, false, actor);
    expect(allocateWaybill(db, clock, { carrier: 'zto' }, actor).number).toBe('B0001');
    expect(listWaybillRanges(db, 'zto').map((r) => r.remaining)).toEqual([1, 4]);
  });

  it('hot queries use their indexes (EXPLAIN QUERY PLAN)', () => {
    const db = freshDb();
    const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan(NEXT_RANGE_OF_CARRIER, 'sf')).toMatch(/USING INDEX waybill_ranges_carrier/);
    expect(plan(WAYBILL_EXISTS, 'x')).toMatch(/USING (PRIMARY KEY|(COVERING )?INDEX sqlite_autoindex_waybills)/);
    expect(plan(WAYBILLS_OF_ORDER, 'o')).toMatch(/USING INDEX waybills_order/);
  });

  it('property: interleaved allocations on several connections, voids and crashed transactions never repeat a number', () => {
    fc.assert(fc.property(
      fc.array(fc.oneof(
        fc.record({ op: fc.constant('alloc' as const), conn: fc.integer({ min: 0, max: 2 }) }),
        fc.record({ op: fc.constant('void' as const), pick: fc.nat() }),
        fc.record({ op: fc.constant('crash' as const), conn: fc.integer({ min: 0, max: 2 }) }),
      ), { minLength: 1, maxLength: 40 }),
      (ops) => {
        const file = join(dir, `p${++files}.db`);
        let conns = [openDatabase(file), openDatabase(file), openDatabase(file)];
        addWaybillRange(conns[0]!, clock, { carrier: 'p', scheme: 'mod10', width: 8, first: 1, last: 1_000_000 }, actor);
        const issued: string[] = [];
        for (const o of ops) {
          if (o.op === 'alloc') issued.push(allocateWaybill(conns[o.conn]!, clock, { carrier: 'p' }, actor).number);
          else if (o.op === 'void' && issued.length) {
            const n = issued[o.pick % issued.length]!;
            if (getWaybill(conns[0]!, n).status === 'allocated') void voidWaybill(conns[0]!, clock, { number: n, reason: 'test' }, actor);
          } else if (o.op === 'crash') {
            // A process dying mid-allocation: the range moved and a row went in, but no commit.
            const c = conns[o.conn]!;
            c.exec('BEGIN IMMEDIATE');
            c.prepare("UPDATE waybill_ranges SET next_serial = next_serial + 1 WHERE carrier = 'p'").run();
            c.close();
            conns = conns.map((x, i) => (i === o.conn ? openDatabase(file) : x));
          }
        }
        const rows = conns[0]!.prepare('SELECT number FROM waybills').all() as { number: string }[];
        expect(new Set(issued).size).toBe(issued.length);
        expect(rows.map((r) => r.number).sort()).toEqual([...issued].sort());
        for (const c of conns) c.close();
      },
    ), { numRuns: 25 });
  });
});

function runChild(args: string[]): { done: Promise<{ code: number | null; signal: NodeJS.Signals | null; lines: string[] }>; proc: ReturnType<typeof spawn> ; lines: string[] } {
  // node --import tsx: one process, so SIGKILL hits the process that holds the database (the tsx CLI would fork a grandchild).
  const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buf = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
  });
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; lines: string[] }>((resolve) =>
    proc.on('exit', (code, signal) => {
      if (code && code !== 0) process.stderr.write(err);
      resolve({ code, signal, lines });
    }));
  return { done, proc, lines };
}

describe('waybill allocation across processes', () => {
  it('four processes allocating at once on one file never get the same number', async () => {
    const file = join(dir, 'multi.db');
    const db = openDatabase(file);
    addWaybillRange(db, clock, { carrier: 'sf', scheme: 'mod11', prefix: 'SF', width: 10, first: 1, last: 1_000_000 }, actor);
    const kids = [0, 1, 2, 3].map(() => runChild([file, 'sf', 'loop', '150']));
    const results = await Promise.all(kids.map((k) => k.done));
    const all = results.flatMap((r) => r.lines);
    expect(results.every((r) => r.code === 0)).toBe(true);
    expect(all.length).toBe(600);
    expect(new Set(all).size).toBe(600);
    const rows = db.prepare("SELECT serial FROM waybills WHERE carrier = 'sf' ORDER BY serial").all() as { serial: number }[];
    expect(rows.map((r) => r.serial)).toEqual(Array.from({ length: 600 }, (_, i) => i + 1)); // no gaps, no repeats
    db.close();
  }, 60_000);

  it('kill -9 in the middle of allocating loses nothing that was handed out and repeats nothing', async () => {
    const file = join(dir, 'kill.db');
    const db = openDatabase(file);
    addWaybillRange(db, clock, { carrier: 'yt', scheme: 'mod10', prefix: 'YT', width: 10, first: 1, last: 1_000_000 }, actor);
    // 1. A child allocating flat out, killed at a random moment.
    const looping = runChild([file, 'yt', 'loop', '100000']);
    while (looping.lines.length < 50) await new Promise((r) => setTimeout(r, 20));
    looping.proc.kill('SIGKILL');
    const killed = await looping.done;
    expect(killed.signal).toBe('SIGKILL');
    // 2. A child killed while it holds an open write transaction that already bumped the range.
    const hanging = runChild([file, 'yt', 'hang']);
    while (!hanging.lines.includes('in-transaction')) await new Promise((r) => setTimeout(r, 20));
    hanging.proc.kill('SIGKILL');
    await hanging.done;
    // Everything the first child printed (committed) is in the database, once.
    const handedOut = killed.lines.filter(Boolean);
    const rows = new Set((db.prepare("SELECT number FROM waybills WHERE carrier = 'yt'").all() as { number: string }[]).map((r) => r.number));
    for (const n of handedOut) expect(rows.has(n)).toBe(true);
    // New allocations after the crashes repeat nothing.
    const after = Array.from({ length: 20 }, () => allocateWaybill(db, clock, { carrier: 'yt' }, actor).number);
    for (const n of after) expect(handedOut).not.toContain(n);
    const total = (db.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT number) AS d FROM waybills WHERE carrier = 'yt'").get() as { n: number; d: number });
    expect(total.n).toBe(total.d);
    db.close();
  }, 60_000);
});
