// The core's label desk: the shop's own template folder (<data>/labels) and one render worker per
// HTTP server, started on the first preview (most core starts never render a label) and stopped
// with the server, so rendering never runs on the core's event loop.
import { join } from 'node:path';
import { AppError } from '../../../lib/errors';
import { createLabelRenderer, type LabelRenderer } from '../../../labels/worker/pool';

export interface CoreLabels {
  /** Where the shop puts its own templates; null for a core without a data folder (tests in memory). */
  shopDir: string | null;
  renderer(): LabelRenderer;
  close(): Promise<void>;
}

export function coreLabels(dataDir: string | null): CoreLabels {
  let renderer: LabelRenderer | undefined;
  let closed = false;
  return {
    shopDir: dataDir ? join(dataDir, 'labels') : null,
    renderer() {
      if (closed) throw new AppError('unavailable', 'the server is shutting down');
      return (renderer ??= createLabelRenderer({ workers: 1 }));
    },
    async close() {
      closed = true;
      await renderer?.close();
    },
  };
}
