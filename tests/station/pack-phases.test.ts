// The bench's phases: the transition table refuses a move it does not have, every phase the
// contract knows is in it (reachable from login, and left again), and no file of the flow sets a
// phase except through moveTo.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PackPhase } from '../../src-main/contract/pack';
import { BENCH_TRANSITIONS, moveTo, type BenchEvent } from '../../src-main/station/pack/phases';

const events = Object.keys(BENCH_TRANSITIONS) as BenchEvent[];

describe('the bench transition table', () => {
  it('refuses a move not in the table with an error that names the event and the phase, and leaves the phase', () => {
    const s = { phase: 'login' as PackPhase };
    expect(() => moveTo(s, 'weightAccepted')).toThrow(/weightAccepted.*phase login.*only from weigh/);
    expect(s.phase).toBe('login');
    const verify = { phase: 'verify' as PackPhase };
    expect(() => moveTo(verify, 'lastParcelLabelled')).toThrow(/cannot move/);
    expect(verify.phase).toBe('verify');
  });

  it('makes the moves it has', () => {
    const s = { phase: 'weigh' as PackPhase };
    moveTo(s, 'weightAccepted');
    expect(s.phase).toBe('label');
    moveTo(s, 'nextBox');
    expect(s.phase).toBe('verify');
  });

  it('has every phase: each is reached from login and each can be left', () => {
    const reached = new Set<PackPhase>(['login']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const e of events) {
        const t = BENCH_TRANSITIONS[e];
        if (t.from.some((p) => reached.has(p)) && !reached.has(t.to)) {
          reached.add(t.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...PackPhase.options].sort());
    for (const p of PackPhase.options) expect(events.some((e) => (BENCH_TRANSITIONS[e].from as readonly PackPhase[]).includes(p))).toBe(true);
  });

  it('is the only way the flow sets a phase', () => {
    const dir = join(__dirname, '..', '..', 'src-main', 'station');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const setters = files.filter((f) => /\.phase\s*=[^=]/.test(readFileSync(join(dir, f), 'utf8')));
    expect(setters).toEqual([join('pack', 'phases.ts')]);
  });
});
