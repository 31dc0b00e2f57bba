import type { Db } from '../db';
import { ORDERS_PG_MIGRATIONS } from '../../modules/orders/migrations/postgres';

/**
 * Migrations the dialect layer cannot carry, as they run on PostgreSQL, by the version of the
 * SQLite migration they stand in for (each module keeps its own beside its SQLite ones).
 */
export const PG_MIGRATIONS: Readonly<Record<number, (db: Db) => void>> = { ...ORDERS_PG_MIGRATIONS };
