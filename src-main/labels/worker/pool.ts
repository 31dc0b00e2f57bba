// A small pool of render workers. Rendering a 1,000-label wave takes about a second of CPU; doing
// it here keeps the calling event loop (HTTP, scanners, the change feed) responsive meanwhile.
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../lib/worker-entry';
import { AppError } from '../../lib/errors';
import type { ErrorCode } from '../../contract/errors';
import type { LabelDataInput } from '../../contract/labels';
import type { RenderedLabel, RenderRequest } from '../render';
import type { JobMessage, RenderJob, ResultMessage } from './protocol';

export interface LabelRenderer {
  /** Renders one label in a worker. */
  render(req: RenderRequest): Promise<RenderedLabel>;
  /** Renders many labels of one template as one print job (PDF, ZPL or TSPL) in a worker. */
  renderWave(req: Omit<RenderRequest, 'data'> & { data: LabelDataInput[] }): Promise<RenderedLabel>;
  /** Stops the workers; pending jobs fail. */
  close(): Promise<void>;
}

interface Slot { worker: Worker; busy: number; dead?: string }

export function createLabelRenderer(opts: { workers?: number } = {}): LabelRenderer {
  const { url, execArgv } = workerEntry(import.meta.url, 'render-worker');
  const pending = new Map<number, { resolve: (r: RenderedLabel) => void; reject: (e: Error) => void; slot: Slot }>();
  let nextId = 1;
  let closed = false;
  const slots: Slot[] = [];
  for (let i = 0; i < Math.max(1, opts.workers ?? 1); i++) {
    const worker = new Worker(url, { execArgv });
    const slot: Slot = { worker, busy: 0 };
    worker.on('message', (m: ResultMessage) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      p.slot.busy--;
      if (m.ok) p.resolve({ format: m.format, mime: m.mime, bytes: Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength) });
      else p.reject(new AppError(m.code as ErrorCode, m.message));
    });
    const fail = (why: string) => {
      slot.dead = why;
      for (const [id, p] of pending) if (p.slot === slot) { pending.delete(id); p.reject(new AppError('internal', `label worker failed: ${why}`)); }
    };
    worker.on('error', (e) => fail(e.message));
    worker.on('exit', (code) => fail(`exited with code ${code}`));
    worker.unref(); // an idle pool never keeps the process alive
    slots.push(slot);
  }

  function submit(job: RenderJob): Promise<RenderedLabel> {
    if (closed) return Promise.reject(new AppError('unavailable', 'the label renderer is closed'));
    const alive = slots.filter((s) => !s.dead);
    if (alive.length === 0) return Promise.reject(new AppError('unavailable', `no label worker is running (${slots[0]?.dead})`));
    const slot = alive.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, slot });
      slot.busy++;
      slot.worker.ref(); // keep the process alive while work is in flight
      const msg: JobMessage = { id, job };
      slot.worker.postMessage(msg);
    }).finally(() => { if (slot.busy === 0) slot.worker.unref(); }) as Promise<RenderedLabel>;
  }

  return {
    render: (req) => submit({ kind: 'label', req }),
    renderWave: (req) => submit({ kind: 'wave', req }),
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
      for (const p of pending.values()) p.reject(new AppError('unavailable', 'the label renderer closed'));
      pending.clear();
    },
  };
}
