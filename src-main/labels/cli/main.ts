// npm run label -- --list
// npm run label -- --template <name> --format <zpl|tspl|pdf|png> --out <file> [--dpi 203|300] [--data <dir> --order <id>]
// Renders a built-in template with its sample data, or with a real order from a data folder.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../lib/errors';
import { renderLabel, checkOutput } from '../render';
import { templateCatalog, findTemplate } from '../templates';
import type { LabelDataInput } from '../../contract/labels';

const USAGE = `usage:
  npm run label -- --list
  npm run label -- --template <name> --format <zpl|tspl|pdf|png> --out <file> [--dpi 203|300] [--data <dir> --order <id>]`;

async function loadOrderData(dataDir: string, order: string): Promise<LabelDataInput> {
  process.env.PACKLINE_LOG ??= 'warn'; // keep the core's info logs off this command's output
  // Loaded lazily: the core (and its native SQLite module) is only needed for --data.
  const { openDatabase } = await import('../../core/database');
  const { orderLabelData, resolveOrderRef } = await import('../../core/modules/labels/queries');
  const { systemClock } = await import('../../lib/clock');
  const { ulidIds } = await import('../../lib/ids');
  const db = openDatabase(join(dataDir, 'packline.db'));
  try {
    const ctx = { db, clock: systemClock, ids: ulidIds() };
    return orderLabelData(ctx, resolveOrderRef(ctx, order), { fullPhone: true });
  } finally {
    db.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      list: { type: 'boolean' }, template: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' },
      dpi: { type: 'string' }, data: { type: 'string' }, order: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // With --data, the shop's own templates (<data>/labels) join the built-ins, as in the app.
  const shopDir = values.data ? join(values.data, 'labels') : null;
  if (values.list) {
    process.stdout.write([...templateCatalog(shopDir).entries.keys()].sort().join('\n') + '\n');
    return 0;
  }
  const missing = (['template', 'format', 'out'] as const).filter((k) => !values[k]);
  if (missing.length) throw new AppError('validation', `missing ${missing.map((m) => `--${m}`).join(', ')}\n${USAGE}`);
  if (!!values.data !== !!values.order) throw new AppError('validation', '--data and --order go together: the data folder and the order id in it');
  const { format, dpi } = checkOutput(values.format, values.dpi);
  const { template } = findTemplate(values.template!, shopDir); // unknown names fail here, listing the known ones
  const data = values.data ? await loadOrderData(values.data, values.order!) : undefined;
  const label = await renderLabel({ template, format, dpi, ...(data ? { data } : {}) });
  writeFileSync(values.out!, label.bytes);
  process.stdout.write(`${values.out}: ${values.template} ${format} ${dpi} dpi, ${label.bytes.length} bytes\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`label: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
