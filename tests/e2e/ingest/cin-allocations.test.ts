// Relationships from the LA's case system: the case allocations feed sent with a CIN census return
// becomes SOURCE_SYSTEM ALLOCATION relationships in governance, through the gateway, on real
// PostgreSQL. Replay changes nothing; a corrected feed ends what the source stopped sending; a
// feed with errors rejects the whole submission (census too) and names row and column.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestHub, tokenFor, type TestHub } from '../../kit/hub';
import { sql } from '../../kit/databases';
import { runIngestCli } from '../../kit/ingest-cli';
import { postCinCensus, type CinIngestSummary } from '../../../scripts/ingest/client';

const FIXTURES = join(__dirname, '../../fixtures/ingest');
const census = readFileSync(join(FIXTURES, 'cin/valid-census.xml'), 'utf8');
const feed = (name: string) => readFileSync(join(FIXTURES, 'allocations', name), 'utf8');

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'ingalloc', children: [] });
});
afterAll(() => hub?.stop());

async function ingest(allocations?: string, user = 'sc-feed') {
  return postCinCensus(hub.gateway.url, await tokenFor(user), census, allocations);
}
async function accepted(allocations?: string): Promise<CinIngestSummary> {
  const r = await ingest(allocations);
  if (!r.ok) throw new Error(`rejected: ${JSON.stringify(r.errors)}`);
  return r.result;
}
const relationships = () =>
  sql(
    hub.databases.governance,
    `SELECT child_id, user_sub, agency, org, created_as, end_date IS NOT NULL AS ended FROM relationship WHERE kind = 'ALLOCATION' ORDER BY child_id, user_sub`,
  );
async function footprint() {
  const [s] = await sql(
    hub.databases['social-care'],
    `SELECT (SELECT count(*) FROM ingest_submission) s, (SELECT count(*) FROM case_allocation) a, (SELECT count(*) FROM cin_episode) c, (SELECT max(source_at) FROM case_allocation) t`,
  );
  const [g] = await sql(hub.databases.governance, 'SELECT (SELECT count(*) FROM relationship) r, (SELECT count(*) FROM child) c');
  return { ...s, ...g };
}

describe('case allocations sent with the CIN census', () => {
  let ids: string[];

  it('a feed with errors rejects the whole submission, naming each row and column, and writes nothing', async () => {
    const before = await footprint();
    const text = feed('invalid.allocations.csv');
    const r = await ingest(text);
    expect(r.ok).toBe(false);
    const issues = !r.ok ? r.errors[0].issues! : [];
    expect(!r.ok && r.errors[0].code).toBe('BAD_USER_INPUT');
    for (const [record, field, code] of [
      [1, 'CHILD', 'ALLOC-CHILD'],
      [2, 'START_DATE', 'ALLOC-DATE'],
      [3, 'END_DATE', 'ALLOC-END-BEFORE-START'],
      [4, 'WORKER', 'ALLOC-WORKER'],
      [5, 'CHILD', 'ALLOC-DUPLICATE'],
    ] as const)
      expect(issues).toContainEqual(expect.objectContaining({ severity: 'error', recordType: 'Allocation', record, field, code }));
    for (const v of ['T0000099', '02/03/2025', 'has space']) expect(JSON.stringify(r)).not.toContain(v);
    const missing = await ingest(feed('invalid-no-start-column.allocations.csv'));
    expect(!missing.ok && missing.errors[0].issues).toContainEqual(expect.objectContaining({ code: 'ALLOC-CSV', record: null }));
    expect(await footprint()).toEqual(before);
  });

  it('an open allocation becomes a SOURCE_SYSTEM ALLOCATION in the LA; one already ended does not', async () => {
    const r = await accepted(feed('valid.allocations.csv'));
    expect(r).toMatchObject({ replayed: false, relationships: { allocated: 2, ended: 0, failed: 0 } });
    ids = r.linked.map((l) => l.childId);
    expect(await relationships()).toEqual(
      [
        { child_id: ids[0], user_sub: 'u-sw-1', agency: 'SOCIAL_CARE', org: 'LA937', created_as: 'SOURCE_SYSTEM', ended: false },
        { child_id: ids[1], user_sub: 'u-sw-9', agency: 'SOCIAL_CARE', org: 'LA937', created_as: 'SOURCE_SYSTEM', ended: false },
      ].sort((a, b) => a.child_id.localeCompare(b.child_id)),
    );
    // The allocated worker now has a relationship of their own to the child; the other child is still refused.
    const seen = await hub.query('social-worker', 'query($id: ID!) { child(id: $id) { socialCare { laChildId } } }', { id: ids[0] });
    expect(seen.body.errors).toBeUndefined();
    expect(seen.body.data.child.socialCare.laChildId).toBe('T0000001');
    const refused = await hub.query('social-worker', 'query($id: ID!) { child(id: $id) { socialCare { laChildId } } }', { id: ids[2] });
    expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the same return and feed again change nothing, and say so', async () => {
    const before = await footprint();
    const again = await accepted(feed('valid.allocations.csv'));
    expect(again).toMatchObject({
      replayed: true,
      created: 0,
      updated: 0,
      closed: 0,
      relationships: { allocated: 0, ended: 0, failed: 0 },
    });
    expect(await footprint()).toEqual(before);
  });

  it('a corrected feed ends only the allocation the source stopped sending (closed, not deleted)', async () => {
    const corrected = feed('valid.allocations.csv')
      .split('\n')
      .filter((l) => !l.startsWith('T0000001'))
      .join('\n');
    const r = await accepted(corrected);
    expect(r).toMatchObject({ replayed: false, created: 0, updated: 0, closed: 1, relationships: { allocated: 0, ended: 1, failed: 0 } });
    const rows = await relationships();
    expect(rows.find((x) => x.child_id === ids[0])).toMatchObject({ user_sub: 'u-sw-1', ended: true });
    expect(rows.find((x) => x.child_id === ids[1])).toMatchObject({ user_sub: 'u-sw-9', ended: false });
    const [kept] = await sql(
      hub.databases['social-care'],
      'SELECT count(*)::int AS n FROM case_allocation WHERE child_id = $1 AND closed_at IS NOT NULL',
      [ids[0]],
    );
    expect(kept.n).toBe(1);
    // Sent again (in a new submission: the first one's exact bytes would be a replay), the
    // allocation is reopened with a fresh relationship.
    const back = await accepted(`${feed('valid.allocations.csv')}\n`);
    expect(back.relationships).toEqual({ allocated: 1, ended: 0, redated: 0, failed: 0 });
  });

  it('a census without a feed leaves allocations as they are', async () => {
    const before = await relationships();
    const r = await accepted(undefined);
    expect(r.relationships).toEqual({ allocated: 0, ended: 0, redated: 0, failed: 0 });
    expect(await relationships()).toEqual(before);
  });

  it('a health source system may not send one', async () => {
    const r = await ingest(feed('valid.allocations.csv'), 'health-feed');
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the CLI', () => {
  it('sends a return with the allocations feed beside it and counts the relationships', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ingest-alloc-cli-'));
    writeFileSync(join(dir, 'census.xml'), census.replace('<SerialNo>001</SerialNo>', '<SerialNo>cli</SerialNo>'));
    // The feed beside the return (<name>.allocations.csv) goes with it, without --allocations.
    writeFileSync(join(dir, 'census.allocations.csv'), feed('valid.allocations.csv').replace('T0000002,u-sw-9', 'T0000002,u-sw-8'));
    const run = await runIngestCli(hub.gateway.url, 'social-care', ['--dir', dir]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      submissions: 1,
      rejected: 0,
      children: 3,
      allocated: 1,
      ended: 1,
      redated: 0,
      relationshipFailures: 0,
    });
  });
});
