// SQL of the rules module: rules, rule_results, rule_holds, rule_cursor, rule_settings, presale_skus,
// order_flags, order_instructions. It reads orders, lines and SKUs (an order's facts) and never writes them.
import { prep, type Db } from '../../store/db';
import type { OrderState } from '../../../contract/orders';

export interface RuleRow { id: string; position: number; name: string; enabled: number; rule: string; version: number; updated_at: string; updated_by: string }

export const selectRules = (db: Db) => prep(db, 'SELECT * FROM rules ORDER BY position, id').all() as RuleRow[];
export const selectRule = (db: Db, id: string) => prep(db, 'SELECT * FROM rules WHERE id = ?').get(id) as RuleRow | undefined;
/**
 * What the evaluation's cache of the rules is keyed by: the rule count and a generation every write
 * below moves on. Two small reads, where the rows' versions and times meant reading every rule's row
 * (the intake asks once per batch of orders).
 */
export const selectRulesStamp = (db: Db) =>
  prep(db, "SELECT (SELECT COUNT(*) FROM rules) || ':' || COALESCE((SELECT value FROM rule_settings WHERE key = 'generation'), '0')").pluck().get() as string;
const nextGeneration = (db: Db) =>
  void prep(db, "INSERT INTO rule_settings (key, value) VALUES ('generation', '1') ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)").run();

export function insertRule(db: Db, r: Omit<RuleRow, 'version'>): void {
  prep(db, 'INSERT INTO rules (id, position, name, enabled, rule, version, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, 1, ?, ?)').run(r.id, r.position, r.name, r.enabled, r.rule, r.updated_at, r.updated_by);
  nextGeneration(db);
}
export function updateRuleRow(db: Db, r: Pick<RuleRow, 'id' | 'name' | 'enabled' | 'rule' | 'updated_at' | 'updated_by'>): void {
  prep(db, 'UPDATE rules SET name = ?, enabled = ?, rule = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?').run(r.name, r.enabled, r.rule, r.updated_at, r.updated_by, r.id);
  nextGeneration(db);
}
export function deleteRuleRow(db: Db, id: string): void {
  prep(db, 'DELETE FROM rules WHERE id = ?').run(id);
  nextGeneration(db);
}
export function setRulePosition(db: Db, id: string, position: number): void {
  prep(db, 'UPDATE rules SET position = ? WHERE id = ?').run(position, id);
  nextGeneration(db);
}

// --- orders' facts, read for many orders at once --------------------------------------------------

export interface FactRow { id: string; state: OrderState; carrier: string | null; service: string | null; priority: number; channel: string; total_minor: number | null; ship_to: string; note: string | null; phone_digits: string | null }
export interface FactLineRow { order_id: string; sku: string; qty: number; unit_price_minor: number | null; cost_minor: number | null; unit_weight_g: number | null; stock_date: string | null }

const FACT_COLUMNS = 'id, state, carrier, service, priority, channel, total_minor, ship_to, note, phone_digits';
/** These orders (ids as a JSON array). */
export const selectFactRows = (db: Db, idsJson: string) =>
  prep(db, `SELECT ${FACT_COLUMNS} FROM orders WHERE id IN (SELECT value FROM json_each(?))`).all(idsJson) as FactRow[];
/** Open orders (not shipped, returned or cancelled) after `afterId`, by id: the re-evaluation's pages. */
export const selectOpenFactRows = (db: Db, afterId: string, limit: number) =>
  prep(db, `SELECT ${FACT_COLUMNS} FROM orders WHERE id > ? AND state NOT IN ('shipped','returned','cancelled') ORDER BY id LIMIT ?`).all(afterId, limit) as FactRow[];
/**
 * A page of the re-evaluation in one statement: open orders after `afterId` (by id), each with what
 * the rules last decided (as the re-evaluation compares it) and one row per line (its product's
 * cost, weight and presale stock day); an order without lines has one row with no line.
 */
export interface OpenFactPageRow extends FactRow { sig: string | null; sku: string | null; qty: number | null; unit_price_minor: number | null; cost_minor: number | null; unit_weight_g: number | null; stock_date: string | null }
export const selectOpenFactPage = (db: Db, afterId: string, limit: number) =>
  prep(db, `SELECT o.*, r.fired || '|' || COALESCE(r.tags, '') || '|' || COALESCE(r.packer_note, '') sig,
      skus.sku, l.qty, l.unit_price_minor, skus.cost_minor, skus.unit_weight_g, p.stock_date
    FROM (SELECT ${FACT_COLUMNS} FROM orders WHERE id > ? AND state NOT IN ('shipped','returned','cancelled') ORDER BY id LIMIT ?) o
    LEFT JOIN rule_results r ON r.order_id = o.id
    LEFT JOIN order_lines l ON l.order_id = o.id LEFT JOIN skus ON skus.id = l.sku_id LEFT JOIN presale_skus p ON p.sku_id = l.sku_id
    ORDER BY o.id`).all(afterId, limit) as OpenFactPageRow[];
/** The lines of these orders with their products' cost, weight and presale stock day. */
export const selectFactLines = (db: Db, idsJson: string) =>
  prep(db, `SELECT order_lines.order_id, skus.sku, order_lines.qty, order_lines.unit_price_minor, skus.cost_minor, skus.unit_weight_g, presale_skus.stock_date
    FROM order_lines JOIN skus ON skus.id = order_lines.sku_id LEFT JOIN presale_skus ON presale_skus.sku_id = order_lines.sku_id
    WHERE order_lines.order_id IN (SELECT value FROM json_each(?))`).all(idsJson) as FactLineRow[];

/** Every presale SKU's stock day, by SKU id (kept in memory with the rules). */
export const selectPresaleDays = (db: Db) => prep(db, 'SELECT sku_id, stock_date FROM presale_skus').all() as { sku_id: string; stock_date: string }[];

/**
 * How many of a buyer's orders (at most `cap`) were made since `since`: read from the index
 * orders_phone alone (phone, created_at, split_of). The cap comes from the rules (buyerCountCap): a buyer with thousands of
 * orders costs no more than the largest "more than N a day" needs.
 */
export const countBuyerSince = (db: Db, phone: string, since: string, cap: number) =>
  prep(db, 'SELECT COUNT(*) FROM (SELECT 1 FROM orders WHERE phone_digits = ? AND split_of IS NULL AND created_at >= ? LIMIT ?) capped').pluck().get(phone, since, cap) as number;
/** Every buyer's orders since `since` and returned orders, for a pass over all open orders (one scan each instead of one per buyer). */
export const selectBuyersSince = (db: Db, since: string) =>
  prep(db, 'SELECT phone_digits phone, COUNT(*) n FROM orders WHERE created_at >= ? AND phone_digits IS NOT NULL AND split_of IS NULL GROUP BY phone_digits').all(since) as { phone: string; n: number }[];
export const selectAllReturnCounts = (db: Db) =>
  prep(db, "SELECT phone_digits phone, COUNT(*) n FROM orders WHERE state = 'returned' AND phone_digits IS NOT NULL GROUP BY phone_digits").all() as { phone: string; n: number }[];
/** Returned orders of these phones (JSON array): few, found through the state index. */
export const selectReturnCounts = (db: Db, phonesJson: string) =>
  prep(db, "SELECT phone_digits phone, COUNT(*) n FROM orders WHERE state = 'returned' AND +phone_digits IN (SELECT value FROM json_each(?)) GROUP BY phone_digits").all(phonesJson) as { phone: string; n: number }[];

export const countOpenOrders = (db: Db) => prep(db, "SELECT COUNT(*) FROM orders WHERE state NOT IN ('shipped','returned','cancelled')").pluck().get() as number;

// --- results and holds ----------------------------------------------------------------------------

export interface ResultRow { order_id: string; evaluations: number; evaluated_at: string; fired: string; tags: string | null; packer_note: string | null }
export const selectResult = (db: Db, orderId: string) => prep(db, 'SELECT * FROM rule_results WHERE order_id = ?').get(orderId) as ResultRow | undefined;
/** What the rules last decided for an order, as the re-evaluation compares it. */
export const selectResultSignatures = (db: Db, idsJson: string) =>
  prep(db, "SELECT order_id id, fired || '|' || COALESCE(tags, '') || '|' || COALESCE(packer_note, '') sig FROM rule_results WHERE order_id IN (SELECT value FROM json_each(?))").all(idsJson) as { id: string; sig: string }[];

/**
 * `count`: a change of the order (counted) or a re-evaluation after a rule change (not counted).
 * Answers the order's plan memory (plan_by_rules: what the rules changed of its plan), read in the same statement.
 */
export function upsertResult(db: Db, r: { orderId: string; at: string; fired: string; tags: string | null; packerNote: string | null; count: boolean }): string | null {
  return prep(db, `INSERT INTO rule_results (order_id, evaluations, evaluated_at, fired, tags, packer_note) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (order_id) DO UPDATE SET evaluations = rule_results.evaluations + excluded.evaluations, evaluated_at = excluded.evaluated_at, fired = excluded.fired, tags = excluded.tags, packer_note = excluded.packer_note
    RETURNING plan_by_rules`).pluck().get(r.orderId, r.count ? 1 : 0, r.at, r.fired, r.tags, r.packerNote) as string | null;
}
export const setPlanMemory = (db: Db, orderId: string, json: string | null) => void prep(db, 'UPDATE rule_results SET plan_by_rules = ? WHERE order_id = ?').run(json, orderId);

/** New orders' first results (evaluated once, on arrival); `plan`: the plan memory when a rule set the plan it was written with. */
export interface NewResult { orderId: string; fired: string; tags: string | null; packerNote: string | null; plan: string | null }
/** Rows per insert statement: a batch of the intake thread (10) in one, an import's 1,000 in a few dozen. */
const RESULTS_PER_INSERT = 32;
const insertResultsSql = (n: number) =>
  `INSERT INTO rule_results (order_id, evaluations, evaluated_at, fired, tags, packer_note, plan_by_rules) VALUES ${Array.from({ length: n }, () => '(?, 1, ?, ?, ?, ?, ?)').join(', ')}`;
export function insertResults(db: Db, at: string, rows: readonly NewResult[]): void {
  for (let i = 0; i < rows.length; i += RESULTS_PER_INSERT) {
    const chunk = rows.slice(i, i + RESULTS_PER_INSERT);
    const args: (string | null)[] = [];
    for (const r of chunk) args.push(r.orderId, at, r.fired, r.tags, r.packerNote, r.plan);
    prep(db, insertResultsSql(chunk.length)).run(...args);
  }
}

// --- faces: a rule's id, name and actions as orders' results name them (fired.ts) ----------------------

export interface FaceRow { id: number; rule_id: string; name: string; actions: string }
export const selectFaces = (db: Db) => prep(db, 'SELECT id, rule_id, name, actions FROM rule_faces').all() as FaceRow[];
/** Adds a face (ids 1, 2, ... in the writer's order), or finds the one another connection added. */
export function insertFace(db: Db, ruleId: string, name: string, actions: string): FaceRow {
  prep(db, 'INSERT INTO rule_faces (id, rule_id, name, actions) SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ? FROM rule_faces WHERE TRUE ON CONFLICT (rule_id, name, actions) DO NOTHING').run(ruleId, name, actions);
  return prep(db, 'SELECT id, rule_id, name, actions FROM rule_faces WHERE rule_id = ? AND name = ? AND actions = ?').get(ruleId, name, actions) as FaceRow;
}

export interface HoldRow { order_id: string; rule_id: string; type: string; reason: string; held_at: string; release_at: string | null; release_when_clear: number; state: 'held' | 'released' | 'released_by_person' }
export const selectHolds = (db: Db, orderId: string) => prep(db, 'SELECT * FROM rule_holds WHERE order_id = ? ORDER BY held_at').all(orderId) as HoldRow[];
export function insertHold(db: Db, h: Omit<HoldRow, 'state'>): void {
  prep(db, "INSERT INTO rule_holds (order_id, rule_id, type, reason, held_at, release_at, release_when_clear, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'held')")
    .run(h.order_id, h.rule_id, h.type, h.reason, h.held_at, h.release_at, h.release_when_clear);
}
export const setHoldState = (db: Db, orderId: string, ruleId: string, state: HoldRow['state']) =>
  void prep(db, 'UPDATE rule_holds SET state = ? WHERE order_id = ? AND rule_id = ?').run(state, orderId, ruleId);
/** A person released the order: its rule holds are over, and those rules do not hold it again. */
export const setHoldsReleasedByPerson = (db: Db, orderId: string) =>
  void prep(db, "UPDATE rule_holds SET state = 'released_by_person' WHERE order_id = ? AND state = 'held'").run(orderId);
export const selectDueHolds = (db: Db, now: string, limit: number) =>
  prep(db, "SELECT * FROM rule_holds WHERE state = 'held' AND release_at IS NOT NULL AND release_at <= ? LIMIT ?").all(now, limit) as HoldRow[];

// --- the follower's place in the event log --------------------------------------------------------

export const selectCursor = (db: Db) => prep(db, 'SELECT event_id FROM rule_cursor WHERE id = 1').pluck().get() as number;
export const setCursor = (db: Db, eventId: number) => void prep(db, 'UPDATE rule_cursor SET event_id = ? WHERE id = 1').run(eventId);
export const selectNewestEventId = (db: Db) => prep(db, 'SELECT COALESCE(MAX(id), 0) FROM events').pluck().get() as number;
/**
 * Changes of orders in (afterId, uptoId]: order events other than their creation (the rules ran on
 * that in its own transaction) and the rules' own (`rulesActor`: they are no change to run for).
 */
export function selectOrderChangesBetween(db: Db, afterId: number, uptoId: number, rulesActor: string, limit: number): { id: number; type: string; entity_id: string }[] {
  return prep(db, "SELECT id, type, entity_id FROM events WHERE id > ? AND id <= ? AND entity = 'order' AND type != 'order.created' AND actor != ? ORDER BY id LIMIT ?")
    .all(afterId, uptoId, rulesActor, limit) as { id: number; type: string; entity_id: string }[];
}
/** The newest event id among the first `limit` after `afterId` (order or not): where the cursor may move. */
export const selectEventIdAt = (db: Db, afterId: number, limit: number) =>
  prep(db, 'SELECT MAX(id) upto, COUNT(*) n FROM (SELECT id FROM events WHERE id > ? ORDER BY id LIMIT ?)').get(afterId, limit) as { upto: number | null; n: number };
/** Who put the order on hold last (a rule, or a person). */
export const selectLastHoldActor = (db: Db, orderId: string) =>
  prep(db, "SELECT actor FROM events WHERE entity_id = ? AND type = 'order.hold' ORDER BY id DESC LIMIT 1").pluck().get(orderId) as string | undefined;

// --- settings and presale -------------------------------------------------------------------------

export const selectSetting = (db: Db, key: string) => prep(db, 'SELECT value FROM rule_settings WHERE key = ?').pluck().get(key) as string | undefined;
export const putSetting = (db: Db, key: string, value: string) =>
  void prep(db, 'INSERT INTO rule_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
export const selectPresale = (db: Db) =>
  prep(db, 'SELECT skus.sku, presale_skus.stock_date stockDate FROM presale_skus JOIN skus ON skus.id = presale_skus.sku_id ORDER BY skus.sku').all() as { sku: string; stockDate: string }[];
/** The list is replaced whole, so its generation moves here (the rules' cache holds the list too). */
export function deletePresale(db: Db): void {
  prep(db, 'DELETE FROM presale_skus').run();
  nextGeneration(db);
}
export const insertPresale = (db: Db, skuId: string, stockDate: string) => void prep(db, 'INSERT INTO presale_skus (sku_id, stock_date) VALUES (?, ?)').run(skuId, stockDate);

// --- the lead's queue -----------------------------------------------------------------------------

export interface FlagRow { id: string; order_id: string; kind: 'unassigned' | 'stuck' | 'conflict'; state_at_flag: OrderState; since: string; minutes: number; state: 'open' | 'resolved'; created_at: string; resolved_at: string | null; resolved_by: string | null; decision: string | null; order_number: string; order_state: OrderState }
const FLAG_SELECT = 'SELECT order_flags.*, orders.number order_number, orders.state order_state FROM order_flags JOIN orders ON orders.id = order_flags.order_id';
export const selectFlag = (db: Db, id: string) => prep(db, `${FLAG_SELECT} WHERE order_flags.id = ?`).get(id) as FlagRow | undefined;
export function selectFlags(db: Db, state: 'open' | 'resolved', kind: string | undefined, limit: number): FlagRow[] {
  return kind
    ? prep(db, `${FLAG_SELECT} WHERE order_flags.state = ? AND order_flags.kind = ? ORDER BY order_flags.created_at DESC LIMIT ?`).all(state, kind, limit) as FlagRow[]
    : prep(db, `${FLAG_SELECT} WHERE order_flags.state = ? ORDER BY order_flags.kind = 'conflict' DESC, order_flags.created_at DESC LIMIT ?`).all(state, limit) as FlagRow[];
}
export const countOpenFlags = (db: Db) => prep(db, "SELECT kind, COUNT(*) n FROM order_flags WHERE state = 'open' GROUP BY kind").all() as { kind: FlagRow['kind']; n: number }[];
export const selectOpenFlagOf = (db: Db, orderId: string, kind: string) => prep(db, "SELECT id FROM order_flags WHERE order_id = ? AND kind = ? AND state = 'open'").pluck().get(orderId, kind) as string | undefined;
export function insertFlag(db: Db, f: { id: string; orderId: string; kind: FlagRow['kind']; stateAtFlag: OrderState; since: string; minutes: number; at: string }): boolean {
  return prep(db, "INSERT INTO order_flags (id, order_id, kind, state_at_flag, since, minutes, state, created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?) ON CONFLICT DO NOTHING")
    .run(f.id, f.orderId, f.kind, f.stateAtFlag, f.since, f.minutes, f.at).changes > 0;
}
export const resolveFlagRow = (db: Db, id: string, r: { at: string; by: string; decision: string }) =>
  void prep(db, "UPDATE order_flags SET state = 'resolved', resolved_at = ?, resolved_by = ?, decision = ? WHERE id = ? AND state = 'open'").run(r.at, r.by, r.decision, id);

/**
 * A page of the sweep's walk over one state's orders, by id after `afterId` (the orders_state index,
 * state then id): each with `due` when it has been still since `before` or longer and is not flagged
 * `kind` for that stay yet. A page reads at most `page` orders, however few are due: a write job of
 * the sweep stays short on any shop.
 */
export function selectQuietPage(db: Db, kind: string, state: OrderState, afterId: string, before: string, page: number): { id: string; state: OrderState; updated_at: string; due: number }[] {
  return prep(db, `SELECT o.id, o.state, o.updated_at, CASE WHEN o.updated_at <= ? AND NOT EXISTS (SELECT 1 FROM order_flags f WHERE f.order_id = o.id AND f.kind = ? AND f.since = o.updated_at) THEN 1 ELSE 0 END due
    FROM (SELECT id, state, updated_at FROM orders WHERE state = ? AND id > ? ORDER BY id LIMIT ?) o ORDER BY o.id`)
    .all(before, kind, state, afterId, page) as { id: string; state: OrderState; updated_at: string; due: number }[];
}
/**
 * A page of the open unassigned/stuck flags by (order, kind) after `after` (order_flags_open_walk: a range, no sort),
 * each with `moved` when its order has left the state it was flagged in (the flag clears by itself).
 */
export function selectOpenFlagsPage(db: Db, after: { orderId: string; kind: string }, page: number): { id: string; order_id: string; kind: string; moved: number }[] {
  return prep(db, `SELECT f.id, f.order_id, f.kind, CASE WHEN o.state != f.state_at_flag OR o.updated_at > f.since THEN 1 ELSE 0 END moved
    FROM order_flags f JOIN orders o ON o.id = f.order_id
    WHERE f.state = 'open' AND f.kind != 'conflict' AND f.order_id >= ? AND (f.order_id > ? OR f.kind > ?) ORDER BY f.order_id, f.kind LIMIT ?`)
    .all(after.orderId, after.orderId, after.kind, page) as { id: string; order_id: string; kind: string; moved: number }[];
}

// --- instructions ---------------------------------------------------------------------------------

export interface InstructionRow { id: string; order_id: string; kind: 'cancel' | 'expedite' | 'address'; body: string; at: string; actor: string; outcome: 'applied' | 'frozen' | 'refused'; flag_id: string | null }
export const selectInstructionsSince = (db: Db, orderId: string, since: string) =>
  prep(db, 'SELECT * FROM order_instructions WHERE order_id = ? AND at >= ? ORDER BY at').all(orderId, since) as InstructionRow[];
export const selectInstructionsOfFlag = (db: Db, flagId: string) => prep(db, 'SELECT * FROM order_instructions WHERE flag_id = ? ORDER BY at').all(flagId) as InstructionRow[];
export function insertInstruction(db: Db, r: InstructionRow): void {
  prep(db, 'INSERT INTO order_instructions (id, order_id, kind, body, at, actor, outcome, flag_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(r.id, r.order_id, r.kind, r.body, r.at, r.actor, r.outcome, r.flag_id);
}
export const setInstructionFlag = (db: Db, id: string, flagId: string) => void prep(db, 'UPDATE order_instructions SET flag_id = ? WHERE id = ?').run(flagId, id);
