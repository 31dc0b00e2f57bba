import type { Db } from '../db';
import m0010 from './0010-foundation';
import m0030 from './0030-waybills';
import m0060 from './0060-packing';
import m0070 from './0070-waves';
import m0090 from './0090-idempotency-rowid';
import m0095 from './0095-board-indexes';

/**
 * Forward-only migrations, numbered with gaps (0010, 0020, ...) so parallel work can slot in.
 * A shipped migration is never edited: add a new one.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

export const MIGRATIONS: Migration[] = [m0010, m0030, m0060, m0070, m0090, m0095].sort((a, b) => a.version - b.version);
