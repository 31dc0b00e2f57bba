// A write the store refuses for a constraint (unique, foreign key, check) is the caller's conflict,
// not an internal error, on either store: SQLite says "UNIQUE constraint failed: ...", PostgreSQL
// SQLSTATE 23505/23503/23514 "duplicate key value violates unique constraint ...". The same file
// runs in the PostgreSQL set (tests/postgres-set.json).
import { describe, it, expect, afterAll } from 'vitest';
import { startCore, type TestServer } from '../helpers';
import { toErrorResponse } from '../../../src-main/core/http/errors';
import { constraintFailure } from '../../../src-main/lib/errors';

let s: TestServer;
afterAll(() => s?.close());

/** What the HTTP layer answers for the error `sql` raises (it must raise one). */
function answerFor(sql: string, ...values: unknown[]) {
  try {
    s.core.writes.runNow(() => s.core.db.prepare(sql).run(...values));
  } catch (e) {
    return toErrorResponse(e);
  }
  throw new Error(`no error from: ${sql}`);
}

describe('constraint failures', () => {
  it('a code already taken: 409 conflict naming the location, nothing stored twice', async () => {
    s = await startCore();
    const first = await s.as('admin', 'POST', '/api/locations', { code: 'Z-01-01-1' });
    expect(first.status, first.text).toBe(201);
    const again = await s.as('admin', 'POST', '/api/locations', { code: 'Z-01-01-1' });
    expect(again.status, again.text).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'conflict', message: 'location Z-01-01-1 already exists' });
    expect(s.core.db.prepare("SELECT COUNT(*) FROM locations WHERE code = 'Z-01-01-1'").pluck().get()).toBe(1);
  });

  it('unique, foreign key and check violations slipping past validation answer 409, not 500', () => {
    const loc = s.core.db.prepare("SELECT id FROM locations WHERE code = 'Z-01-01-1'").pluck().get() as string;
    const unique = answerFor("INSERT INTO locations (id, code, warehouse_id) SELECT 'loc_again', code, warehouse_id FROM locations WHERE id = ?", loc);
    const foreignKey = answerFor("INSERT INTO stock_movements (at, sku_id, location_id, kind, on_hand_delta, on_hand_after, actor) VALUES ('2026-11-20T08:00:00Z', 'sku_none', ?, 'adjust', 1, 1, 'x')", loc);
    const check = answerFor('INSERT INTO alert_cursor (id, event_id) VALUES (2, 0)');
    for (const a of [unique, foreignKey, check]) {
      expect(a.status, JSON.stringify(a.body)).toBe(409);
      expect(a.body.error.code).toBe('conflict');
      expect(a.body.error.message).toMatch(/^the change conflicts with stored data \(.+\)$/);
    }
    expect(s.core.db.prepare("SELECT COUNT(*) FROM locations WHERE id = 'loc_again'").pluck().get()).toBe(0);
    expect(s.core.db.prepare('SELECT COUNT(*) FROM alert_cursor WHERE id = 2').pluck().get()).toBe(0);
  });

  it('a refused write leaves the store ready for the next write, every time', () => {
    // On PostgreSQL the error could be answered before PostgreSQL said the transaction was aborted:
    // the core then kept no transaction to roll back and the next write failed ("current
    // transaction is aborted"), 2 runs of 3 within 300 tries, before the connection's fix.
    for (let i = 0; i < 150; i++) {
      expect(answerFor('INSERT INTO alert_cursor (id, event_id) VALUES (2, 0)').status).toBe(409);
      s.core.writes.runNow(() => s.core.db.prepare('UPDATE locations SET sequence = ? WHERE code = ?').run(i, 'Z-01-01-1'));
    }
    expect(s.core.db.prepare("SELECT sequence FROM locations WHERE code = 'Z-01-01-1'").pluck().get()).toBe(149);
  });

  it('reads both stores\' words, also from a thread that passed on only the message', () => {
    expect(constraintFailure(new Error('UNIQUE constraint failed: locations.code'))).toEqual({ kind: 'unique', detail: 'locations.code' });
    expect(constraintFailure(new Error('FOREIGN KEY constraint failed'))).toEqual({ kind: 'foreign key', detail: '' });
    expect(constraintFailure(new Error('duplicate key value violates unique constraint "locations_code_key"'))).toEqual({ kind: 'unique', detail: 'locations_code_key' });
    expect(constraintFailure(Object.assign(new Error('insert or update on table "stock_movements" violates foreign key constraint "stock_movements_sku_id_fkey"'), { code: '23503' })))
      .toEqual({ kind: 'foreign key', detail: 'stock_movements_sku_id_fkey' });
    expect(constraintFailure(Object.assign(new Error('new row for relation "alert_cursor" violates check constraint "alert_cursor_id_check"'), { code: '23514' })))
      .toEqual({ kind: 'check', detail: 'alert_cursor_id_check' });
    expect(constraintFailure(new Error('relation "x" does not exist'))).toBeNull();
    expect(toErrorResponse(new Error('connection reset')).status).toBe(500);
  });
});
