// Calls in flight to another thread, by the id each was given: a ring of slots, not a Map.
//
// Why not a Map: V8 replaces a Map's hash table as entries come and go, and leaves each replaced
// table pointing at its successor. Once one table of a busy Map has lived long enough to be moved
// to the old generation, every later table (and every value in them) stays reachable from it for
// each young-generation collection, is copied and then promoted, until a full collection. With an
// order's input in each value, that was ~1 MB promoted per scavenge on the core's event loop at
// 4,000 orders/s, and 5-25 ms scavenges instead of 1 ms (bench/event-loop-gc.bench.ts).
// A ring allocated once is old itself: its slots are written and cleared, nothing chains.

export class PendingById<T extends NonNullable<unknown>> {
  private ids: Float64Array;
  private values: (T | undefined)[];
  /** Calls still waiting when the ring came round to their slot again: few (a Map that rarely changes). */
  private readonly late = new Map<number, T>();
  private count = 0;
  private nextId = 1;

  constructor(capacity = 1024) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`a ring of ${capacity} slots: give at least 1`);
    this.ids = new Float64Array(capacity);
    this.values = new Array<T | undefined>(capacity).fill(undefined);
  }

  get size(): number {
    return this.count + this.late.size;
  }

  /** Keeps `value` under a new id, which it returns. */
  add(value: T): number {
    const id = this.nextId++;
    for (let slot = id % this.values.length; this.values[slot] !== undefined; slot = id % this.values.length) {
      // Most slots taken: the ring is too small for the calls in flight, double it. Else one call
      // is slow (or never answered): set it aside, so it does not grow the ring with every lap.
      if (this.count * 2 >= this.values.length) this.grow();
      else {
        this.late.set(this.ids[slot]!, this.values[slot]!);
        this.values[slot] = undefined;
        this.count--;
      }
    }
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
    if (value !== undefined && this.ids[slot] === id) {
      this.values[slot] = undefined;
      this.count--;
      return value;
    }
    const late = this.late.get(id);
    if (late !== undefined) this.late.delete(id);
    return late;
  }

  /** Every value still kept, oldest first, all removed. */
  drain(): T[] {
    const kept = [...this.kept(), ...this.late];
    this.values.fill(undefined);
    this.late.clear();
    this.count = 0;
    return kept.sort((a, b) => a[0] - b[0]).map(([, value]) => value);
  }

  private kept(): [number, T][] {
    const kept: [number, T][] = [];
    for (let slot = 0; slot < this.values.length; slot++) {
      const value = this.values[slot];
      if (value !== undefined) kept.push([this.ids[slot]!, value]);
    }
    return kept;
  }

  /** Doubles the ring: ids in different slots stay in different slots (distinct modulo n, distinct modulo 2n). */
  private grow(): void {
    const kept = this.kept();
    const capacity = this.values.length * 2;
    this.ids = new Float64Array(capacity);
    this.values = new Array<T | undefined>(capacity).fill(undefined);
    for (const [id, value] of kept) {
      this.ids[id % capacity] = id;
      this.values[id % capacity] = value;
    }
  }

  /** Slots in the ring (for tests: a call that is never answered must not grow it). */
  get capacity(): number {
    return this.values.length;
  }
}
