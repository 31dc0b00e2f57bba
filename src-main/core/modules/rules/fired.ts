// Which rules fired on an order, as rule_results.fired keeps it: each fired rule as its face (the
// rule's id, name and action words when it fired, kept once in rule_faces) followed by its reasons,
// a JSON array of arrays: [[face, kind, detail, kind, detail...], ...] (or [face, n]: the reasons of
// the n-th entry, encodeFired). The whole FiredRule per rule
// made the row of an order five rules fired on ~650 bytes, and writing it most of what the rules
// cost an order at intake; this is ~40 bytes a rule. Rows of the older form (FiredRule objects)
// read as they are.
import type { FiredRule } from '../../../contract/rules';
import type { Db } from '../../store/db';
import { insertFace, selectFaces, type FaceRow } from './store';

interface Face { ruleId: string; name: string; actions: string[] }
interface Faces { byKey: Map<string, number>; byId: Map<number, Face>; byActions: WeakMap<readonly string[], number> }

/** Per connection: faces are only ever added (a renamed rule gets a new one), so a cache is only ever incomplete. */
const cached = new WeakMap<Db, Faces>();
const keyOf = (ruleId: string, name: string, actions: readonly string[]) => `${ruleId}\u0000${name}\u0000${actions.join('\u0000')}`;

function load(db: Db, into?: Faces): Faces {
  const faces = into ?? { byKey: new Map(), byId: new Map(), byActions: new WeakMap() };
  for (const f of selectFaces(db)) add(faces, f);
  cached.set(db, faces);
  return faces;
}
function add(faces: Faces, f: FaceRow): void {
  const actions = JSON.parse(f.actions) as string[];
  faces.byId.set(f.id, { ruleId: f.rule_id, name: f.name, actions });
  faces.byKey.set(keyOf(f.rule_id, f.name, actions), f.id);
}

/**
 * The face of a rule with this name and these actions: known, read again, or (a rule written before
 * faces were kept, or changed on another connection) added, which needs the write transaction every
 * caller but the re-evaluation's reads runs in (rule edits add their face, so those reads find it).
 */
export function faceOf(db: Db, ruleId: string, name: string, actions: readonly string[]): number {
  let faces = cached.get(db) ?? load(db);
  // The compiled rule's action list is shared by every decision it makes: one lookup per rule and connection.
  const known = faces.byActions.get(actions);
  if (known !== undefined) return known;
  const key = keyOf(ruleId, name, actions);
  let id = faces.byKey.get(key);
  if (id === undefined) {
    faces = load(db, faces);
    id = faces.byKey.get(key);
  }
  if (id === undefined) {
    const row = insertFace(db, ruleId, name, JSON.stringify(actions));
    add(faces, row);
    id = row.id;
  }
  faces.byActions.set(actions, id);
  return id;
}

/**
 * Written out by hand (as JSON.stringify of the arrays would write it, at a fraction of its cost): kinds are plain words.
 * A rule whose reasons are word for word those of an earlier one in the list (rules that share
 * their conditions: a channel, a region) is written [face, n], n the earlier one's place: an order
 * five channel rules fired on was ~200 bytes of the same reasons, and the row's size is most of
 * what writing it costs.
 */
export function encodeFired(db: Db, fired: readonly FiredRule[]): string {
  if (fired.length === 0) return '[]';
  let out = '[';
  const said: string[] = [];
  for (let i = 0; i < fired.length; i++) {
    const f = fired[i]!;
    let why = '';
    for (const w of f.why) why += `,"${w.kind}",${JSON.stringify(w.detail)}`;
    const same = why ? said.indexOf(why) : -1;
    said.push(why);
    out += `${i ? ',[' : '['}${faceOf(db, f.ruleId, f.name, f.actions)}${same >= 0 ? `,${same}` : why}]`;
  }
  return `${out}]`;
}

export function decodeFired(db: Db, text: string): FiredRule[] {
  const list = JSON.parse(text) as ((number | string)[] | FiredRule)[];
  const out: FiredRule[] = [];
  for (const e of list) {
    if (!Array.isArray(e)) {
      out.push(e);
      continue;
    }
    const id = e[0] as number;
    let face = (cached.get(db) ?? load(db)).byId.get(id);
    face ??= load(db, cached.get(db)).byId.get(id);
    const why: FiredRule['why'] = [];
    // [face, n]: the reasons of the n-th fired rule of the list.
    if (typeof e[1] === 'number') for (const w of out[e[1]]?.why ?? []) why.push({ ...w });
    else for (let i = 1; i + 1 < e.length; i += 2) why.push({ kind: e[i] as FiredRule['why'][number]['kind'], detail: e[i + 1] as string });
    out.push({ ruleId: face?.ruleId ?? `face ${id}`, name: face?.name ?? `rule ${id}`, why, actions: face?.actions ?? [] });
  }
  return out;
}
