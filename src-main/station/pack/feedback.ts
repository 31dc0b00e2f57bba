// What the operator is told about an input: the last scan's line on the screen, and an alert
// when the bench stops. Both are message keys (contract/pack-messages.ts): the screen says them
// in its own language.
import type { PackAlert } from '../../contract/pack';
import type { PackMessage } from '../../contract/pack-messages';
import type { Flow } from './flow';

export function note(f: Flow, code: string, result: 'ok' | 'error' | 'info', message: PackMessage): void {
  f.s.seq += 1;
  f.s.lastScan = { seq: f.s.seq, code, result, message, at: f.now() };
}

export function block(f: Flow, kind: PackAlert['kind'], message: PackMessage, action: PackMessage, needs: PackAlert['needs']): void {
  f.s.alert = { kind, message, action, needs, at: f.now() };
}

/** A scan the bench does not take: counted as an error unless `count` is false. */
export function refuse(f: Flow, code: string, kind: PackAlert['kind'], message: PackMessage, action: PackMessage, count = true): void {
  const s = f.s;
  if (count) s.counters = { ...s.counters, errors: s.counters.errors + 1 };
  // a stop that needs a lead or a skip stays; anything else is replaced by this refusal
  if (!s.alert || s.alert.needs === 'scan') s.alert = { kind, message, action, needs: 'scan', at: f.now() };
  note(f, code, 'error', message);
}
