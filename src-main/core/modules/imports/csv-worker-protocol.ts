// Messages between the core and the CSV worker thread (csv-worker.ts).
import type { CsvMapping, ImportReport } from '../../../contract/imports';
import type { ErrorCode, FieldIssue } from '../../../contract/errors';

export interface CsvWorkerStart { mapping: CsvMapping; bytes: Uint8Array }

export const ORDERS_PER_MESSAGE = 1000;

export type CsvWorkerMessage =
  /** JSON text of PlannedOrder[] */
  | { type: 'orders'; json: string }
  | { type: 'done'; report: ImportReport }
  | { type: 'refused'; code: ErrorCode; message: string; issues?: FieldIssue[] };
