// The bench's phases as a transition table, like contract/state-machine.ts for orders: an event
// names the phases it may happen in and the phase it leads to. Every phase change goes through
// moveTo, so a path the table does not know fails loudly instead of leaving the bench half-way.
import { PackPhase } from '../../contract/pack';

interface Transition {
  from: readonly PackPhase[];
  to: PackPhase;
}

/** The phases an operator scans in (a label is confirmed inside one input, never between two). */
const WORKING: readonly PackPhase[] = ['idle', 'verify', 'weigh', 'done'];

export const BENCH_TRANSITIONS = {
  operatorIn: { from: ['login'], to: 'idle' },
  /** an order left on the bench at a logout waits for the next operator */
  operatorBackToOrder: { from: ['login'], to: 'verify' },
  /** also from login: an idle timer may fire after a logout */
  logout: { from: PackPhase.options, to: 'login' },
  orderStarted: { from: ['idle', 'done'], to: 'verify' },
  /** every item scanned, or a new-box command; from weigh when an item completes a box already on the scale */
  itemsIn: { from: ['verify', 'weigh'], to: 'weigh' },
  /** in tolerance, or a lead let it pass: the core confirms, the label prints */
  weightAccepted: { from: ['weigh'], to: 'label' },
  lastParcelLabelled: { from: ['label'], to: 'done' },
  nextBox: { from: ['label'], to: 'verify' },
  /** the core did not answer, or refused the weight or the override: weigh again */
  confirmRefused: { from: ['label'], to: 'weigh' },
  /** cancelled, held or changed at the core while on the bench: nothing prints */
  orderStopped: { from: ['weigh', 'label'], to: 'verify' },
  /** an item scan for the put wall after the last parcel: that parcel has left the bench */
  parcelLeft: { from: ['done'], to: 'idle' },
  skipped: { from: WORKING, to: 'idle' },
  voided: { from: WORKING, to: 'idle' },
  shortReported: { from: ['verify', 'weigh'], to: 'idle' },
} as const satisfies Record<string, Transition>;

export type BenchEvent = keyof typeof BENCH_TRANSITIONS;

/** Moves the bench on by `event`; refuses (throws) when the table has no such move from here. */
export function moveTo(s: { phase: PackPhase }, event: BenchEvent): void {
  const t: Transition = BENCH_TRANSITIONS[event];
  if (!t.from.includes(s.phase)) throw new Error(`the bench cannot move by "${event}" in phase ${s.phase} (only from ${t.from.join(', ')})`);
  s.phase = t.to;
}
