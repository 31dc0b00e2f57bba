// The Electron app's first-start choice, kept thin: "this PC hosts the shop" (it starts its own
// core, as before) or "connect to the shop's core" with the pairing line from Settings -> Benches
// (copied, or given as --pair <line>). The pairing itself is the station's (station/pairing.ts,
// tested in Node); here only the choice, and the window's trust in exactly the pinned certificate.
import { app, clipboard, dialog, session } from 'electron';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPairedBench, pairBench } from '../station/pairing';

export type Role = { kind: 'host' } | { kind: 'bench'; coreUrl: string };

/** Electron names a certificate by "sha256/<base64>"; the pairing code by AB:CD:... hex. */
const electronFingerprint = (hex: string) => `sha256/${Buffer.from(hex.replace(/:/g, ''), 'hex').toString('base64')}`;

/** The window (the UI served by the shop's core) trusts only the certificate the bench pinned. */
function pinWindowTo(fingerprint: string): void {
  const want = electronFingerprint(fingerprint);
  session.defaultSession.setCertificateVerifyProc((req, done) => done(req.certificate.fingerprint === want ? 0 : -2));
}

export async function chooseRole(dataDir: string): Promise<Role> {
  const file = join(dataDir, 'role.json');
  const paired = loadPairedBench(dataDir);
  if (paired) {
    if (paired.pin) pinWindowTo(paired.pin.fingerprint);
    return { kind: 'bench', coreUrl: paired.coreUrl };
  }
  if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as Role).kind === 'host') return { kind: 'host' };
  const given = app.commandLine.getSwitchValue('pair');
  const { response } = given
    ? { response: 1 }
    : await dialog.showMessageBox({
        type: 'question',
        title: 'Packline: first start',
        message: 'How does this PC take part in the shop?',
        detail: 'This PC hosts the shop: its own order core (choose this on one PC only).\n\nConnect to the shop\'s core: copy the pairing line from Settings -> Benches on the host (or start with --pair <line>), then choose this.',
        buttons: ['This PC hosts the shop', "Connect to the shop's core", 'Quit'],
        defaultId: 0,
        cancelId: 2,
      });
  if (response === 2) throw new Error('no choice made: Packline asks again at the next start');
  mkdirSync(dataDir, { recursive: true });
  if (response === 0) {
    writeFileSync(file, JSON.stringify({ kind: 'host' }));
    return { kind: 'host' };
  }
  const bench = await pairBench(dataDir, given || (await clipboard.readText()), { coreUrl: '' });
  if (bench.pin) pinWindowTo(bench.pin.fingerprint);
  return { kind: 'bench', coreUrl: bench.coreUrl };
}
