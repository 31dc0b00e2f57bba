import { describe, expect, it } from 'vitest';
import { walkingPatternProblem } from '../../../src-main/core/modules/locations/pattern-trial';

describe('a walking-path pattern is timed on bin codes before the core runs it', () => {
  it('a match that would run for minutes is stopped at the budget: refused, and the loop held well under a second', () => {
    // 140 adjacent \w*: one match of a few characters backtracks for minutes (the timer stops it)
    const pattern = `^(?<aisle>${'\\w*'.repeat(140)})-$`;
    const t = performance.now();
    const why = walkingPatternProblem(pattern);
    const ms = performance.now() - t;
    // stopped by the timer ("took over 100 ms"), or, on a loaded machine, by a step already past its share ("took 123 ms")
    expect(why).toMatch(/^reading bin codes of \d+ characters took (over 100|\d+) ms \(it backtracks\); a pattern must read a 32-character code at once$/);
    expect(ms).toBeLessThan(1000); // two trials of 100 ms: the refusal is tried once more before it is remembered
    const again = performance.now();
    expect(walkingPatternProblem(pattern)).toBe(why); // remembered: not timed again
    expect(performance.now() - again).toBeLessThan(50); // a look-up, not a trial (a trial takes 100 ms)
  });

  it('a safe pattern passes, and a nested quantifier is refused by its text without a trial', () => {
    expect(walkingPatternProblem('^(?<zone>[A-Z]+)-(?<aisle>\\d+)-(?<bay>\\d+)$')).toBeNull();
    expect(walkingPatternProblem('^(?<aisle>(a+)+)$')).toMatch(/nested quantifier/);
    expect(walkingPatternProblem('^(?<aisle>[')).toMatch(/^not a regular expression/);
  });
});
