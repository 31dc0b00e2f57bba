import { openConnection, type Db } from './store/db';
import { migrate } from './store/migrate';
import { MIGRATIONS } from './modules';

/** Opens (or creates) the core database and brings its schema up to date with every module's migrations. */
export function openDatabase(file: string): Db {
  const db = openConnection(file);
  migrate(db, MIGRATIONS);
  return db;
}
