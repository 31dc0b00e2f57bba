// Worker thread: reads one CSV or .xlsx file into checked order inputs (csv-rows.ts), so a file of tens of
// megabytes is decoded, parsed and validated beside the core's event loop, not on it. It writes
// nothing: the core imports the orders through its own writer. One file per thread, then it ends.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, refusalData } from '../../../lib/errors';
import { planImport } from './csv-rows';
import { type CsvWorkerStart, type CsvWorkerMessage, ORDERS_PER_MESSAGE } from './csv-worker-protocol';

if (!parentPort) throw new Error('csv-worker.ts runs as a worker thread');
const port = parentPort;
const start = workerData as CsvWorkerStart;

const post = (m: CsvWorkerMessage) => port.postMessage(m);
try {
  const { report, valid } = await planImport(start.mapping, Buffer.from(start.bytes));
  // As JSON text in slices: one structured clone of every order would stall the core's thread
  // while it is read; a slice's JSON.parse there takes a millisecond or two.
  for (let i = 0; i < valid.length; i += ORDERS_PER_MESSAGE) post({ type: 'orders', json: JSON.stringify(valid.slice(i, i + ORDERS_PER_MESSAGE)) });
  post({ type: 'done', report });
} catch (e) {
  post(e instanceof AppError
    ? { type: 'refused', ...refusalData(e) }
    : { type: 'refused', code: 'internal', message: (e as Error)?.message ?? String(e) });
}
