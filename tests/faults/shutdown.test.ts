// Graceful shutdown on SIGTERM, of a subgraph and of the gateway, as real processes: new
// connections are refused at once, the request in flight finishes and is answered, the process
// exits 0. The request is held in flight by a table lock (observed in pg_stat_activity), not a sleep.
import { randomUUID } from 'node:crypto';
import { DEMO_CHILDREN } from '@hub/seed';
import { SUBGRAPHS } from '@hub/schema';
import { postGraphQL, tokenFor } from '../kit/hub';
import { startFaultHub, type FaultHub } from './kit/fault-hub';
import { spawnService, type ServiceProcess } from './kit/processes';
import { consentInput, consentRows, lockTable, RECORD_CONSENT } from './kit/writes';

const child = DEMO_CHILDREN[0];
let hub: FaultHub;
beforeAll(async () => {
  hub = await startFaultHub({ label: 'shutdown', asProcess: ['governance'] });
});
afterAll(() => hub?.stop());

async function refusesConnections(port: number): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/live`, { signal: AbortSignal.timeout(1000) });
    } catch (e) {
      if ((e as any)?.cause?.code === 'ECONNREFUSED') return true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

async function drainsOnSigterm(target: ServiceProcess, send: (key: string) => Promise<any>) {
  const key = `term-${randomUUID()}`;
  const lock = await lockTable(hub.databases.governance, 'consent');
  const inFlight = send(key);
  await lock.waiter();
  const exit = target.exited();
  target.child.kill('SIGTERM');

  expect(await refusesConnections(target.port)).toBe(true);
  expect(target.child.exitCode).toBeNull(); // still finishing the request in flight
  await lock.release();
  const res = await inFlight;
  expect(res.body.errors).toBeUndefined();
  expect(await consentRows(hub.databases.governance, key)).toEqual([res.body.data.recordConsent.id]);
  expect(await exit).toBe(0);
}

it('a subgraph finishes its in-flight request, refuses new connections and exits 0', async () => {
  await drainsOnSigterm(hub.processes.governance!, (key) => hub.query('coordinator', RECORD_CONSENT, { input: consentInput(child.id), key }));
  await hub.processes.governance!.restart();
});

it('the gateway does the same', async () => {
  const env = Object.fromEntries(SUBGRAPHS.map((s) => [s.urlEnv, hub.urls[s.name]]));
  const gateway = await spawnService({ name: 'gateway', env });
  const token = await tokenFor('coordinator');
  await drainsOnSigterm(gateway, (key) => postGraphQL(gateway.url, RECORD_CONSENT, { input: consentInput(child.id), key }, { authorization: `Bearer ${token}` }));
});
