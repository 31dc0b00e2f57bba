// Messages between the core and the re-evaluation thread.
import type { Rule } from '../../../contract/rules';
import type { Changed } from './reevaluate';

export interface ReevaluateStart { file: string; rules: Rule[]; nowMs: number }
export type ReevaluateMessage = { changed: Changed[]; done: number } | { finished: true; done: number };
