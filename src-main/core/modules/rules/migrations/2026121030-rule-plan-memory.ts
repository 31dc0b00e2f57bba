import type { Migration } from '../../../store/migrate';

// What the rules changed of an order's plan, and what it was before them: a carrier, service or
// priority a rule set goes back to what it was once no rule sets it any more (the rule deleted or
// changed, the order changed), unless a person changed it since. JSON { field: { was, set } };
// NULL when the rules set nothing of the plan (every order from before).
const m: Migration = {
  version: 2026121030,
  name: 'rule-plan-memory',
  up: (db) => db.exec('ALTER TABLE rule_results ADD COLUMN plan_by_rules TEXT'),
};
export default m;
