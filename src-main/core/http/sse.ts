import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core';
import type { ChangeEvent } from '../../contract/system';

const HEARTBEAT_MS = 15_000;

/**
 * The change feed over server-sent events. A client that reconnects with Last-Event-ID (header,
 * or ?lastEventId=) gets every event after it, then live ones; a new client starts at "now".
 */
export function serveSse(core: Core, req: IncomingMessage, res: ServerResponse, queryLastId?: number): void {
  const header = req.headers['last-event-id'];
  const fromHeader = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : undefined;
  const after = fromHeader ?? queryLastId ?? null;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write(`retry: 1000\n: connected at event ${core.feed.lastId()}\n\n`);
  res.flushHeaders?.();
  const write = (events: ChangeEvent[]) => {
    let chunk = '';
    for (const e of events) chunk += `id: ${e.id}\nevent: change\ndata: ${JSON.stringify(e)}\n\n`;
    res.write(chunk);
  };
  const unsubscribe = core.feed.subscribe(after, write);
  const beat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  req.on('close', () => {
    clearInterval(beat);
    unsubscribe();
  });
}
