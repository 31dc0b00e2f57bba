// Which orders are the same buyer to the same door. A platform's merge key (an order code of kind
// "merge_key" a channel adapter records, e.g. an encrypted-address id) decides when both orders carry
// one; otherwise a fingerprint of the structured recipient (name, phone, full address), normalised so
// "广州市 天河区" and "广州市天河区" match. Never the buyer's note or any other free text.
import { createHash } from 'node:crypto';
import type { Address } from '../../../contract/orders';

/** Full-width to half-width, lower case, no spaces or punctuation: what two spellings of one address share. */
export const normalise = (s: string | undefined) => (s ?? '').normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');

/** A hash of the recipient: equal for the same person at the same address, and no personal data kept. */
export function addressFingerprint(a: Address): string {
  const digits = a.phone.replace(/\D/g, '');
  const parts = [a.name, digits, a.country, a.province, a.city, a.district, `${a.address1}${a.address2 ?? ''}`].map(normalise);
  return createHash('sha256').update(parts.join('\u0001')).digest('hex').slice(0, 32);
}

export interface MergeKey { key: string; by: 'platform' | 'address' }

export function mergeKey(shipTo: Address, platformKey: string | null): MergeKey {
  return platformKey ? { key: `p:${platformKey}`, by: 'platform' } : { key: `a:${addressFingerprint(shipTo)}`, by: 'address' };
}

/** What must match besides the key: one channel (its write-back rules), one warehouse, one carrier (one label). */
export interface MergeSide { id: string; channel: string; warehouseId: string | null; carrier: string | null; key: MergeKey }
export const mayMerge = (a: MergeSide, b: MergeSide) =>
  a.id !== b.id && a.key.key === b.key.key && a.channel === b.channel && a.warehouseId === b.warehouseId && a.carrier === b.carrier;
