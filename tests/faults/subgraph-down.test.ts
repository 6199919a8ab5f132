// One agency's subgraph down or hung: the gateway keeps answering with the other agencies' parts,
// names the missing service, and recovers by itself when the subgraph comes back.
import { createServer, type Server, type Socket } from 'node:net';
import { startGateway } from '@hub/gateway';
import { DEMO_CHILDREN } from '@hub/seed';
import { postGraphQL, tokenFor } from '../kit/hub';
import { startFaultHub, type FaultHub } from './kit/fault-hub';

const JOINT = `query($id: ID!) { child(id: $id) { id education { upn } health { nhsNumber } socialCare { laChildId } } }`;
const child = DEMO_CHILDREN.find((x) => x.education && x.health && x.socialCare)!;

let hub: FaultHub;
beforeAll(async () => {
  hub = await startFaultHub({ label: 'down', asProcess: ['health'] });
});
afterAll(() => hub?.stop());

const health = async () => {
  const res = await fetch(hub.gateway.url.replace(/graphql$/, 'health'));
  return { status: res.status, body: (await res.json()) as any };
};

it('answers the other agencies’ parts while health is down, names the service, and recovers without a restart', async () => {
  const before = await hub.query('coordinator', JOINT, { id: child.id });
  expect(before.body.errors).toBeUndefined();
  expect((await health()).status).toBe(200);

  await hub.processes.health!.kill('SIGKILL');
  const during = await hub.query('coordinator', JOINT, { id: child.id });
  expect(during.status).toBe(200);
  expect(during.body.data.child).toEqual({
    id: child.id,
    education: { upn: child.upn },
    health: null,
    socialCare: { laChildId: child.socialCare!.laChildId },
  });
  expect(during.body.errors).toEqual([
    {
      message: 'the health service is unavailable',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'health', reason: 'UNREACHABLE' },
    },
  ]);
  // Nothing about where the service lives leaks to the client.
  expect(JSON.stringify(during.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|localhost/);
  const h = await health();
  expect(h).toEqual({
    status: 503,
    body: {
      status: 'degraded',
      subgraphs: { governance: 'up', education: 'up', health: 'down', 'social-care': 'up', family: 'up', commissioning: 'up' },
    },
  });
  // Queries that do not need health are untouched.
  const other = await hub.query('coordinator', '{ educationServices { id } }');
  expect(other.body.errors).toBeUndefined();

  await hub.processes.health!.restart();
  const after = await hub.query('coordinator', JOINT, { id: child.id });
  expect(after.body.errors).toBeUndefined();
  expect(after.body.data.child.health).toEqual({ nhsNumber: child.nhsNumber });
  expect((await health()).status).toBe(200);
});

describe('a hung subgraph (accepts the connection, never answers)', () => {
  let hung: Server;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    hung = createServer((s) => void sockets.add(s));
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', () => r()));
  });
  afterAll(async () => {
    sockets.forEach((s) => s.destroy());
    await new Promise((r) => hung.close(r));
  });

  it('cannot hang the gateway: the call times out and the rest of the answer comes back', async () => {
    const port = (hung.address() as { port: number }).port;
    const gw = await startGateway({
      subgraphUrls: { ...hub.urls, health: `http://127.0.0.1:${port}/graphql` },
      env: { ...process.env, SUBGRAPH_TIMEOUT_MS: '1000' },
    });
    try {
      const res = await postGraphQL(gw.url, JOINT, { id: child.id }, { authorization: `Bearer ${await tokenFor('coordinator')}` });
      expect(res.status).toBe(200);
      expect(res.body.data.child).toMatchObject({
        education: { upn: child.upn },
        health: null,
        socialCare: { laChildId: child.socialCare!.laChildId },
      });
      expect(res.body.errors).toEqual([
        {
          message: 'the health service did not answer within 1000 ms',
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'health', reason: 'TIMEOUT' },
        },
      ]);
      // The hung service really was called (the test would prove nothing otherwise).
      expect(sockets.size).toBeGreaterThan(0);
    } finally {
      await gw.stop();
    }
  });
});
