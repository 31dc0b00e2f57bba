// Route handlers of backups: status, settings, a backup now, a checked restore at the next start.
import { join } from 'node:path';
import type { backupRoutes } from '../../../contract/backup';
import { fail } from '../../../lib/errors';
import { actorOf, type ModuleHandlers } from '../../http/handler-env';
import { putBackupSettings, recordRestoreStaged } from './actions/backup-records';
import { knownVersions, restoreDataFiles, stageRestore } from './backup-files';
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
    stageRestore(dataDir, join(folder, body.name), await knownVersions());
    await restoreDataFiles(folder, dataDir); // the images and photos the restored database names
    await core.writes.run(() => recordRestoreStaged(core.ctx, body.name, actorOf(env)));
    return backupStatus(core);
  },
};
