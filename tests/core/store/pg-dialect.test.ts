// SQLite SQL as the stores write it, translated for PostgreSQL (store/pg/dialect.ts): the rewrites
// that let search, filters and payouts' statements run there unchanged.
import { describe, it, expect } from 'vitest';
import { translate, translateScript } from '../../../src-main/core/store/pg/dialect';

const pg = (sql: string) => translate(sql).text;
const pg0 = translateScript;

describe('the PostgreSQL dialect layer', () => {
  it('drops SQLite\'s unary + before a column (kept off an index there), not an addition', () => {
    expect(pg('SELECT 1 FROM orders o WHERE +o.channel = ? AND (+o.carrier = ?) AND reserved + ? > 0'))
      .toBe('SELECT 1 FROM orders o WHERE o.channel = $1 AND (o.carrier = $2) AND reserved + $3 > 0');
  });

  it('an empty IN list matches nothing and an empty NOT IN list everything, as on SQLite', () => {
    expect(pg('SELECT id FROM orders o WHERE o.id IN () OR o.rowid NOT IN ( )')).toBe("SELECT id FROM orders o WHERE o.id = ANY('{}') OR o.rowid <> ALL('{}')");
  });

  it('names a VALUES list in FROM, whose columns keep SQLite\'s names', () => {
    expect(pg('SELECT column1 FROM (VALUES (1, 2), (3, 4)) WHERE column2 > ?')).toBe('SELECT column1 FROM (VALUES (1, 2), (3, 4)) AS _q1 WHERE column2 > $1');
  });

  it('takes SQLite\'s CROSS JOIN ... ON (the join order kept for its planner) as a join, and leaves a cross join without ON alone', () => {
    expect(pg('SELECT o.id FROM json_each(?) j CROSS JOIN orders o ON o.id = j.value CROSS JOIN payout_rows ON 1 = 1')).toBe('SELECT o.id FROM json_each($1) j JOIN orders o ON o.id = j.value JOIN payout_rows ON 1 = 1');
    expect(pg('SELECT * FROM a CROSS JOIN b WHERE a.x = b.y')).toBe('SELECT * FROM a CROSS JOIN b WHERE a.x = b.y');
  });

  it('takes SQLite\'s INSERT OR REPLACE as an upsert on the primary key setting every column given', () => {
    expect(pg('INSERT OR REPLACE INTO events (id, type) VALUES (?, ?)')).toBe('INSERT INTO events (id, type) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT events_pkey DO UPDATE SET id = EXCLUDED.id, type = EXCLUDED.type');
  });

  it('gives an optional filter\'s parameter a type PostgreSQL can test for NULL', () => {
    expect(pg('SELECT * FROM payout_days WHERE (@channel IS NULL OR channel = @channel)')).toBe('SELECT * FROM payout_days WHERE (CAST($1 AS text) IS NULL OR channel = $1)');
    expect(pg('SELECT * FROM t WHERE (? IS NOT NULL OR a = ?) AND b IS NULL')).toBe('SELECT * FROM t WHERE (CAST($1 AS text) IS NOT NULL OR a = $2) AND b IS NULL');
  });

  it('carries a trigger whose body has CASE ... END and RAISE inside an expression', () => {
    const sql = pg0(`CREATE TRIGGER refuse BEFORE INSERT ON orders WHEN NEW.note IN ('internal', 'END') BEGIN
      SELECT CASE NEW.note WHEN 'internal' THEN RAISE(ABORT, 'secret') ELSE RAISE(ABORT, 'UNIQUE constraint failed: orders.x') END; END; CREATE INDEX i ON orders(note)`);
    expect(sql).toContain("IF NEW.note IN ('internal', 'END') THEN PERFORM CASE NEW.note WHEN 'internal' THEN sqlite_raise( 'secret') ELSE sqlite_raise( 'UNIQUE constraint failed: orders.x') END; END IF; RETURN NEW;");
    expect(sql).toContain('CREATE TRIGGER refuse BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION trg_refuse()');
    expect(sql).toMatch(/CREATE INDEX i ON orders\(note\)$/);
  });

  it('drops a trigger named alone (PostgreSQL wants its table: found by the name)', () => {
    expect(pg0('DROP TRIGGER inject_failure')).toMatch(/WHERE tgname = 'inject_failure'[\s\S]*RAISE EXCEPTION 'no such trigger: inject_failure'[\s\S]*DROP TRIGGER %I ON %s/);
    expect(pg0('DROP TRIGGER IF EXISTS t1')).toContain('IF t IS NULL THEN RETURN; END IF;');
  });

  it('quotes a camelCase output name wherever it is read, after a subquery\'s name too', () => {
    expect(pg('SELECT g.*, (SELECT number FROM orders WHERE id = g.firstOrderId) firstOrderNumber FROM (SELECT min(o.id) firstOrderId FROM orders o) g ORDER BY g.firstOrderId'))
      .toBe('SELECT g.*, (SELECT number FROM orders WHERE id = g."firstOrderId") "firstOrderNumber" FROM (SELECT min(o.id) "firstOrderId" FROM orders o) g ORDER BY g."firstOrderId"');
  });
});
