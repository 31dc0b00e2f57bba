// npm run backup -- create|list|restore: backups from the command line, beside Settings -> Backups.
//   create --data <folder> [--to <folder>] [--keep N]   an online backup (Packline may be running)
//   list --data <folder> [--from <folder>]               the backups in the folder, newest first
//   restore <file> --data <folder>                       checked; done at once when Packline is stopped,
//                                                        else when it next starts
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_BACKUP_SETTINGS, type BackupSettings } from '../../../contract/backup';
import { AppError } from '../../../lib/errors';
import { applyPendingRestore, knownVersions, listBackups, restoreDataFiles, stageRestore, takeBackup } from './backup-files';
import { backupFolder } from './queries';
import { databaseInUse, readScheduleOf } from './store';

const USAGE = `usage: npm run backup -- create --data <folder> [--to <folder>] [--keep N]
       npm run backup -- list --data <folder> [--from <folder>]
       npm run backup -- restore <backup file> --data <folder>`;

function usage(msg: string): never {
  process.stderr.write(`${msg}\n${USAGE}\n`);
  process.exit(2);
}

/** The admin's settings as saved in the database (defaults when it has none yet). */
function savedSettings(dbFile: string): BackupSettings {
  const r = readScheduleOf(dbFile);
  return r ? { folder: r.folder, everyHours: r.every_hours, keep: r.keep } : DEFAULT_BACKUP_SETTINGS;
}

const size = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { data: { type: 'string' }, to: { type: 'string' }, from: { type: 'string' }, keep: { type: 'string' } },
  });
  const [command, file] = positionals;
  if (!values.data) usage('--data <folder> is required: the Packline data folder (the one holding packline.db)');
  const dataDir = resolve(values.data);
  const dbFile = join(dataDir, 'packline.db');

  if (command === 'create') {
    if (!existsSync(dbFile)) usage(`no Packline database in ${dataDir}`);
    const settings = savedSettings(dbFile);
    const keep = values.keep ? Number(values.keep) : settings.keep;
    if (!Number.isInteger(keep) || keep < 1) usage(`--keep must be a whole number of 1 or more, not "${values.keep}"`);
    const folder = values.to ? resolve(values.to) : backupFolder(settings, dataDir);
    const b = await takeBackup(dbFile, folder, keep, new Date(), dataDir);
    process.stdout.write(`Backup ${join(folder, b.name)} (${size(b.bytes)}); the newest ${keep} in the folder are kept.\n`);
  } else if (command === 'list') {
    const folder = values.from ? resolve(values.from) : backupFolder(existsSync(dbFile) ? savedSettings(dbFile) : DEFAULT_BACKUP_SETTINGS, dataDir);
    const files = listBackups(folder);
    process.stdout.write(files.length ? `${files.map((b) => `${b.name}  ${b.at}  ${size(b.bytes)}`).join('\n')}\n` : `No backups in ${folder}.\n`);
  } else if (command === 'restore') {
    if (!file) usage('restore needs the backup file');
    const known = await knownVersions();
    stageRestore(dataDir, resolve(file), known);
    await restoreDataFiles(dirname(resolve(file)), dataDir);
    if (existsSync(dbFile) && databaseInUse(dbFile)) {
      process.stdout.write(`Checked. Packline is running on ${dataDir}: it restores ${file} when it next starts. Stop and start it now; orders taken meanwhile are not in the backup.\n`);
    } else {
      applyPendingRestore(dataDir, known);
      process.stdout.write(`Restored ${file} into ${dataDir}. The database it replaced is kept in ${dataDir}/before-restore-<time>/.\n`);
    }
  } else {
    usage(command ? `unknown command "${command}"` : 'say what to do: create, list or restore');
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof AppError ? e.message : `backup failed: ${(e as Error).message}`}\n`);
  process.exit(1);
});
