// This bench's identity with the core: paired once with a one-time code, then kept in
// <data>/station/bench.json (0600: it holds the bench token) with the core's address and, for an
// HTTPS core, the pinned certificate. An unpaired bench names itself (bench-1) as before.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parsePairing, type BenchIdentity } from '../contract/benches';
import { fail } from '../lib/errors';
import { createCoreClient, type CoreClient } from './core-client';
import { fetchPinnedCertificate, pinnedFetch, type Pin } from './pinned-tls';

export interface PairedBench {
  benchId: string;
  name: string;
  token: string;
  coreUrl: string;
  pin: Pin | null;
  pairedAt: string;
}

const fileOf = (dataDir: string) => join(dataDir, 'station', 'bench.json');

export function loadPairedBench(dataDir: string): PairedBench | null {
  const file = fileOf(dataDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PairedBench) : null;
}

function savePairedBench(dataDir: string, p: PairedBench): void {
  const file = fileOf(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(p, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

/** The link to the core as this bench's pairing says: pinned HTTPS and the bench token. */
export function coreLinkFor(coreUrl: string, paired: PairedBench | null, pin?: Pin | null): CoreClient {
  const usePin = pin ?? paired?.pin ?? null;
  return createCoreClient(coreUrl, { fetch: coreUrl.startsWith('https:') && usePin ? pinnedFetch(usePin) : undefined, benchToken: paired?.token ?? null });
}

/**
 * Takes the pairing line (or, on the core's own PC, just the code), checks the core's certificate
 * against the fingerprint in it before sending anything, and trades the code for the bench token.
 */
export async function pairBench(dataDir: string, text: string, here: { coreUrl: string; pin?: Pin | null }): Promise<PairedBench> {
  const parsed = parsePairing(text) ?? (/^[A-Z0-9]{4}-?[A-Z0-9]{4}$/i.test(text.trim()) ? { code: text.trim(), url: here.coreUrl, fingerprint: here.pin?.fingerprint ?? null } : null);
  if (!parsed) fail('validation', 'not a pairing code: type the code from Settings -> Benches (e.g. K7M2-9QXD) or scan its QR', [{ path: 'pairing', message: 'not a pairing code' }]);
  const { code, url, fingerprint } = parsed!;
  const coreUrl = url || here.coreUrl;
  let pin: Pin | null = null;
  if (coreUrl.startsWith('https:')) {
    if (!fingerprint) fail('validation', `the core at ${coreUrl} serves HTTPS but this pairing code carries no certificate fingerprint: scan the QR or copy the whole pairing line`, [{ path: 'pairing', message: 'no fingerprint' }]);
    pin = { fingerprint: fingerprint!, certPem: await fetchPinnedCertificate(coreUrl, fingerprint!) };
  }
  const client = createCoreClient(coreUrl, { fetch: pin ? pinnedFetch(pin) : undefined });
  const r = await client.call('pairBench', { body: { code } });
  const paired: PairedBench = { benchId: r.bench.id, name: r.bench.name, token: r.token, coreUrl, pin, pairedAt: r.bench.pairedAt ?? new Date().toISOString() };
  savePairedBench(dataDir, paired);
  return paired;
}

export function identityOf(bench: { id: string; name: string }, coreUrl: string, paired: PairedBench | null): BenchIdentity {
  return { id: bench.id, name: bench.name, paired: !!paired, coreUrl: paired?.coreUrl ?? coreUrl, fingerprint: paired?.pin?.fingerprint ?? null, pairedAt: paired?.pairedAt ?? null };
}
