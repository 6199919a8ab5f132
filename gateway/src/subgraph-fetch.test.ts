import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { undiciFetcher } from './subgraph-fetch';

describe("the gateway's undici fetcher to subgraphs", () => {
  let server: Server;
  let url: string;
  const seen: { method?: string; headers: Record<string, unknown>; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method, headers: req.headers, body });
        if (req.url === '/slow') return void setTimeout(() => res.end('{}'), 500);
        if (req.url === '/down') return void res.writeHead(503, { 'content-type': 'text/plain' }).end('down');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { echo: JSON.parse(body) } }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('sends the method, headers and body, and answers what RemoteGraphQLDataSource reads', async () => {
    const fetcher = undiciFetcher(2000);
    const res = await fetcher(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-identity': 'token' },
      body: '{"query":"{ a }"}',
    });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', headers: { 'x-hub-identity': 'token' }, body: '{"query":"{ a }"}' });
    expect(res.ok).toBe(true);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/json');
    expect(res.headers.get('x-absent')).toBeNull();
    expect(await res.json()).toEqual({ data: { echo: { query: '{ a }' } } });
  });

  it('reports an HTTP error as not ok, with its status and body', async () => {
    const res = await undiciFetcher(2000)(`${url}/down`, { method: 'POST', body: '{}' });
    expect(res.ok).toBe(false);
    expect(res.status).toBe(503);
    expect(await res.text()).toBe('down');
  });

  it('gives up after the time limit with a TimeoutError, as fetch does', async () => {
    await expect(undiciFetcher(100)(`${url}/slow`, { method: 'POST', body: '{}' })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('reuses its connections between calls (keep-alive)', async () => {
    const fetcher = undiciFetcher(2000);
    const ports = new Set<number>();
    server.on('connection', (s) => ports.add(s.remotePort!));
    // A socket returns to the pool a tick after its answer is read, so back-to-back calls may open
    // a second one; never one per call.
    for (let i = 0; i < 10; i++) await (await fetcher(`${url}/graphql`, { method: 'POST', body: '{}' })).text();
    expect(ports.size).toBeLessThanOrEqual(2);
  });
});
