// Worker thread: sends the write-back batches the core hands it (sender.ts) and answers each with
// its outcomes. The HTTP work of a backlog (sockets, TLS, signing, parsing answers) happens here,
// beside the core's event loop, not on it; the core records the outcomes in one write job a batch.
import { parentPort } from 'node:worker_threads';
import { sendBatch, type SenderAnswer, type SenderRequest } from './sender';

if (!parentPort) throw new Error('sender-worker.ts runs as a worker thread');
const port = parentPort;
port.on('message', (m: SenderRequest) => {
  void sendBatch(m.batch).then((outcomes) => port.postMessage({ batchId: m.batchId, outcomes } satisfies SenderAnswer));
});
