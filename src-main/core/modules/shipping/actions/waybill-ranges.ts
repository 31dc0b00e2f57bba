// Number ranges a carrier hands the shop: adding one (never overlapping another's numbers) and
// stopping or resuming one. Each runs in its own IMMEDIATE transaction, as callers outside a write
// job (the demo seed, tests) rely on.
import { monotonicFactory } from 'ulid';
import { CHECK_SCHEMES, type CheckScheme } from '../../../../contract/check-digits';
import type { Clock } from '../../../../lib/clock';
import { AppError, fail, issue } from '../../../../lib/errors';
import { describeIssues, type FieldIssue } from '../../../../contract/errors';
import { said } from '../../../../contract/field-messages';
import type { Db } from '../../../store/db';
import { appendEvent, type Actor } from '../../../store/events';
import { insertWaybillRange, overlappingRange, setRangeActive } from '../store';
import { getWaybillRange, type WaybillRange } from '../queries';

const nextUlid = monotonicFactory();

export interface AddRangeInput {
  carrier: string;
  scheme: CheckScheme;
  prefix?: string;
  suffix?: string;
  /** Digits of the serial (S10: always 8). */
  width: number;
  first: number;
  last: number;
  /** Warn when this many numbers or fewer are left (default 100). */
  lowWater?: number;
}

/**
 * Adds a number range for a carrier. Refuses a range whose numbers could repeat another range's
 * (same carrier, scheme, prefix and suffix, overlapping serials). Records 'waybill_range.added'.
 */
export function addWaybillRange(db: Db, clock: Clock, input: AddRangeInput, actor: Actor): WaybillRange {
  const prefix = input.prefix ?? '';
  const suffix = input.suffix ?? '';
  // each problem on its field, so the form names it by its label; the refusal's message is its issues
  const problems: FieldIssue[] = [];
  if (!input.carrier.trim()) problems.push(issue('carrier', said('required')));
  if (!CHECK_SCHEMES.includes(input.scheme)) problems.push(issue('scheme', said('oneOf', { options: CHECK_SCHEMES.join(', ') })));
  if (!Number.isSafeInteger(input.first) || !Number.isSafeInteger(input.last) || input.first < 0 || input.first > input.last) problems.push(issue('first', said('rangeFirstLast')));
  if (!Number.isInteger(input.width) || input.width < 1 || input.width > 18) problems.push(issue('width', said('rangeWidth')));
  else if (String(input.last).length > input.width) problems.push(issue('last', said('rangeLastTooWide', { width: input.width })));
  if (input.scheme === 's10') {
    if (!/^[A-Z]{2}$/.test(prefix)) problems.push(issue('prefix', said('s10Prefix')));
    if (!/^[A-Z]{2}$/.test(suffix)) problems.push(issue('suffix', said('s10Suffix')));
    if (input.width !== 8) problems.push(issue('width', said('s10Width')));
  }
  if (problems.length) fail('validation', describeIssues(problems), problems);

  return db.transaction(() => {
    const overlap = overlappingRange(db, { carrier: input.carrier, scheme: input.scheme, prefix, suffix, width: input.width, first: input.first, last: input.last });
    if (overlap) throw new AppError('conflict', said('rangeOverlaps', { first: input.first, last: input.last, carrier: input.carrier, other: overlap.id }));
    const id = `wbr_${nextUlid(clock.now())}`;
    insertWaybillRange(db, { id, carrier: input.carrier, scheme: input.scheme, prefix, suffix, width: input.width, first: input.first, last: input.last, lowWater: input.lowWater ?? 100, createdAt: clock.iso() });
    appendEvent(db, clock, { type: 'waybill_range.added', entity: 'waybill_range', entityId: id, actor, data: { carrier: input.carrier, scheme: input.scheme, first: input.first, last: input.last } });
    return getWaybillRange(db, id);
  }).immediate();
}

/** Stops (or resumes) handing out numbers from a range; its issued numbers stay issued. */
export function setWaybillRangeActive(db: Db, clock: Clock, id: string, active: boolean, actor: Actor): WaybillRange {
  return db.transaction(() => {
    getWaybillRange(db, id);
    setRangeActive(db, id, active);
    appendEvent(db, clock, { type: active ? 'waybill_range.activated' : 'waybill_range.deactivated', entity: 'waybill_range', entityId: id, actor });
    return getWaybillRange(db, id);
  }).immediate();
}
