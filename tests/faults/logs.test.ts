// Logs: the personal-data scanner the jest teardown runs over the whole run's logs finds what it
// must (so a clean scan means something), and a request id given to the gateway is carried into
// the log lines of every service the request touched, processes included.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { DEMO_CHILDREN } from '@hub/seed';
import { generatePopulation } from '@hub/seed';
import { formatNhsNumber } from '@hub/schema';
import { findPersonalData } from '../kit/personal-data';
import { startFaultHub, type FaultHub } from './kit/fault-hub';
import { sql } from '../kit/databases';

describe('the personal-data scanner', () => {
  const c = DEMO_CHILDREN[2];
  const synthetic = [...generatePopulation({ children: 50, seed: 99 })].find((x) => x.upn && x.nhsNumber)!;
  it('finds names, NHS numbers (spaced or not), UPNs and dates of birth, of demo and synthetic children', () => {
    const log = [
      JSON.stringify({ msg: 'ok', requestId: randomUUID(), time: Date.now() }),
      JSON.stringify({ who: c.givenName }),
      JSON.stringify({ who: `${synthetic.familyName}` }),
      JSON.stringify({ n: c.nhsNumber }),
      JSON.stringify({ n: formatNhsNumber(synthetic.nhsNumber!) }),
      JSON.stringify({ u: synthetic.upn }),
      JSON.stringify({ dob: c.dateOfBirth }),
    ].join('\n');
    expect(findPersonalData(log)).toEqual([
      { line: 2, kind: 'name' },
      { line: 3, kind: 'name' },
      { line: 4, kind: 'nhsNumber' },
      { line: 5, kind: 'nhsNumber' },
      { line: 6, kind: 'upn' },
      { line: 7, kind: 'dateOfBirth' },
    ]);
  });
  it('does not mistake ids, timestamps and counts for personal data', () => {
    const line = JSON.stringify({
      level: 30,
      time: 1795375442506,
      pid: 1234,
      requestId: randomUUID(),
      ms: 12.5,
      sql: 3,
      status: 200,
      msg: 'graphql request',
    });
    expect(findPersonalData(line)).toEqual([]);
  });
});

describe('request ids', () => {
  let hub: FaultHub;
  beforeAll(async () => {
    hub = await startFaultHub({ label: 'logs', asProcess: ['health'] });
  });
  afterAll(() => hub?.stop());

  it('are assigned by the gateway, passed to every subgraph and appear in each one’s log line; a client id is only a correlation id', async () => {
    const file = process.env.LOG_FILE!;
    expect(file).toBeTruthy();
    const clientId = `trace-${randomUUID()}`;
    const c = DEMO_CHILDREN.find((x) => x.education && x.health && x.socialCare)!;
    const res = await hub.query(
      'coordinator',
      `query($id: ID!) { child(id: $id) { id education { upn } health { nhsNumber } socialCare { laChildId } } }`,
      { id: c.id },
      { 'x-request-id': clientId },
    );
    expect(res.body.errors).toBeUndefined();
    const requestId = res.headers.get('x-request-id')!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestId).not.toBe(clientId);
    expect(res.headers.get('x-correlation-id')).toBe(clientId);
    const lines = () =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.includes(requestId))
        .map((l) => JSON.parse(l));
    // The health process writes its own line; give it a moment to land (bounded, not a timing assert).
    for (let i = 0; i < 100 && !lines().some((l) => l.service === 'health'); i++) await new Promise((r) => setTimeout(r, 50));
    const mine = lines();
    expect([...new Set(mine.map((l) => l.service))].sort()).toEqual(['education', 'gateway', 'governance', 'health', 'social-care']);
    for (const l of mine) expect(l).toMatchObject({ requestId, msg: 'graphql request', status: 200 });
    expect(mine.find((l) => l.service === 'gateway').correlationId).toBe(clientId);
    expect(mine.find((l) => l.service === 'health').pid).toBe(hub.processes.health!.child.pid);
    // The audit record carries the server's id: the client's cannot pass for anyone else's.
    const audit = await sql(hub.databases.education, 'SELECT request_id FROM audit_event WHERE request_id IN ($1, $2)', [
      requestId,
      clientId,
    ]);
    expect(audit.map((r) => r.request_id)).toEqual([requestId]);
  });

  it('a malformed client id is dropped, not echoed', async () => {
    const res = await hub.query('coordinator', '{ __typename }', undefined, { 'x-request-id': 'not valid!' });
    expect(res.headers.get('x-correlation-id')).toBeNull();
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
