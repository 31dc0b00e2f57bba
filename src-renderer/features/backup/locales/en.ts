// Settings -> Backups. zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  backup: {
    title: 'Backups', adminOnly: 'Only an admin manages backups.',
    hint: 'A backup is a copy of the whole database, taken while packing and orders go on. Put them on another disk (a USB disk, a network share): a copy on the same disk is lost with it.',
    folder: 'Folder', everyHours: 'Every (hours, 0 = only on demand)', keep: 'Keep the last', inUse: 'Backups go to {{folder}}',
    next: 'next at {{at}}', off: 'no schedule', last: 'last at {{at}}', lastFailed: 'last one FAILED at {{at}}: {{error}}',
    now: 'Back up now', running: 'Backing up…', taken: 'Backup taken', files: 'Backups in the folder', file: 'File', at: 'Taken', size: 'Size', none: 'No backups yet.',
    restore: 'Restore', confirmRestore: 'Replace all data with this backup? Orders taken since are lost.',
    pending: 'The backup is checked and ready: restart Packline to restore it (until then everything stays as it is).',
  },
};
