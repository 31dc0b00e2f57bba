// Calls in flight to another thread, by the id each was given: a ring of slots, not a Map.
//
// Why not a Map: V8 replaces a Map's hash table as entries come and go, and leaves each replaced
// table pointing at its successor. Once one table of a busy Map has lived long enough to be moved
// to the old generation, every later table (and every value in them) stays reachable from it for
// each young-generation collection, is copied and then promoted, until a full collection. With an
// order's input in each value, that was ~1 MB promoted per scavenge on the core's event loop at
// 4,000 orders/s, and 5-25 ms scavenges instead of 1 ms (bench/event-loop-gc.bench.ts).
// A ring allocated once is old itself: its slots are written and cleared, nothing chains.

export class PendingById<T> {
  private ids: Float64Array;
  private values: (T | undefined)[];
  private count = 0;
  private nextId = 1;

  constructor(capacity = 1024) {
    this.ids = new Float64Array(capacity);
    this.values = new Array<T | undefined>(capacity).fill(undefined);
  }

  get size(): number {
    return this.count;
  }

  /** Keeps `value` under a new id, which it returns. */
  add(value: T): number {
    const id = this.nextId++;
    if (this.values[id % this.values.length] !== undefined) this.grow(id);
    const slot = id % this.values.length;
    this.ids[slot] = id;
    this.values[slot] = value;
    this.count++;
    return id;
  }

  /** The value kept under `id`, removed; undefined when there is none (already taken, or never given). */
  take(id: number): T | undefined {
    const slot = id % this.values.length;
    const value = this.values[slot];
    if (value === undefined || this.ids[slot] !== id) return undefined;
    this.values[slot] = undefined;
    this.count--;
    return value;
  }

  /** Every value still kept, oldest first, all removed. */
  drain(): T[] {
    const kept: { id: number; value: T }[] = [];
    for (let slot = 0; slot < this.values.length; slot++) {
      const value = this.values[slot];
      if (value !== undefined) kept.push({ id: this.ids[slot]!, value });
    }
    this.values.fill(undefined);
    this.count = 0;
    return kept.sort((a, b) => a.id - b.id).map((k) => k.value);
  }

  /** A slot is still taken by an older call: double the ring until every kept id has a slot of its own. */
  private grow(id: number): void {
    const kept: { id: number; value: T }[] = [];
    for (let slot = 0; slot < this.values.length; slot++) {
      const value = this.values[slot];
      if (value !== undefined) kept.push({ id: this.ids[slot]!, value });
    }
    for (let capacity = this.values.length * 2; ; capacity *= 2) {
      const slots = new Set(kept.map((k) => k.id % capacity));
      if (slots.size === kept.length && !slots.has(id % capacity)) {
        this.ids = new Float64Array(capacity);
        this.values = new Array<T | undefined>(capacity).fill(undefined);
        for (const k of kept) {
          this.ids[k.id % capacity] = k.id;
          this.values[k.id % capacity] = k.value;
        }
        return;
      }
    }
  }
}
