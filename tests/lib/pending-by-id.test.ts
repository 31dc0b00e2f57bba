import { describe, expect, it } from 'vitest';
import { PendingById } from '../../src-main/lib/pending-by-id';

describe('calls in flight by id (the intake thread\'s replies find their caller)', () => {
  it('gives each call its own id and hands its value back once', () => {
    const p = new PendingById<string>(4);
    const a = p.add('a');
    const b = p.add('b');
    expect(a).not.toBe(b);
    expect(p.size).toBe(2);
    expect(p.take(b)).toBe('b');
    expect(p.take(b)).toBeUndefined(); // a reply that came twice resolves nothing twice
    expect(p.take(999)).toBeUndefined(); // an id never given
    expect(p.take(a)).toBe('a');
    expect(p.size).toBe(0);
  });

  it('keeps an old call that is still waiting while thousands of later ones come and go', () => {
    const p = new PendingById<number>(4);
    const slow = p.add(-1);
    for (let i = 0; i < 5000; i++) expect(p.take(p.add(i))).toBe(i);
    const waiting = Array.from({ length: 50 }, (_, i) => p.add(i));
    expect(p.take(slow)).toBe(-1);
    expect(waiting.map((id) => p.take(id))).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('drains what is left oldest first, and ids after a drain are new', () => {
    const p = new PendingById<string>(2);
    const ids = ['a', 'b', 'c', 'd', 'e'].map((v) => p.add(v));
    p.take(ids[1]!);
    expect(p.drain()).toEqual(['a', 'c', 'd', 'e']);
    expect(p.size).toBe(0);
    expect(ids.map((id) => p.take(id))).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(ids).not.toContain(p.add('f'));
  });
});
