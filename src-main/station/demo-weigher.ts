// The demo's pair of hands at the scale: when the bench asks for a weight, the simulated scale
// gets the parcel (expected weight, a few grams off, settling like a real box); once the label
// is out the box comes off. Only `npm run serve -- --demo` uses it.
import type { PackView } from '../contract/pack';
import type { ScaleSimulator } from '../devices/simulators/scale-sim';

export function demoWeigher(onView: (fn: (v: PackView) => void) => () => void, scale: ScaleSimulator, delayMs = 1200): () => void {
  let placedFor: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  const later = (fn: () => void) => {
    clearTimeout(timer);
    timer = setTimeout(fn, delayMs);
    timer.unref();
  };
  const off = onView((v) => {
    const key = v.order && v.parcel ? `${v.order.id}:${v.parcel.index}` : null;
    if (v.phase === 'weigh' && key && placedFor !== key && !v.alert) {
      placedFor = key;
      const expected = v.parcel?.expectedG ?? 400 + Math.round(Math.random() * 800);
      later(() => scale.place(Math.max(30, expected + Math.round((Math.random() - 0.5) * 20)), 600 + Math.random() * 500));
    } else if ((v.phase === 'done' || v.phase === 'idle' || (v.phase === 'verify' && placedFor !== key)) && placedFor) {
      placedFor = null;
      later(() => scale.remove(300));
    }
  });
  return () => {
    clearTimeout(timer);
    off();
  };
}
