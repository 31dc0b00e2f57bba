// What a scan does, by what it is and where the bench stands: a badge logs in, a command acts,
// an item goes into the parcel, anything else names the next order. A code that turns out to be
// none of these may be a staff badge of someone on the bench (shift.ts unknownCode): never an error.
import { commandScan, setAside, skip } from './commands';
import { mayEchoScan, parseCommand } from '../../contract/pack';
import { msg } from '../../contract/pack-messages';
import type { Flow } from './flow';
import { note, refuse } from './feedback';
import { startParcel } from './order';
import { scanInParcel } from './parcel';
import { badgeLogin, logout } from './shift';
import { orderView } from './state';
import { leadClears, ORDER_STOPS } from './stops';
import { leadOverride, overrideAgain } from './weigh';

export async function handleScan(f: Flow, code: string): Promise<void> {
  if (!code) return;
  f.armIdle();
  const cmd = parseCommand(code);
  const s = f.s;

  if (!s.operator) {
    if (cmd) return refuse(f, code, 'not_allowed', msg('nobodyLoggedIn'), msg('scanBadgeFirst'));
    return badgeLogin(f, code);
  }
  if (cmd?.kind === 'command' && cmd.command === 'logout') return logout(f, msg('loggedOut', { name: s.operator.name }));

  // A stop that only a lead can clear: a lead's badge lets the weight pass or takes the stopped order
  // off the bench; a skip sets a weighed parcel aside for the lead; nothing else gets past it.
  if (s.alert?.needs === 'lead') {
    // a crash cut a lead's override short: only their badge again finishes that parcel
    const overrideCut = s.phase === 'label' && s.confirming?.override && !s.confirming.override.badge;
    if (overrideCut) return cmd ? refusedDuringStop(f, code) : overrideAgain(f, code);
    const weightStop = s.pendingWeightG !== null && !ORDER_STOPS.includes(s.alert.kind);
    if (cmd?.kind === 'command' && cmd.command === 'skip') {
      if (weightStop) return setAside(f, code);
      return refuse(f, code, s.alert.kind, msg('onlyLeadClears'), s.alert.action, false);
    }
    if (cmd) return refusedDuringStop(f, code);
    return weightStop ? leadOverride(f, code) : leadClears(f, code);
  }
  if (s.alert?.needs === 'none' && ORDER_STOPS.includes(s.alert.kind)) {
    if (cmd?.kind === 'command' && cmd.command === 'skip') return skip(f, code);
    return refusedDuringStop(f, code);
  }
  if (s.alert?.needs === 'scan') s.alert = null; // acknowledged by the next scan, which still counts

  if (cmd?.kind === 'quantity') {
    s.multiplier = cmd.times;
    return note(f, code, 'info', msg('nextCountsTimes', { times: cmd.times }));
  }
  if (cmd?.kind === 'command') return commandScan(f, cmd.command, code);

  if (s.phase === 'verify' || s.phase === 'weigh') return scanInParcel(f, code);
  if (s.phase === 'done') {
    // scanning the printed label checks it went on the box just packed
    const label = s.labels.find((l) => l.waybill.toUpperCase() === code.toUpperCase());
    const last = s.labels.at(-1);
    if (label && label === last) return note(f, code, 'ok', msg('labelRightBox', { code }));
    if (label) return refuse(f, code, 'wrong_order', msg('labelEarlierParcel', { code, last: last?.waybill ?? '' }), msg('takeLabelOff'));
  }
  return startParcel(f, code);
}

/**
 * A scan while the bench is stopped is not taken, and says so (the screen shows and sounds it):
 * the stop and what clears it stay as they are. A code that may be somebody's badge (mayEchoScan)
 * is said and journaled without the code, as a badge login is.
 */
function refusedDuringStop(f: Flow, code: string): void {
  if (mayEchoScan(code, orderView(f.s))) return note(f, code, 'error', msg('scanDuringStop', { code }));
  note(f, '', 'error', msg('scanDuringStopNoCode'));
}
