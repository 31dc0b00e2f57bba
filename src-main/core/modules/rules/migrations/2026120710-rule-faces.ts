import type { Migration } from '../../../store/migrate';
import { actionWords } from '../evaluate';
import type { Rule } from '../../../../contract/rules';

// What fired on an order is kept compact (fired.ts): a rule's id, name and action words once here,
// as a face each order's result names by number. The rules there are get theirs now.
const migration: Migration = {
  version: 2026120710,
  name: 'rule-faces',
  up(db) {
    db.exec(`CREATE TABLE rule_faces (
  id INTEGER PRIMARY KEY,
  rule_id TEXT NOT NULL,
  name TEXT NOT NULL,
  actions TEXT NOT NULL,              -- JSON string[]: the rule's action words (evaluate.ts actionWords)
  UNIQUE (rule_id, name, actions)
) STRICT`);
    const rules = db.prepare('SELECT id, name, rule FROM rules ORDER BY position, id').all() as { id: string; name: string; rule: string }[];
    const insert = db.prepare('INSERT INTO rule_faces (id, rule_id, name, actions) VALUES (?, ?, ?, ?)');
    rules.forEach((r, n) => insert.run(n + 1, r.id, r.name, JSON.stringify(actionWords((JSON.parse(r.rule) as Pick<Rule, 'actions'>).actions))));
  },
};
export default migration;
