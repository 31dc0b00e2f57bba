// Whether a walking-path pattern is safe to run on bin codes: its text (contract/locations.ts),
// then a timed trial on the codes that make backtracking patterns slow. The trial runs under a vm
// timeout, which stops a match in the middle: the time of a backtracking match can grow a
// hundredfold from one code length to the next (\w*\w*... repeated), so timing each match and
// stopping after a slow one let a single match stall the core for a second.
import vm from 'node:vm';
import { MAX_BIN_CODE, locationPatternProblem } from '../../../contract/locations';

/** The trial's whole budget: the event loop is held about this long at most (the timer stops the match a little after). */
const TRIAL_BUDGET_MS = 100;

// One character repeated, then one that fails the match, growing to the longest bin code. A pause
// of the machine (garbage collection, a busy CPU) can make one run look slow: a run that looks slow
// is repeated and its fastest time counts, as does the sum of the times.
const TRIAL = new vm.Script(`(() => {
  const re = new RegExp(pattern);
  let total = 0;
  for (reached = 1; reached <= maxLength; reached++) {
    for (const ch of ['a', 'A', '0', '-']) {
      for (const end of ['', '!', '-', '0', 'a']) {
        const code = ch.repeat(reached - end.length) + end;
        let best = Infinity;
        for (let i = 0; i < 2 && best > 10; i++) {
          const t = now();
          re.exec(code);
          best = Math.min(best, now() - t);
        }
        total += best;
        if (best > 10) return { ms: best, inAll: false };
        if (total > 50) return { ms: total, inAll: true };
      }
    }
  }
  return null;
})()`);
/** One context for every trial (a new one costs ~1.5 ms); each trial sets its own pattern. */
const sandbox = vm.createContext({ pattern: '', maxLength: MAX_BIN_CODE, reached: 0, now: () => performance.now() });

/** Why the pattern backtracks on bin codes, or null. */
function trial(pattern: string): string | null {
  Object.assign(sandbox, { pattern, reached: 0 });
  let took: string;
  try {
    const slow = TRIAL.runInContext(sandbox, { timeout: TRIAL_BUDGET_MS }) as { ms: number; inAll: boolean } | null;
    if (!slow) return null;
    took = slow.inAll ? `up to ${sandbox.reached as number} characters took ${Math.round(slow.ms)} ms in all` : `${sandbox.reached as number} characters took ${Math.round(slow.ms)} ms`;
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw e;
    took = `${sandbox.reached as number} characters took over ${TRIAL_BUDGET_MS} ms`;
  }
  return `reading bin codes of ${took} (it backtracks); a pattern must read a ${MAX_BIN_CODE}-character code at once`;
}

const verdicts = new Map<string, string | null>();

/** Why a walking-path pattern may not be used (it could stall the core), or null. Remembered per pattern. */
export function walkingPatternProblem(pattern: string): string | null {
  const known = verdicts.get(pattern);
  if (known !== undefined) return known;
  // A timed refusal is tried once more before it is remembered: one pause of the machine must not
  // refuse a safe pattern for as long as the core runs.
  const why = locationPatternProblem(pattern) ?? (trial(pattern) && trial(pattern));
  if (verdicts.size > 100) verdicts.clear();
  verdicts.set(pattern, why);
  return why;
}
