import type { OrderAction, OrderState } from './orders';

// The order state machine of DESIGN.md. An action names the states it may start from and the
// state it leads to; "resume" means back to the state the order was in before hold/exception.
interface Transition {
  from: readonly OrderState[];
  to: OrderState | 'resume';
}

const ACTIVE: readonly OrderState[] = ['new', 'ready', 'allocated', 'in_wave', 'picked', 'packing'];

export const TRANSITIONS: Record<OrderAction, Transition> = {
  allocate: { from: ['new', 'ready'], to: 'allocated' },
  deallocate: { from: ['allocated'], to: 'ready' },
  add_to_wave: { from: ['allocated'], to: 'in_wave' },
  mark_picked: { from: ['in_wave'], to: 'picked' },
  remove_from_wave: { from: ['in_wave', 'picked'], to: 'allocated' }, // pulled out of its wave, back to the pool
  start_packing: { from: ['allocated', 'in_wave', 'picked'], to: 'packing' },
  mark_packed: { from: ['packing'], to: 'packed' },
  reopen_packing: { from: ['packed'], to: 'packing' },
  ship: { from: ['packed'], to: 'shipped' },
  hold: { from: ACTIVE, to: 'on_hold' },
  release: { from: ['on_hold'], to: 'resume' },
  raise_exception: { from: ['in_wave', 'picked', 'packing', 'packed'], to: 'exception' },
  resolve_exception: { from: ['exception'], to: 'resume' },
  cancel: { from: [...ACTIVE, 'on_hold', 'exception', 'packed'], to: 'cancelled' },
  return: { from: ['shipped'], to: 'returned' },
};

/** Actions only the core takes as part of another action (reopen_packing: a voided parcel of a packed order). */
export const INTERNAL_ACTIONS = ['reopen_packing'] as const satisfies readonly OrderAction[];

/** Actions a person may take on an order in this state (for buttons in the UI). */
export function allowedActions(state: OrderState): OrderAction[] {
  return (Object.keys(TRANSITIONS) as OrderAction[]).filter((a) => TRANSITIONS[a].from.includes(state) && !(INTERNAL_ACTIONS as readonly OrderAction[]).includes(a));
}
