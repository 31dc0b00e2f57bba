// Where a run's CPU went, from a .cpuprofile (node --cpu-prof): self time per function, and time
// per nearest function of the app's own code (src-main: what it spent there and in the native
// calls, SQLite included, it made), largest first.
// npx tsx bench/profile-summary.ts <file.cpuprofile> [top=20] [within=<text of a source path>]
// within: only the span from the first to the last sample with that path on the stack (e.g.
// modules/payouts: the import, not the start-up's migrations).
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
const [file, top = '20', within] = process.argv.slice(2);
const p = JSON.parse(readFileSync(file!, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(src-main|node_modules|bench)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
const ownCode = (id: number): Node | undefined => {
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) if (byId.get(at)!.callFrame.url.includes('/src-main/')) return byId.get(at);
  return undefined;
};
const onStack = (id: number, text: string) => {
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) if (byId.get(at)!.callFrame.url.includes(text)) return true;
  return false;
};
const hits = within ? p.samples.flatMap((id, i) => (onStack(id, within) ? [i] : [])) : [];
const [first, last] = within ? [hits[0] ?? 0, hits[hits.length - 1] ?? -1] : [0, p.samples.length - 1];
const self = new Map<string, number>();
const mine = new Map<string, number>();
const add = (m: Map<string, number>, k: string, ms: number) => m.set(k, (m.get(k) ?? 0) + ms);
p.samples.forEach((id, i) => {
  if (i < first || i > last) return;
  const ms = (p.timeDeltas[i] ?? 0) / 1000;
  const n = byId.get(id)!;
  add(self, name(n), ms);
  const o = ownCode(id);
  add(mine, o ? name(o) : n.callFrame.functionName === '(idle)' ? '(idle)' : '(outside src-main)', ms);
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
const idle = self.get('(idle) :0') ?? 0;
process.stdout.write(`${file}: ${(total / 1000).toFixed(2)} s sampled, ${((total - idle) / 1000).toFixed(2)} s busy\n`);
const show = (title: string, m: Map<string, number>) => {
  process.stdout.write(`-- ${title}\n`);
  for (const [k, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) process.stdout.write(`${ms.toFixed(0).padStart(8)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${k}\n`);
};
show('self time', self);
show('by nearest src-main function (its native calls included)', mine);
