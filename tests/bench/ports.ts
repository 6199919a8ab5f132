// Free loopback ports for one run: one per subgraph and one for the gateway under test. All are
// held open until every one is chosen, so none is handed out twice.
import { createServer, type Server } from 'node:net';

function listen(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

export async function freePortFor(names: readonly string[]): Promise<{ subgraphs: Record<string, number>; gateway: number }> {
  const servers = await Promise.all([...names, 'gateway'].map(() => listen()));
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return { subgraphs: Object.fromEntries(names.map((n, i) => [n, ports[i]])), gateway: ports[names.length] };
}
