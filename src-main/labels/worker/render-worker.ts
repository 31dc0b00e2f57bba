// Worker thread: renders labels off the caller's event loop (the core's or the station's).
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../lib/errors';
import { renderLabel, renderWave } from '../render';
import type { JobMessage, ResultMessage } from './protocol';

if (!parentPort) throw new Error('render-worker.ts runs as a worker thread');
const port = parentPort;

port.on('message', async ({ id, job }: JobMessage) => {
  let reply: ResultMessage;
  try {
    const r = job.kind === 'label' ? await renderLabel(job.req) : await renderWave(job.req);
    // A fresh buffer we can transfer (Node's small Buffers share a pool).
    const bytes = new Uint8Array(r.bytes.length);
    bytes.set(r.bytes);
    reply = { id, ok: true, format: r.format, mime: r.mime, bytes };
    port.postMessage(reply, [bytes.buffer]);
  } catch (e) {
    reply = { id, ok: false, code: e instanceof AppError ? e.code : 'internal', message: (e as Error).message };
    port.postMessage(reply);
  }
});
