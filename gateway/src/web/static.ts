// The browser app (web/dist), served by the gateway so that it shares /graphql's origin: no CORS,
// and the token never has to cross origins. Hashed assets are cached for a year; index.html is
// never cached, so a new build is picked up on the next navigation. Any other path a browser
// navigates to gets index.html (the app's router owns the URL space).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
};

/**
 * Scripts and styles from this origin only (GraphiQL and Plot are bundled, not fetched from a
 * CDN). Inline style attributes are allowed because Plot and GraphiQL set them on elements;
 * inline scripts are not. `connect` may also reach the OpenID provider for sign-in.
 */
const RESERVED = ['/dev/', '/auth/config', '/graphql', '/health', '/live'];

export function contentSecurityPolicy(oidcOrigin?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${oidcOrigin ? ` ${oidcOrigin}` : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

export function staticApp(root: string, csp: string) {
  const rootDir = normalize(root) + sep;
  const headers = (type: string, cache: string) => ({
    'content-type': type,
    'cache-control': cache,
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (!existsSync(join(rootDir, 'index.html'))) return false;
    let path: string;
    try {
      path = normalize(join(rootDir, decodeURIComponent(url.pathname)));
    } catch {
      return false;
    }
    if (!path.startsWith(rootDir)) return false;
    const isFile = existsSync(path) && statSync(path).isFile();
    if (!isFile) {
      // Unknown asset paths are 404s, and so are the gateway's own JSON paths when their route is
      // absent (the development sign-in in production); unknown pages are the app's routes.
      if (url.pathname.startsWith('/assets/') || extname(url.pathname) || RESERVED.some((p) => url.pathname.startsWith(p))) return false;
      path = join(rootDir, 'index.html');
    }
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    const immutable = path.startsWith(join(rootDir, 'assets') + sep);
    res.writeHead(200, headers(type, immutable ? 'public, max-age=31536000, immutable' : 'no-cache'));
    if (req.method === 'HEAD') res.end();
    else createReadStream(path).pipe(res);
    return true;
  };
}
