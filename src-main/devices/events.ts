// A tiny typed event emitter: listeners get typed arguments and `on` returns its own unsubscribe,
// which is what an HTTP/WebSocket layer or a React effect wants.

export type EventMap = Record<string, unknown[]>;
type Listener<A extends unknown[]> = (...args: A) => void;

export class Emitter<E extends EventMap> {
  private listeners = new Map<keyof E, Set<Listener<never[]>>>();

  on<K extends keyof E>(event: K, fn: Listener<E[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn as unknown as Listener<never[]>);
    return () => this.off(event, fn);
  }

  once<K extends keyof E>(event: K, fn: Listener<E[K]>): () => void {
    const off = this.on(event, ((...a: E[K]) => {
      off();
      fn(...a);
    }) as Listener<E[K]>);
    return off;
  }

  off<K extends keyof E>(event: K, fn: Listener<E[K]>): void {
    this.listeners.get(event)?.delete(fn as unknown as Listener<never[]>);
  }

  protected emit<K extends keyof E>(event: K, ...args: E[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const fn of [...set]) (fn as unknown as Listener<E[K]>)(...args);
  }

  removeAllListeners(): void {
    this.listeners.clear();
  }
}

/** Driver connection state as a person reads it. `reason` says what to do when not connected. */
export type DriverStatus = 'connected' | 'waiting' | 'disconnected' | 'fault';
export interface DriverState {
  status: DriverStatus;
  reason?: string;
  since: number;
}
