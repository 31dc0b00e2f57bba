#!/usr/bin/env node
// Our SQLite writes a commit's WAL frames in a few write calls instead of two per page.
//
// Stock SQLite writes each WAL frame with two pwrite calls (its 24-byte header, then its page), so
// a commit of 40 pages costs 80 system calls; on the VMs we measured a call costs ~4 µs, which made
// them the largest fixed cost of a commit (bench/results/rules.json and rules-inprocess.json, run
// with BENCH_BASELINE at a checkout built with stock SQLite). This patch
// assembles up to 128 KB of frames in memory and writes them with one call. The bytes written, their
// order and the points where SQLite syncs are unchanged (no sync happens inside the frame loop), so
// the WAL's format and its crash recovery are SQLite's own; tests/core/store/wal-batch.test.ts
// checks the frames' checksums and recovery from a copied WAL.
//
// The patch is applied to better-sqlite3's bundled amalgamation in node_modules, which is then built
// from source (about a minute), so every build from that folder carries it: npm's, and
// @electron/rebuild's for Electron. A prebuilt binary (downloaded by prebuild-install) lacks it and
// is rebuilt. A machine that cannot build native code keeps the binary it had (see ensure). Only Node built-ins here: this runs right after `npm ci` (package.json postinstall).
//
// node scripts/sqlite-wal-batch.mjs          patch and build when the built SQLite lacks the patch
// node scripts/sqlite-wal-batch.mjs --check  exit 0 when the built SQLite carries it, else 1
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const moduleDir = join(root, 'node_modules', 'better-sqlite3');
const amalgamation = join(moduleDir, 'deps', 'sqlite3', 'sqlite3.c');
/** Appended to SQLITE_SOURCE_ID: `SELECT sqlite_source_id()` tells a patched build from a stock one. */
export const MARKER = 'packline-wal-batch-1';

/** Each edit: an exact passage of SQLite's walFrames() (wal.c) and what replaces it. */
const edits = [
  {
    what: 'the source id',
    from: /(#define SQLITE_SOURCE_ID\s+"[^"]*)"/,
    to: `$1 ${MARKER}"`,
  },
  {
    what: "walFrames' locals",
    from: `  WalIndexHdr *pLive;             /* Pointer to shared header */

  assert( pList );
  assert( pWal->writeLock );
`,
    to: `  WalIndexHdr *pLive;             /* Pointer to shared header */
  u8 *aBatch = 0;                 /* Packline: frames assembled for one write call */
  int nBatch = 0;                 /* Frames in aBatch */
  int mxBatch = 0;                /* Frames aBatch holds */
  i64 iBatchOff = 0;              /* WAL offset of aBatch's first frame */

  assert( pList );
  assert( pWal->writeLock );
`,
  },
  {
    what: "walFrames' frame loop head",
    from: `  /* Write all frames into the log file exactly once */
  for(p=pList; p; p=p->pDirty){
`,
    to: `  /* Packline: frames are written in batches of up to 128 KB, one write call each, rather than
  ** with two calls a frame (its header, then its page). The unix VFS writes at most 0x1ffff bytes
  ** a call (seekAndWriteFd). Without the buffer (out of memory), frame by frame as before. */
  {
    int nList = 0;
    int mxFit = 0x1ffff/szFrame;
    for(p=pList; p && nList<mxFit; p=p->pDirty) nList++;
    mxBatch = nList;
    aBatch = nList>1 ? (u8*)sqlite3_malloc64((i64)nList*szFrame) : 0;
  }

  /* Write all frames into the log file exactly once */
  for(p=pList; p; p=p->pDirty){
`,
  },
  {
    what: 'the overwrite of a frame written earlier in the transaction',
    from: `        rc = sqlite3OsWrite(pWal->pWalFd, pData, szPage, iOff);
        if( rc ) return rc;
        p->flags &= ~PGHDR_WAL_APPEND;`,
    to: `        rc = sqlite3OsWrite(pWal->pWalFd, pData, szPage, iOff);
        if( rc ){ sqlite3_free(aBatch); return rc; }
        p->flags &= ~PGHDR_WAL_APPEND;`,
  },
  {
    what: 'the frame write in the loop',
    from: `    nDbSize = (isCommit && p->pDirty==0) ? nTruncate : 0;
    rc = walWriteOneFrame(&w, p, nDbSize, iOffset);
    if( rc ) return rc;
    pLast = p;
    iOffset += szFrame;
    p->flags |= PGHDR_WAL_APPEND;
  }
`,
    to: `    nDbSize = (isCommit && p->pDirty==0) ? nTruncate : 0;
    if( aBatch ){
      /* Packline: the frame as walWriteOneFrame() would write it, into the batch */
      u8 *aOut = &aBatch[nBatch*szFrame];
      if( nBatch==0 ) iBatchOff = iOffset;
      walEncodeFrame(pWal, p->pgno, nDbSize, p->pData, aOut);
      memcpy(&aOut[WAL_FRAME_HDRSIZE], p->pData, szPage);
      if( ++nBatch==mxBatch ){
        rc = walWriteToLog(&w, aBatch, nBatch*szFrame, iBatchOff);
        nBatch = 0;
      }
    }else{
      rc = walWriteOneFrame(&w, p, nDbSize, iOffset);
    }
    if( rc ){ sqlite3_free(aBatch); return rc; }
    pLast = p;
    iOffset += szFrame;
    p->flags |= PGHDR_WAL_APPEND;
  }
  /* Packline: the last batch goes out before the checksums are rewritten (they read the file) and
  ** before any padding or sync. */
  if( aBatch ){
    if( nBatch>0 ) rc = walWriteToLog(&w, aBatch, nBatch*szFrame, iBatchOff);
    sqlite3_free(aBatch);
    if( rc ) return rc;
  }
`,
  },
];

/** The amalgamation with the patch; throws naming the passage not found (a new SQLite moved it). */
export function patched(source) {
  if (source.includes(MARKER)) return source;
  let out = source;
  for (const e of edits) {
    const found = typeof e.from === 'string' ? out.split(e.from).length - 1 : (out.match(e.from) ? 1 : 0);
    if (found !== 1) throw new Error(`sqlite-wal-batch: ${e.what} was found ${found} times in ${amalgamation} (expected once); better-sqlite3's SQLite changed, so review the patch against its walFrames()`);
    out = out.replace(e.from, e.to);
  }
  return out;
}

/** The SQLite that better-sqlite3 loads here carries the patch. */
export function builtIsPatched() {
  const r = spawnSync(process.execPath, ['-e', "process.stdout.write(new (require('better-sqlite3'))(':memory:').prepare('SELECT sqlite_source_id()').pluck().get())"], { cwd: root, encoding: 'utf8' });
  return r.status === 0 && r.stdout.endsWith(MARKER);
}

/** Left by a build that failed here: later runs do not try again until node_modules is made anew (npm ci). */
const failedMark = join(moduleDir, '.packline-wal-batch-failed');
const binary = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');

/**
 * Patches and builds when the SQLite loaded here lacks the patch. A machine that cannot build native
 * code (no compiler) keeps the better-sqlite3 it had, prebuilt or not: the app works the same, its
 * commits cost more system calls. That is said once, and not tried again.
 */
function ensure() {
  if (!existsSync(amalgamation)) throw new Error(`sqlite-wal-batch: ${amalgamation} is missing; run npm ci`);
  if (builtIsPatched() || existsSync(failedMark)) return;
  const source = readFileSync(amalgamation, 'latin1'); // byte for byte: the amalgamation is not all UTF-8
  const out = patched(source);
  if (out !== source) writeFileSync(amalgamation, out, 'latin1');
  process.stdout.write('Building better-sqlite3 from source with the WAL write patch (scripts/sqlite-wal-batch.mjs; about a minute)...\n');
  const kept = existsSync(binary) ? readFileSync(binary) : null;
  // npm rebuild runs better-sqlite3's own install script; build_from_source stops it taking a prebuilt binary.
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const env = { ...process.env, npm_config_build_from_source: 'true' };
  const r = spawnSync(npm, ['rebuild', 'better-sqlite3', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (r.status === 0 && builtIsPatched()) return;
  if (kept) {
    mkdirSync(dirname(binary), { recursive: true });
    writeFileSync(binary, kept);
  }
  writeFileSync(failedMark, `npm rebuild better-sqlite3 exited with ${r.status}\n`);
  process.stderr.write(`sqlite-wal-batch: better-sqlite3 could not be built with the WAL write patch here (see the build output above); ${kept ? 'the better-sqlite3 installed before is kept' : 'no better-sqlite3 binary is left: install a C++ toolchain, then npm ci'}. Packline runs on it as before, with more system calls per commit. To try again: delete ${failedMark}.\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) process.exit(builtIsPatched() ? 0 : 1);
  ensure();
}
