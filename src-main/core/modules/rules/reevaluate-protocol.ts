// Messages between the core and the re-evaluation thread.
import type { Rule } from '../../../contract/rules';
import type { Changed } from './reevaluate';

/**
 * `nowMs`: the core's time at the start, `timeZone` the shop's then; `clockMoves`: the core runs on the system clock (else a
 * test's fixed clock: the thread keeps `nowMs`). `apply`: the thread writes the changed orders itself
 * (a SQLite file); else it sends them to the core to apply.
 */
export interface ReevaluateStart { file: string; rules: Rule[]; nowMs: number; timeZone: string; clockMoves: boolean; apply: boolean }
export type ReevaluateMessage = { changed: Changed[]; done: number } | { applied: number; done: number } | { finished: true; done: number };
