// Route handlers of backups: status, settings, a backup now, a checked restore at the next start.
import { join } from 'node:path';
import type { backupRoutes } from '../../../contract/backup';
import { fail } from '../../../lib/errors';
import { actorOf, type ModuleHandlers } from '../../http/handler-env';
import { putBackupSettings, recordRestoreStaged } from './actions/backup-records';
import { dropStagedRestore, knownVersions, restoreDataFiles, stageRestore } from './backup-files';
import { backupFolder, backupSettings } from './queries';
import { backupStatus, refuseOnPostgres, runBackup } from './run-backup';

export const handlers: ModuleHandlers<typeof backupRoutes> = {
  backupStatus: (_i, { core }) => backupStatus(core),
  putBackupSettings: async ({ body }, env) => {
    await env.core.writes.run(() => putBackupSettings(env.core.ctx, body, actorOf(env)));
    return backupStatus(env.core);
  },
  createBackup: (_i, env) => runBackup(env.core, actorOf(env)),
  restoreBackup: async ({ body }, env) => {
    const { core } = env;
    refuseOnPostgres(core);
    const dataDir = core.dataDir ?? fail('validation', 'this core has no data folder to restore into');
    const folder = backupFolder(backupSettings(core.ctx), dataDir);
    const known = await knownVersions();
    // the core's work: closing stops it between two files and waits for it
    await core.work.run(async (signal) => {
      stageRestore(dataDir, join(folder, body.name), known);
      try {
        await restoreDataFiles(folder, dataDir, signal); // the images and photos the restored database names
      } catch (e) {
        dropStagedRestore(dataDir); // all or nothing: no restore at the next start without its files
        throw e;
      }
    });
    await core.writes.run(() => recordRestoreStaged(core.ctx, body.name, actorOf(env)));
    return backupStatus(core);
  },
};
