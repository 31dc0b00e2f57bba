// npm run migrate-store -- --from <data folder or packline.db> --to postgres://user@host/db [--force]
// Copies a SQLite shop into an empty PostgreSQL database and verifies it (core/store/migrate-store.ts).
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { migrateStore } from './core/store/migrate-store';
import { AppError } from './lib/errors';

const USAGE = 'usage: npm run migrate-store -- --from <data folder or packline.db> --to postgres://user@host:port/database [--force]';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean', default: false } } }).values;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!args.from || !args.to) {
    process.stderr.write(`--from and --to are both required\n${USAGE}\n`);
    return 2;
  }
  try {
    const s = await migrateStore({ from: resolve(args.from), to: args.to, force: args.force, progress: (line) => process.stdout.write(`${line}\n`) });
    const width = Math.max(...s.checks.map((c) => c.what.length));
    process.stdout.write(`\nCopied ${s.rows.toLocaleString('en')} rows in ${s.tables.length} tables in ${s.seconds} s (schema ${s.schema}).\n`);
    process.stdout.write(`Verified on both sides (${s.checks.length} checks, all equal):\n`);
    // every table's count is checked; the summary shows the shop's own totals and the row counts that are not zero
    for (const c of s.checks.filter((x) => !/: sum of /.test(x.what) && !(x.what.endsWith(': rows') && x.sqlite === '0'))) {
      process.stdout.write(`  ${c.what.padEnd(width)}  ${c.sqlite}\n`);
    }
    if (s.skipped.length) process.stdout.write(`Not copied (SQLite's own storage, none on PostgreSQL): ${s.skipped.join(', ')}\n`);
    process.stdout.write(`\nStart the core on it: npm run serve -- --data <folder> --database ${args.to.replace(/\/\/[^@/]*@/, '//')}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`migrate-store: ${e instanceof AppError ? e.message : (e as Error).stack ?? e}\n`);
    return 1;
  }
}

process.exit(await main());
