// The demo's pair of hands at the scale: when the bench asks for a weight, the simulated scale
// gets the parcel (the expected weight, a few grams off, settling like a real box); once the
// label is out the box comes off. While nobody is logged in, parcels come and go every few
// seconds so a visitor sees live weights. Only `npm run serve -- --demo` uses it.
import type { PackView } from '../contract/pack';
import type { ScaleSimulator } from '../devices/simulators/scale-sim';

export function demoWeigher(onView: (fn: (v: PackView) => void) => () => void, scale: ScaleSimulator, current: PackView, delayMs = 1200): () => void {
  let placedFor: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  let phase = current.phase;
  const later = (fn: () => void, ms = delayMs) => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
    timer.unref();
  };
  let on = false;
  const idle = setInterval(() => {
    if (phase !== 'login') return;
    on = !on;
    if (on) scale.place(300 + Math.round(Math.random() * 4700), 700 + Math.random() * 800);
    else scale.remove();
  }, 4000);
  idle.unref();

  const off = onView((v) => {
    if (phase === 'login' && v.phase !== 'login') scale.remove(200);
    phase = v.phase;
    const key = v.order && v.parcel ? `${v.order.id}:${v.parcel.index}` : null;
    if (v.phase === 'weigh' && key && placedFor !== key && !v.alert) {
      placedFor = key;
      const expected = v.parcel?.expectedG ?? 400 + Math.round(Math.random() * 800);
      later(() => scale.place(Math.max(30, expected + Math.round((Math.random() - 0.5) * 20)), 600 + Math.random() * 500));
    } else if (placedFor && v.phase !== 'weigh' && v.phase !== 'label') {
      placedFor = null;
      later(() => scale.remove(300), 2000);
    }
  });
  return () => {
    clearTimeout(timer);
    clearInterval(idle);
    off();
  };
}
