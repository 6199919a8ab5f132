// The gateway's static front for the browser app: files from web/dist only, the app's pages for
// unknown page paths, 404 for unknown assets and the gateway's own paths, a CSP on everything.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentSecurityPolicy, staticApp } from './static';

let server: Server;
let base: string;
beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'web-dist-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'secret.txt'), 'not for the web');
  const serveApp = staticApp(root, contentSecurityPolicy('https://login.example'));
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!(await serveApp(req, res, url))) res.writeHead(404).end('no');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

it("serves index.html for the app's pages, never cached, with a CSP that allows only the origin and the provider", async () => {
  for (const path of ['/', '/caseload', '/advice/check']) {
    const res = await fetch(base + path);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>app</title>');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' https://login.example");
    expect(csp).toContain("frame-ancestors 'none'");
  }
});

it("serves hashed assets for a year, and 404s unknown assets, other files and the gateway's own paths", async () => {
  const js = await fetch(`${base}/assets/app-1234.js`);
  expect(js.status).toBe(200);
  expect(js.headers.get('content-type')).toContain('text/javascript');
  expect(js.headers.get('cache-control')).toContain('immutable');
  for (const path of ['/assets/missing.js', '/favicon.ico', '/dev/users', '/auth/config']) {
    const res = await fetch(base + path);
    expect({ path, status: res.status }).toEqual({ path, status: 404 });
  }
});

it('never serves a file outside web/dist, however the path is encoded', async () => {
  // Raw requests: fetch would normalise the dots away before sending.
  const raw = (path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      get({ host: '127.0.0.1', port: Number(new URL(base).port), path }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      }).on('error', reject);
    });
  for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%2fsecret.txt']) {
    const res = await raw(path);
    expect(res.body).not.toContain('not for the web');
  }
});
