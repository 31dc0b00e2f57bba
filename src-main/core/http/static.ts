import type { IncomingMessage, ServerResponse } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { join, normalize, extname, sep } from 'node:path';
import { resourcePath } from '../../labels/resources';
import { FONT_FILE } from '../../labels/font';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2', '.otf': 'font/otf',
  '.wav': 'audio/wav', '.mp3': 'audio/mpeg', '.pdf': 'application/pdf',
};

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' data: blob:; connect-src 'self' ws: wss:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * The font the labels print with, for the screens too (styles.css): a bench PC without a Chinese
 * font (many Linux installs) would show every Chinese word as boxes. The browser fetches it only
 * for CJK characters no installed font has.
 */
export const UI_FONT_PATH = '/fonts/NotoSansSC.otf';

/** The built UI: files under webRoot, and index.html for any other path (client-side routes). */
export function serveStatic(webRoot: string | undefined, req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (url.pathname === UI_FONT_PATH && (req.method === 'GET' || req.method === 'HEAD')) return sendFile(req, res, resourcePath(FONT_FILE), 'public, max-age=86400');
  if (!webRoot) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('No web UI is built here. Run "npm run serve" (it builds the UI), or use the API under /api/.');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' });
    res.end();
    return;
  }
  let rel: string;
  try {
    rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
  } catch {
    rel = '';
  }
  let file = join(webRoot, rel);
  if (!file.startsWith(webRoot + sep) && file !== webRoot) file = join(webRoot, 'index.html');
  const st = safeStat(file);
  if (!st || st.isDirectory()) file = join(webRoot, 'index.html');
  sendFile(req, res, file, rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, cacheControl: string): void {
  const st = safeStat(file);
  if (!st) {
    res.writeHead(404);
    res.end();
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': st.size,
    'Cache-Control': cacheControl,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

function safeStat(p: string) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}
