// Messages between the core and the CSV worker thread (csv-worker.ts).
import type { CsvMapping, ImportReport } from '../../../contract/imports';
import type { RefusalData } from '../../../lib/errors';

export interface CsvWorkerStart { mapping: CsvMapping; bytes: Uint8Array }

export const ORDERS_PER_MESSAGE = 1000;

export type CsvWorkerMessage =
  /** JSON text of PlannedOrder[] */
  | { type: 'orders'; json: string }
  | { type: 'done'; report: ImportReport }
  | ({ type: 'refused' } & RefusalData);
