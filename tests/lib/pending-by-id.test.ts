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

describe('calls in flight by id, under churn', () => {
  it('a call never answered is set aside: 100,000 later calls leave the ring as it was, and it is still found', () => {
    const p = new PendingById<string>(16);
    const stuck = p.add('stuck');
    for (let i = 0; i < 100_000; i++) expect(p.take(p.add(`v${i}`))).toBe(`v${i}`);
    expect(p.capacity).toBe(16);
    expect(p.size).toBe(1);
    expect(p.take(stuck)).toBe('stuck');
    expect(p.size).toBe(0);
  });

  it('20,000 calls, many in flight, answered in any order: each value comes back once, and what is left drains oldest first', () => {
    const p = new PendingById<number>(4);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const waiting: { id: number; value: number }[] = [];
    const answered = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      waiting.push({ id: p.add(i), value: i });
      while (waiting.length > 0 && random() < 0.45) {
        const [w] = waiting.splice(Math.floor(random() * Math.min(waiting.length, 300)), 1);
        expect(p.take(w!.id)).toBe(w!.value);
        expect(answered.has(w!.value)).toBe(false);
        answered.add(w!.value);
      }
    }
    expect(p.size).toBe(waiting.length);
    expect(p.drain()).toEqual(waiting.map((w) => w.value).sort((a, b) => a - b));
  });

  it('refuses a ring without slots', () => {
    expect(() => new PendingById(0)).toThrow(RangeError);
  });
});
