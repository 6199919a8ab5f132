// PostgreSQL stopped and started under running subgraphs: requests during the outage fail cleanly
// (a GraphQL error with a code, no crash, no hang, nothing about the infrastructure), and the
// subgraphs reconnect by themselves afterwards.
import { DEMO_CHILDREN } from '@hub/seed';
import { startFaultHub, type FaultHub } from './kit/fault-hub';
import { startPrivateCluster, type PrivateCluster } from './kit/cluster';

const JOINT = `query($id: ID!) { child(id: $id) { id education { upn } health { nhsNumber } socialCare { laChildId } } }`;
const child = DEMO_CHILDREN.find((x) => x.education && x.health && x.socialCare)!;
let cluster: PrivateCluster;
let hub: FaultHub;

beforeAll(async () => {
  cluster = await startPrivateCluster();
  hub = await startFaultHub({ label: 'pgrestart', server: cluster.url, asProcess: ['governance', 'education'] });
});
afterAll(async () => {
  await hub?.stop();
  await cluster?.dispose();
});

it('fails cleanly during the outage and reconnects by itself after the restart', async () => {
  const before = await hub.query('coordinator', JOINT, { id: child.id });
  expect(before.body.errors).toBeUndefined();
  const pids = [hub.processes.governance!.child.pid, hub.processes.education!.child.pid];

  await cluster.stop();
  // The child index (governance) cannot be read: the whole view fails, cleanly.
  const down = await hub.query('coordinator', JOINT, { id: child.id });
  expect(down.status).toBe(200);
  expect(down.body.data?.child ?? null).toBeNull();
  expect(down.body.errors!.length).toBeGreaterThan(0);
  for (const e of down.body.errors!) {
    expect(e.extensions!.code).toBe('DATABASE_UNAVAILABLE');
    expect(e.extensions!.serviceName).toBe('governance');
    expect(e.extensions!.stacktrace).toBeUndefined();
  }
  expect(JSON.stringify(down.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|5432|terminat|\bat .*\.ts/);
  // A query that needs only education's database.
  const services = await hub.query('coordinator', '{ educationServices { id } }');
  expect(services.body.errors!.map((e) => [e.extensions!.code, e.extensions!.serviceName])).toEqual([
    ['DATABASE_UNAVAILABLE', 'education'],
  ]);
  const gatewayHealth = await fetch(hub.gateway.url.replace(/graphql$/, 'health'));
  expect(gatewayHealth.status).toBe(503);

  await cluster.start();
  const after = await hub.query('coordinator', JOINT, { id: child.id });
  expect(after.body.errors).toBeUndefined();
  expect(after.body.data.child).toEqual({
    id: child.id,
    education: { upn: child.upn },
    health: { nhsNumber: child.nhsNumber },
    socialCare: { laChildId: child.socialCare!.laChildId },
  });
  expect((await fetch(hub.gateway.url.replace(/graphql$/, 'health'))).status).toBe(200);
  // The same processes: nothing crashed and nothing was restarted.
  expect([hub.processes.governance!.child.pid, hub.processes.education!.child.pid]).toEqual(pids);
  expect(hub.processes.governance!.child.exitCode).toBeNull();
  expect(hub.processes.education!.child.exitCode).toBeNull();
});
