// A subgraph (and the gateway) as real processes, killed and stopped:
// - acknowledged writes survive a kill -9 of their subgraph, and a retry after an unclear failure
//   (the client never heard the answer, but the write happened) does not apply it twice;
// - graceful shutdown on SIGTERM: new connections are refused at once, the request in flight
//   finishes and is answered, the process exits 0.
// Requests are held in flight by a table lock (observed in pg_stat_activity), not a sleep.
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
  hub = await startFaultHub({ label: 'lifecycle', asProcess: ['governance'] });
});
afterAll(() => hub?.stop());

describe('durability', () => {
  it('keeps an acknowledged write through a kill -9 straight after the answer', async () => {
    const key = `ack-${randomUUID()}`;
    const res = await hub.query('coordinator', RECORD_CONSENT, { input: consentInput(child.id), key });
    expect(res.body.errors).toBeUndefined();
    const id = res.body.data.recordConsent.id;
    expect(await hub.processes.governance!.kill('SIGKILL')).toBe('SIGKILL');

    await hub.processes.governance!.restart();
    const read = await hub.query('privacy-officer', 'query($c: ID!) { consents(childId: $c) { id } }', { c: child.id });
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.consents.map((c: { id: string }) => c.id)).toContain(id);
    expect(await consentRows(hub.databases.governance, key)).toEqual([id]);
  });

  it('applies a write once when the client retries after an unclear failure', async () => {
    const key = `unclear-${randomUUID()}`;
    // The insert waits on a lock while its subgraph is killed: the client sees a failure, yet the
    // statement goes on in PostgreSQL and commits once the lock is released.
    const lock = await lockTable(hub.databases.governance, 'consent');
    const first = hub.query('coordinator', RECORD_CONSENT, { input: consentInput(child.id), key });
    await lock.waiter();
    await hub.processes.governance!.kill('SIGKILL');
    const failed = await first;
    expect(failed.body.errors!.map((e) => e.extensions!.code)).toEqual(['SUBGRAPH_UNAVAILABLE']);
    await lock.release();
    for (let i = 0; i < 200 && (await consentRows(hub.databases.governance, key)).length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    const [applied] = await consentRows(hub.databases.governance, key);
    expect(applied).toBeDefined();

    await hub.processes.governance!.restart();
    const retry = await hub.query('coordinator', RECORD_CONSENT, { input: consentInput(child.id), key });
    expect(retry.body.errors).toBeUndefined();
    expect(retry.body.data.recordConsent.id).toBe(applied);
    expect(await consentRows(hub.databases.governance, key)).toEqual([applied]);
  });

  it('refuses a key reused for a different consent, and writes nothing', async () => {
    const key = `reuse-${randomUUID()}`;
    const ok = await hub.query('coordinator', RECORD_CONSENT, { input: consentInput(child.id), key });
    expect(ok.body.errors).toBeUndefined();
    const other = await hub.query('coordinator', RECORD_CONSENT, {
      input: { ...consentInput(child.id), provisions: [{ effect: 'DENY', categories: ['HEALTH'] }] },
      key,
    });
    expect(other.body.errors!.map((e) => [e.extensions!.code, e.extensions!.argument])).toEqual([['BAD_USER_INPUT', 'idempotencyKey']]);
    expect(await consentRows(hub.databases.governance, key)).toHaveLength(1);
    const bad = await hub.query('coordinator', RECORD_CONSENT, { input: consentInput(child.id), key: 'short' });
    expect(bad.body.errors!.map((e) => [e.extensions!.code, e.extensions!.argument])).toEqual([['BAD_USER_INPUT', 'idempotencyKey']]);
  });
});

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

describe('graceful shutdown on SIGTERM', () => {
  it('a subgraph finishes its in-flight request, refuses new connections and exits 0', async () => {
    await drainsOnSigterm(hub.processes.governance!, (key) =>
      hub.query('coordinator', RECORD_CONSENT, { input: consentInput(child.id), key }),
    );
    await hub.processes.governance!.restart();
  });

  it('the gateway does the same', async () => {
    // A loaded machine can hold the request on the lock for seconds: the gateway must not give up on it first.
    const env = { ...Object.fromEntries(SUBGRAPHS.map((s) => [s.urlEnv, hub.urls[s.name]])), SUBGRAPH_TIMEOUT_MS: '60000' };
    const gateway = await spawnService({ name: 'gateway', env });
    const token = await tokenFor('coordinator');
    await drainsOnSigterm(gateway, (key) =>
      postGraphQL(gateway.url, RECORD_CONSENT, { input: consentInput(child.id), key }, { authorization: `Bearer ${token}` }),
    );
  });
});
