// The case allocations feed on its own (not with a CIN return), through the gateway, on real
// PostgreSQL: its rows become SOURCE_SYSTEM ALLOCATION relationships for children the LA's return
// already linked; a later feed that no longer lists an allocation ends it; an allocation's end date
// moved later, removed, or given again is carried to governance's relationship; replay changes nothing; a row for a child the
// hub has not been sent is refused whole.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestHub, tokenFor, type TestHub } from '../../kit/hub';
import { sql } from '../../kit/databases';
import { runIngestCli } from '../../kit/ingest-cli';
import { postCaseAllocations, postCinCensus, type AllocationsIngestSummary } from '../../../scripts/ingest/client';

const FIXTURES = join(__dirname, '../../fixtures/ingest');
const census = readFileSync(join(FIXTURES, 'cin/valid-census.xml'), 'utf8');

let hub: TestHub;
let ids: Map<string, string>;
beforeAll(async () => {
  hub = await startTestHub({ label: 'ingallocfeed', children: [] });
  // The children come through the LA's return, sent without a feed.
  const r = await postCinCensus(hub.gateway.url, await tokenFor('sc-feed'), census);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const rows = await sql(hub.databases['social-care'], "SELECT child_id, la_child_id FROM social_care_record WHERE la_code = '937'");
  ids = new Map(rows.map((x) => [x.la_child_id, x.child_id]));
});
afterAll(() => hub?.stop());

const far = (years: number) => `${new Date().getUTCFullYear() + years}-12-31`;
const csv = (rows: string[]) => ['CHILD,WORKER,START_DATE,END_DATE', ...rows].join('\n') + '\n';
async function send(text: string, user = 'sc-feed') {
  return postCaseAllocations(hub.gateway.url, await tokenFor(user), '937', text);
}
async function accepted(text: string): Promise<AllocationsIngestSummary> {
  const r = await send(text);
  if (!r.ok) throw new Error(`rejected: ${JSON.stringify(r.errors)}`);
  return r.result;
}
const allocations = () =>
  sql(
    hub.databases.governance,
    `SELECT child_id, user_sub, created_as, to_char(end_date, 'YYYY-MM-DD') AS end_date FROM relationship WHERE kind = 'ALLOCATION' ORDER BY child_id, user_sub, created_at`,
  );

describe('a case allocations feed sent on its own', () => {
  it('allocates each worker to a child the return linked, as the source system', async () => {
    const r = await accepted(csv([`T0000001,u-sw-1,2025-09-01,${far(1)}`, 'T0000002,u-sw-9,2025-03-02,']));
    expect(r).toMatchObject({ replayed: false, allocations: 2, created: 2, closed: 0 });
    expect(r.relationships).toEqual({ allocated: 2, ended: 0, redated: 0, failed: 0 });
    expect(await allocations()).toEqual(
      [
        { child_id: ids.get('T0000001'), user_sub: 'u-sw-1', created_as: 'SOURCE_SYSTEM', end_date: far(1) },
        { child_id: ids.get('T0000002'), user_sub: 'u-sw-9', created_as: 'SOURCE_SYSTEM', end_date: null },
      ].sort((a, b) => a.child_id!.localeCompare(b.child_id!)),
    );
  });

  it('the same feed again changes nothing', async () => {
    const before = await allocations();
    const r = await accepted(csv([`T0000001,u-sw-1,2025-09-01,${far(1)}`, 'T0000002,u-sw-9,2025-03-02,']));
    expect(r).toMatchObject({ replayed: true, created: 0, updated: 0, closed: 0 });
    expect(r.relationships).toEqual({ allocated: 0, ended: 0, redated: 0, failed: 0 });
    expect(await allocations()).toEqual(before);
  });

  it("an allocation's end date moved later is carried to its relationship (the same relationship, not a new one)", async () => {
    const r = await accepted(csv([`T0000001,u-sw-1,2025-09-01,${far(3)}`, 'T0000002,u-sw-9,2025-03-02,']));
    expect(r).toMatchObject({ replayed: false, created: 0, updated: 1, unchanged: 1, closed: 0 });
    expect(r.relationships).toEqual({ allocated: 0, ended: 0, redated: 1, failed: 0 });
    const rows = (await allocations()).filter((x) => x.child_id === ids.get('T0000001'));
    expect(rows).toEqual([{ child_id: ids.get('T0000001'), user_sub: 'u-sw-1', created_as: 'SOURCE_SYSTEM', end_date: far(3) }]);
  });

  it("an allocation's end date removed is removed from its relationship, and one given again is carried (the same relationship)", async () => {
    const removed = await accepted(csv(['T0000001,u-sw-1,2025-09-01,', 'T0000002,u-sw-9,2025-03-02,']));
    expect(removed.relationships).toEqual({ allocated: 0, ended: 0, redated: 1, failed: 0 });
    const one = async () => (await allocations()).filter((x) => x.child_id === ids.get('T0000001'));
    expect(await one()).toEqual([{ child_id: ids.get('T0000001'), user_sub: 'u-sw-1', created_as: 'SOURCE_SYSTEM', end_date: null }]);
    // (Rows in another order: the same bytes as an earlier feed would be a replay of that one, which changes nothing.)
    const again = await accepted(csv(['T0000002,u-sw-9,2025-03-02,', `T0000001,u-sw-1,2025-09-01,${far(3)}`]));
    expect(again.relationships).toEqual({ allocated: 0, ended: 0, redated: 1, failed: 0 });
    expect(await one()).toEqual([{ child_id: ids.get('T0000001'), user_sub: 'u-sw-1', created_as: 'SOURCE_SYSTEM', end_date: far(3) }]);
  });

  it('a feed that no longer lists an allocation ends it (closed, not deleted)', async () => {
    const r = await accepted(csv([`T0000001,u-sw-1,2025-09-01,${far(3)}`]));
    expect(r).toMatchObject({ replayed: false, closed: 1 });
    expect(r.relationships).toEqual({ allocated: 0, ended: 1, redated: 0, failed: 0 });
    const [ended] = (await allocations()).filter((x) => x.child_id === ids.get('T0000002'));
    expect(ended.end_date! < new Date().toISOString().slice(0, 10)).toBe(true);
    const [kept] = await sql(
      hub.databases['social-care'],
      'SELECT count(*)::int AS n FROM case_allocation WHERE child_id = $1 AND closed_at IS NOT NULL',
      [ids.get('T0000002')],
    );
    expect(kept.n).toBe(1);
  });

  it('a row for a child the LA has not sent is refused whole, naming the row, and nothing changes', async () => {
    const before = await allocations();
    const [{ n }] = await sql(hub.databases['social-care'], 'SELECT count(*)::int AS n FROM ingest_submission');
    const r = await send(csv(['T0000001,u-sw-2,2025-09-01,', 'NOTSENT1,u-sw-2,2025-09-01,']));
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(!r.ok && r.errors[0].issues).toEqual([expect.objectContaining({ record: 1, field: 'CHILD', code: 'ALLOC-CHILD' })]);
    expect(await allocations()).toEqual(before);
    const [{ n: after }] = await sql(hub.databases['social-care'], 'SELECT count(*)::int AS n FROM ingest_submission');
    expect(after).toBe(n);
  });

  it('a health source system may not send one; an LA code that is not 3 digits is refused', async () => {
    const r = await send(csv(['T0000001,u-sw-1,2025-09-01,']), 'health-feed');
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'FORBIDDEN' });
    const bad = await postCaseAllocations(hub.gateway.url, await tokenFor('sc-feed'), '93', csv(['T0000001,u-sw-1,2025-09-01,']));
    expect(!bad.ok && bad.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('the CLI', () => {
  it('sends a feed on its own with --la and --allocations and prints its summary', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ingest-alloc-cli-'));
    writeFileSync(join(dir, 'feed.csv'), csv([`T0000001,u-sw-1,2025-09-01,${far(3)}`, 'T0000003,u-sw-4,2025-10-01,']));
    const run = await runIngestCli(hub.gateway.url, 'social-care', ['--la', '937', '--allocations', join(dir, 'feed.csv')]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      submissions: 1,
      rejected: 0,
      replayed: false,
      allocations: 2,
      created: 1,
      unchanged: 1,
    });
  });
});
