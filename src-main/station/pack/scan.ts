// What a scan does, by what it is and where the bench stands: a badge logs in, a command acts,
// an item goes into the parcel, anything else names the next order.
import { commandScan, setAside, skip } from './commands';
import type { Flow } from './flow';
import { note, refuse } from './feedback';
import { startParcel } from './order';
import { scanInParcel } from './parcel';
import { parseCommand } from './rules';
import { badgeLogin, logout } from './shift';
import { leadClears, ORDER_STOPS } from './stops';
import { leadOverride, overrideAgain } from './weigh';

export async function handleScan(f: Flow, code: string): Promise<void> {
  if (!code) return;
  f.armIdle();
  const cmd = parseCommand(code);
  const s = f.s;

  if (!s.operator) {
    if (cmd) return refuse(f, code, 'not_allowed', 'nobody is logged in on this bench', 'scan your badge first');
    return badgeLogin(f, code);
  }
  if (cmd?.kind === 'command' && cmd.command === 'logout') return logout(f, `${s.operator.name} logged out`);

  // A stop that only a lead can clear: a lead's badge lets the weight pass or takes the stopped order
  // off the bench; a skip sets a weighed parcel aside for the lead; nothing else gets past it.
  if (s.alert?.needs === 'lead') {
    // a crash cut a lead's override short: only their badge again finishes that parcel
    const overrideCut = s.phase === 'label' && s.confirming?.override && !s.confirming.override.badge;
    if (overrideCut) return cmd ? refuse(f, code, s.alert.kind, s.alert.message, s.alert.action, false) : overrideAgain(f, code);
    const weightStop = s.pendingWeightG !== null && !ORDER_STOPS.includes(s.alert.kind);
    if (cmd?.kind === 'command' && cmd.command === 'skip') {
      if (weightStop) return setAside(f, code);
      return refuse(f, code, s.alert.kind, 'only a lead can clear this stop: a lead scans their badge', s.alert.action, false);
    }
    if (cmd) return refuse(f, code, s.alert.kind, s.alert.message, s.alert.action, false);
    return weightStop ? leadOverride(f, code) : leadClears(f, code);
  }
  if (s.alert?.needs === 'none' && ORDER_STOPS.includes(s.alert.kind)) {
    if (cmd?.kind === 'command' && cmd.command === 'skip') return skip(f, code);
    return refuse(f, code, s.alert.kind, s.alert.message, s.alert.action, false);
  }
  if (s.alert?.needs === 'scan') s.alert = null; // acknowledged by the next scan, which still counts

  if (cmd?.kind === 'quantity') {
    s.multiplier = cmd.times;
    return note(f, code, 'info', `next item counts ${cmd.times} times`);
  }
  if (cmd?.kind === 'command') return commandScan(f, cmd.command, code);

  if (s.phase === 'verify' || s.phase === 'weigh') return scanInParcel(f, code);
  if (s.phase === 'done') {
    // scanning the printed label checks it went on the box just packed
    const label = s.labels.find((l) => l.waybill.toUpperCase() === code.toUpperCase());
    const last = s.labels.at(-1);
    if (label && label === last) return note(f, code, 'ok', `label ${code} is on the right box`);
    if (label) return refuse(f, code, 'wrong_order', `label ${code} belongs to an earlier parcel, not to ${last?.waybill}`, 'take that label off this box and scan PL-CMD-REPRINT for the right one');
  }
  return startParcel(f, code);
}
