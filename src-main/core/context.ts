import type { Db } from './store/db';
import type { Clock } from '../lib/clock';
import type { IdGenerator } from '../lib/ids';

/** What every domain function gets: the database, the clock and the id generator (all injectable). */
export interface CoreContext {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
}
