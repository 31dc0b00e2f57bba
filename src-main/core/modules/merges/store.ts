// SQL of merging: merge_settings, merged_orders. It reads orders and their lines (a buyer's other
// open orders, found on the phone index) and never writes them.
import { prep, type Db } from '../../store/db';
import type { OrderState } from '../../../contract/orders';

export const selectMergeSetting = (db: Db, key: string) => prep(db, 'SELECT value FROM merge_settings WHERE key = ?').pluck().get(key) as string | undefined;
export const putMergeSetting = (db: Db, key: string, value: string) =>
  void prep(db, 'INSERT INTO merge_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);

export interface MergedRow { order_id: string; host_id: string; by: 'platform' | 'address'; joined_at: string }
export const selectMergedRow = (db: Db, orderId: string) => prep(db, 'SELECT * FROM merged_orders WHERE order_id = ?').get(orderId) as MergedRow | undefined;
/** The host first, then the others in the order they joined. */
export const selectMembers = (db: Db, hostId: string) =>
  prep(db, 'SELECT * FROM merged_orders WHERE host_id = ? ORDER BY order_id = host_id DESC, joined_at, order_id').all(hostId) as MergedRow[];
export const selectHosts = (db: Db, limit: number) => prep(db, 'SELECT DISTINCT host_id FROM merged_orders LIMIT ?').pluck().all(limit) as string[];
export const insertMerged = (db: Db, r: MergedRow) =>
  void prep(db, 'INSERT INTO merged_orders (order_id, host_id, by, joined_at) VALUES (?, ?, ?, ?)').run(r.order_id, r.host_id, r.by, r.joined_at);
export const deleteMerged = (db: Db, orderId: string) => void prep(db, 'DELETE FROM merged_orders WHERE order_id = ?').run(orderId);
export const deleteShipment = (db: Db, hostId: string) => void prep(db, 'DELETE FROM merged_orders WHERE host_id = ?').run(hostId);

/** What merging compares of an order (ship_to is JSON; phone_digits the indexed phone). */
export interface MergeFactRow { id: string; number: string; channel: string; external_id: string; state: OrderState; ship_to: string; carrier: string | null; warehouse_id: string | null; phone_digits: string | null; created_at: string; units: number; platform_key: string | null; wave_id: string | null }
const FACTS = `SELECT id, number, channel, external_id, state, ship_to, carrier, warehouse_id, phone_digits, created_at,
  (SELECT COALESCE(SUM(qty), 0) FROM order_lines WHERE order_id = orders.id) units,
  (SELECT code FROM order_codes WHERE order_id = orders.id AND kind = 'merge_key' LIMIT 1) platform_key,
  (SELECT wave_id FROM wave_orders WHERE order_id = orders.id AND member = 'active') wave_id FROM orders`;
export const selectMergeFacts = (db: Db, id: string) => prep(db, `${FACTS} WHERE id = ?`).get(id) as MergeFactRow | undefined;
/** The same phone's orders in these states (a buyer's few open orders, on the phone index). */
export const selectSamePhone = (db: Db, phone: string, statesJson: string, limit: number) =>
  prep(db, `${FACTS} WHERE phone_digits = ? AND state IN (SELECT value FROM json_each(?)) ORDER BY created_at, id LIMIT ?`).all(phone, statesJson, limit) as MergeFactRow[];
/** Phones with more than one order in these states: the buyers whose orders may merge (the list screen). */
export const selectSharedPhones = (db: Db, statesJson: string, limit: number) =>
  prep(db, 'SELECT phone_digits FROM orders WHERE state IN (SELECT value FROM json_each(?)) AND phone_digits IS NOT NULL GROUP BY phone_digits HAVING COUNT(*) > 1 LIMIT ?').pluck().all(statesJson, limit) as string[];
/**
 * Every order in these states whose phone another such order shares, not in a merged parcel yet: the
 * orders that may merge, in one read (wave planning groups them; per order lookups cost seconds).
 */
export const selectMergeCandidates = (db: Db, statesJson: string) =>
  prep(db, `${FACTS} WHERE state IN (SELECT value FROM json_each(?)) AND phone_digits IN (
      SELECT phone_digits FROM orders WHERE state IN (SELECT value FROM json_each(?)) AND phone_digits IS NOT NULL GROUP BY phone_digits HAVING COUNT(*) > 1)
    AND id NOT IN (SELECT order_id FROM merged_orders) ORDER BY created_at, id`).all(statesJson, statesJson) as MergeFactRow[];
