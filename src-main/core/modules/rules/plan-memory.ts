// What the rules changed of an order's plan (carrier, service, priority) and what each field was
// before them, kept with the order's rule result (rule_results.plan_by_rules). A field a rule set
// goes back to what it was once no rule sets it any more (the rule deleted or changed, the order
// changed so it no longer matches), as a rule's hold is released when its rule no longer matches;
// unless a person (or a channel's instruction) changed it since: their value stands.
import { PLAN_FIELDS, type Decision, type PlanField } from './evaluate';

export interface Plan { carrier: string | null; service: string | null; priority: number }
/** Per field the rules set: what it was before them and what they set; or that a person changed it since (the rules leave it be). */
export type PlanMemory = { [K in PlanField]?: { was: Plan[K]; set: Plan[K] } | { person: true } };

export const readPlanMemory = (json: string | null): PlanMemory => (json ? (JSON.parse(json) as PlanMemory) : {});
export const planMemoryJson = (m: PlanMemory): string | null => (Object.keys(m).length ? JSON.stringify(m) : null);

/** The memory of an order written with the rules' `to` over the input's `from` (on arrival), or null when they changed nothing. */
export function arrivalPlanMemory(from: Plan, to: Plan): string | null {
  const m: Record<string, { was: unknown; set: unknown }> = {};
  for (const k of PLAN_FIELDS) if (to[k] !== from[k]) m[k] = { was: from[k], set: to[k] };
  return planMemoryJson(m as PlanMemory);
}

export interface NextPlan {
  /** Fields the rules set now to a new value. */
  set: Partial<Plan>;
  /** Fields no rule sets any more, back to what they were before the rules. */
  back: Partial<Plan>;
  memory: PlanMemory;
  /** The memory differs from what it was. */
  changed: boolean;
}

/**
 * What the rules' decision `d` does to an order whose plan is `now`, given what the rules changed of
 * it before (`memory`). A field a person changed after a rule set it is theirs: as a rule hold a
 * person released, the rules leave it be on this order from then on.
 */
export function nextPlan(now: Plan, d: Pick<Decision, PlanField>, memory: PlanMemory): NextPlan {
  const out: NextPlan = { set: {}, back: {}, memory: { ...memory }, changed: false };
  const set = out.set as Record<PlanField, unknown>;
  const back = out.back as Record<PlanField, unknown>;
  const m = out.memory as Record<PlanField, { was: unknown; set: unknown } | { person: true } | undefined>;
  for (const k of PLAN_FIELDS) {
    const kept = m[k];
    if (kept && 'person' in kept) continue;
    if (kept && now[k] !== kept.set) {
      m[k] = { person: true };
      out.changed = true;
      continue;
    }
    const want = d[k];
    if (want === undefined) {
      if (!kept) continue;
      if (kept.was !== now[k]) back[k] = kept.was;
      delete m[k];
      out.changed = true;
    } else if (want !== now[k]) {
      set[k] = want;
      m[k] = { was: kept ? kept.was : now[k], set: want };
      out.changed = true;
    }
  }
  return out;
}
