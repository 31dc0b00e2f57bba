// vitest globalSetup when PACKLINE_TEST_STORE=postgres: one throwaway cluster for the run, and a
// template database migrated once; each test core gets a fresh copy of it (tests/core/helpers.ts).
import { startCluster } from './pg-cluster';
import { PgDatabase } from '../src-main/core/store/pg/pg-database';
import { openDatabase } from '../src-main/core/database';

export const TEMPLATE = 'packline_template';

export default async function setup() {
  const cluster = await startCluster();
  const admin = new PgDatabase(cluster.url('postgres'));
  admin.exec(`CREATE DATABASE ${TEMPLATE}`);
  openDatabase(cluster.url(TEMPLATE)).close();
  admin.close();
  process.env.PACKLINE_TEST_PG = cluster.base;
  return () => cluster.stop();
}
