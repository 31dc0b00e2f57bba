// The parcel on the scale: a stable weight of a new box is judged against the order's band; out
// of it the bench stops until a lead's badge lets the (journaled) weight pass, or a skip sets it aside.
import { EMPTY_SCALE_G } from '../../contract/pack';
import { msg } from '../../contract/pack-messages';
import type { Flow, StationWeight } from './flow';
import { note, refuse } from './feedback';
import { confirmAndPrint, toLabel } from './label';
import { moveTo } from './phases';
import { judgeWeight, weightWindow } from './rules';
import { takeReason } from './state';

/** Below this the scale counts as empty: the box of the last label has come off. */
export { EMPTY_SCALE_G };

/** A steady reading of a box put on the scale since the last label: one to judge. */
export const newBoxOnScale = (f: Flow, r: StationWeight): r is StationWeight & { grams: number } =>
  r.stable && r.grams !== null && r.grams >= EMPTY_SCALE_G && f.s.scaleCleared;

/** The box's items are in: weigh it (the suggested box unless one was scanned). */
export function toWeigh(f: Flow): void {
  const s = f.s;
  if (!s.box && s.ticket?.suggestedBoxId) s.box = s.ticket.boxTypes.find((b) => b.id === s.ticket!.suggestedBoxId) ?? null;
  moveTo(s, 'itemsIn');
  // a box already standing still on the scale counts only if it was put there after the last label
  const w = f.weight;
  if (w && newBoxOnScale(f, w)) queueMicrotask(() => f.weighed(w));
}

export async function judge(f: Flow, grams: number): Promise<void> {
  const s = f.s;
  if (s.phase !== 'weigh' || !s.ticket || s.alert) return;
  const w = weightWindow(s.ticket, s.scanned, s.box);
  const verdict = judgeWeight(w, grams);
  if (verdict !== 'pass') {
    const over = verdict === 'over';
    s.counters = { ...s.counters, errors: s.counters.errors + 1 };
    s.alert = {
      kind: over ? 'overweight' : 'underweight',
      message: msg(over ? 'tooHeavy' : 'tooLight', { grams, min: w.minG ?? '?', max: w.maxG ?? '?' }),
      action: msg(over ? 'tooHeavyAction' : 'tooLightAction'),
      needs: 'lead',
      at: f.now(),
    };
    s.pendingWeightG = grams;
    return;
  }
  await toLabel(f, grams);
}

/** A badge scanned while the weight waits for a lead: the core checks it is a lead's. */
export async function leadOverride(f: Flow, badge: string): Promise<void> {
  const s = f.s;
  const grams = s.pendingWeightG;
  // the badge is never shown (lastScan code blank): it is a credential
  if (s.phase !== 'weigh' || grams === null) return refuse(f, '', 'not_allowed', msg('nothingToOverride'), msg('skipToClear'));
  const reason = takeReason(s, `weight ${grams} g accepted at ${f.o.bench.name}`);
  s.alert = null;
  await toLabel(f, grams, { badge, reason });
  if (!s.alert) note(f, '', 'ok', msg('weightAccepted', { reason }));
}

/** After a crash mid-confirm of a lead's override: the lead's badge again, then the journaled key confirms once. */
export async function overrideAgain(f: Flow, badge: string): Promise<void> {
  const c = f.s.confirming!;
  c.override = { ...c.override!, badge };
  f.s.alert = null;
  await confirmAndPrint(f);
  if (!f.s.alert) note(f, '', 'ok', msg('weightAccepted', { reason: c.override.reason }));
}
