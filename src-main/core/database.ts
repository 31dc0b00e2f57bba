import { existsSync, linkSync, mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { threadId } from 'node:worker_threads';
import { isPostgresUrl, openConnection, type Db } from './store/db';
import { migrate } from './store/migrate';
import { MIGRATIONS } from './modules';

/** Opens (or creates) the core database and brings its schema up to date with every module's migrations. */
export function openDatabase(file: string): Db {
  if (file === ':memory:') return openConnection(migratedImage());
  if (!isPostgresUrl(file)) createFromImage(file);
  const db = openConnection(file);
  migrate(db, MIGRATIONS);
  return db;
}

// A new database starts as a copy of one migrated once per process: running every migration took
// 60-190 ms per database (in memory or a file), a copy of the 1.1 MB image 1-10 ms. The tests open
// a fresh core for nearly every test.
let image: Buffer | undefined;
function migratedImage(): Buffer {
  if (!image) {
    const db = openConnection(':memory:');
    migrate(db, MIGRATIONS);
    image = db.serialize(); // SQLite's file format, byte for byte
    db.close();
  }
  return image;
}

/**
 * Writes a database file that does not exist yet from the image, whole: written beside it, then
 * linked into place, so another process opening the same new file finds nothing or all of it.
 */
function createFromImage(file: string): void {
  if (existsSync(file)) return;
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}-${threadId}.new`;
  writeFileSync(temp, migratedImage());
  try {
    linkSync(temp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another process made it first
  } finally {
    unlinkSync(temp);
  }
}
