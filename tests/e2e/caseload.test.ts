// myCaseload: only the caller's own current relationships, page by page, and a page costs the same
// number of SQL statements in every subgraph however many children it holds.
import { Client } from 'pg';
import { SUBGRAPHS } from '@hub/schema';
import { DEMO_USERS } from '@hub/seed';
import { startTestHub, type GraphQLResponse, type TestHub } from '../kit/hub';

const RECORD_SUBGRAPHS = SUBGRAPHS.filter((s) => s.name !== 'commissioning');
const PAGE = `query($first: Int, $after: String) {
  myCaseload(first: $first, after: $after) {
    edges { cursor relationships node { id education { givenName upn assessments { status } } health { nhsNumber } socialCare { laChildId } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'caseload' });
});
afterAll(() => hub?.stop());

async function related(sub: string, org: string, agency: string): Promise<string[]> {
  const db = new Client({ connectionString: hub.databases.governance });
  await db.connect();
  try {
    const rows = await db.query(
      `SELECT DISTINCT child_id::text AS id FROM relationship
        WHERE ((kind IN ('ALLOCATION', 'SELF_CLAIM') AND user_sub = $1 AND org = $2) OR (kind = 'ADVICE_REQUEST' AND org = $2 AND agency = $3))
          AND start_date <= current_date AND (end_date IS NULL OR end_date >= current_date) ORDER BY 1`,
      [sub, org, agency],
    );
    return rows.rows.map((r) => r.id);
  } finally {
    await db.end();
  }
}

async function walk(user: string, first: number) {
  const ids: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const res: GraphQLResponse = await hub.query(user, PAGE, { first, after });
    expect((res.body.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN')).toEqual([]);
    const c: any = res.body.data.myCaseload;
    ids.push(...c.edges.map((e: any) => e.node.id));
    if (!c.pageInfo.hasNextPage) return ids;
    after = c.pageInfo.endCursor;
  }
  throw new Error('caseload never ended');
}

it.each([
  ['coordinator', 'EDUCATION'],
  ['paediatrician', 'HEALTH'],
  ['social-worker', 'SOCIAL_CARE'],
])('%s walks exactly their own relationships, page by page', async (user, agency) => {
  const u = DEMO_USERS[user];
  const expected = await related(u.sub, u.org, agency);
  expect(expected.length).toBeGreaterThan(3);
  const ids = await walk(user, 3);
  expect(ids).toEqual(expected);
  expect(await walk(user, 100)).toEqual(expected);
});

it('shows nothing to a professional with no relationships, nor to a commissioner', async () => {
  const stranger = { sub: 'u-stranger', name: 'x', org: 'RX9', roles: ['health_practitioner' as const] };
  const res = await hub.query(stranger, PAGE, { first: 10 });
  expect(res.body.data.myCaseload).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  const comm = await hub.query('commissioner', PAGE, { first: 10 });
  expect(comm.body.data.myCaseload.edges).toEqual([]);
});

it('costs the same number of SQL statements per subgraph for a page of 1 and a page of 8', async () => {
  const count = async (first: number) => {
    const before = Object.fromEntries(RECORD_SUBGRAPHS.map((s) => [s.name, hub.subgraphs[s.name].db.stats.statements]));
    const res = await hub.query('coordinator', PAGE, { first });
    expect(res.body.data.myCaseload.edges).toHaveLength(first);
    return Object.fromEntries(RECORD_SUBGRAPHS.map((s) => [s.name, hub.subgraphs[s.name].db.stats.statements - before[s.name]]));
  };
  const one = await count(1);
  const eight = await count(8);
  expect(eight).toEqual(one);
  expect(one.governance).toBeLessThanOrEqual(3);
});

it('refuses a page size out of range and a cursor it never gave', async () => {
  const big = await hub.query('coordinator', PAGE, { first: 101 });
  expect(big.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  const forged = await hub.query('coordinator', PAGE, { first: 5, after: "x'; DROP TABLE child; --" });
  expect(forged.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
});
