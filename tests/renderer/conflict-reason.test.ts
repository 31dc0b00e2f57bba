// A frozen order's reason is kept in English in the log and said in the screen's language: the
// screen finds the two instructions in the text the core wrote (contract/rules.ts), or leaves it be.
import { describe, expect, it } from 'vitest';
import { conflictIn, conflictReason } from '../../src-main/contract/rules';

describe('conflictIn', () => {
  it('reads back both instructions of the reason the core writes', () => {
    const a = { kind: 'expedite', at: '2026-12-05T01:12:01.891Z' };
    const b = { kind: 'cancel', at: '2026-12-05T01:12:01.892Z' };
    expect(conflictIn(conflictReason(a, b))).toEqual([a, b]);
  });

  it('leaves any other reason alone', () => {
    expect(conflictIn('customer asked to wait')).toBeNull();
    expect(conflictIn('frozen for a lead: because')).toBeNull();
  });
});
