// The outside systems the demo shop talks to, simulated on 127.0.0.1 (a sales channel sending
// orders, a carrier issuing waybills, a chat robot receiving alerts), so a visitor of
// `npm run demo` sees each capability working. Each peer speaks the documented requests and answers
// of the system it stands in for; it is started only with --demo. A new peer: a file in this folder
// and a line in DEMO_PEERS.
import type { Core } from '../core/core';
import { channelsDemoPeer } from './channels-peer';
import { kuaidi100DemoPeer } from './kuaidi100-peer';
import { douyinDemoPeer } from './douyin-peer';
import { robotDemoPeer } from './robot-peer';

export interface DemoPeerContext {
  core: Core;
  /** the core's own base URL (http://127.0.0.1:<port>) */
  coreUrl: string;
  /** the demo's data folder (a peer keeps its own files under <dataDir>/demo-peers/<name>) */
  dataDir: string;
}

export interface RunningPeer {
  /** one line for the console: what runs where */
  describe: string;
  stop(): Promise<void>;
}

export interface DemoPeer {
  name: string;
  start(ctx: DemoPeerContext): Promise<RunningPeer>;
}

export const DEMO_PEERS: DemoPeer[] = [channelsDemoPeer, kuaidi100DemoPeer, douyinDemoPeer, robotDemoPeer];

/** Starts every peer; one that fails to start is reported and skipped, the demo goes on without it. */
export async function startDemoPeers(ctx: DemoPeerContext, say: (line: string) => void): Promise<RunningPeer[]> {
  const running: RunningPeer[] = [];
  for (const peer of DEMO_PEERS) {
    try {
      const r = await peer.start(ctx);
      running.push(r);
      say(`Simulated ${peer.name}: ${r.describe}`);
    } catch (e) {
      say(`Simulated ${peer.name} not started: ${(e as Error).message}`);
    }
  }
  return running;
}

