// Hostile queries at the gateway: limits on depth, aliases, directives, tokens and cost refuse an
// operation before any subgraph is called; request bodies are bounded; CSRF prevention is on; in
// production introspection is off and errors do not suggest field names.
import { signUserToken } from '@hub/guard/auth';
import { DEV_JWT_SECRET } from '@hub/runtime/settings/auth';
import { startGateway, type RunningGateway } from '@hub/gateway';
import { SUBGRAPHS } from '@hub/schema';
import { DEMO_USERS } from '@hub/seed';
import { postGraphQL } from '../kit/hub';

// Nothing listens there: a refused operation must never get as far as a subgraph anyway.
const nowhere = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, 'http://127.0.0.1:9/graphql']));
const PROD_SECRET = 'a-production-user-token-secret-for-this-test-only';
const PROD = {
  NODE_ENV: 'production',
  HUB_JWT_SECRET: PROD_SECRET,
  HUB_INTERNAL_SECRET: 'a-production-internal-secret-for-this-test-only',
  HUB_LINKAGE_KEY: 'a-production-linkage-key',
};

let dev: RunningGateway;
let tight: RunningGateway;
let prod: RunningGateway;
let devToken: string;
let prodToken: string;
beforeAll(async () => {
  [dev, tight, prod] = await Promise.all([
    startGateway({ subgraphUrls: nowhere }),
    startGateway({ subgraphUrls: nowhere, env: { ...process.env, HUB_MAX_DEPTH: '3', HUB_MAX_COST: '30' } }),
    startGateway({ subgraphUrls: nowhere, env: { ...process.env, ...PROD } }),
  ]);
  devToken = await signUserToken(DEV_JWT_SECRET, { ...DEMO_USERS.coordinator });
  prodToken = await signUserToken(PROD_SECRET, { ...DEMO_USERS.coordinator });
});
afterAll(async () => Promise.all([dev, tight, prod].map((g) => g?.stop())));

const ask = (gw: RunningGateway, query: string, token = devToken, variables?: Record<string, unknown>) =>
  postGraphQL(gw.url, query, variables, { authorization: `Bearer ${token}` });
const refusal = (res: Awaited<ReturnType<typeof ask>>) =>
  res.body.errors!.map((e) => ({ code: e.extensions!.code, limit: e.extensions!.limit, max: e.extensions!.max }));

describe('query limits', () => {
  it('refuses a query deeper than the limit, through fragments too', async () => {
    const deep = await ask(tight, '{ child(id: "x") { education { needs { rank } } } }');
    expect(deep.status).toBe(400);
    expect(refusal(deep)).toEqual([{ code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 3 }]);
    expect(deep.body.errors![0].message).toBe('query depth 4 exceeds the limit of 3');
    const viaFragment = await ask(tight, 'query { child(id: "x") { ...E } } fragment E on Child { education { needs { rank } } }');
    expect(refusal(viaFragment)).toEqual([{ code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 3 }]);
    // At the limit the operation goes ahead (and then fails only because no subgraph listens).
    const ok = await ask(tight, '{ child(id: "x") { education { upn } } }');
    expect(ok.body.errors!.map((e) => e.extensions!.code)).not.toContain('QUERY_TOO_COMPLEX');
  });

  it('refuses more aliases than the limit', async () => {
    const many = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: educationServices { id }`).join(' ')} }`;
    expect(refusal(await ask(dev, many(16)))).toEqual([{ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: 15 }]);
    expect(refusal(await ask(dev, many(15))).map((e) => e.code)).not.toContain('QUERY_TOO_COMPLEX');
  });

  it('refuses too many directives', async () => {
    const q = `{ educationServices { ${Array.from({ length: 21 }, () => 'id @include(if: true)').join(' ')} } }`;
    expect(refusal(await ask(dev, q))).toEqual([{ code: 'QUERY_TOO_COMPLEX', limit: 'directives', max: 20 }]);
  });

  it('refuses a document of too many tokens before validating it', async () => {
    const q = `{ educationServices { ${'id '.repeat(2100)} } }`;
    const res = await ask(dev, q);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { message: 'query has more than 2000 tokens, the limit', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: 2000 } },
    ]);
  });

  it('refuses a query whose estimated cost is over the limit (lists multiply)', async () => {
    // children(ids) with 7 ids inline: 1 + 7 × (id + education + upn + health + nhsNumber) = 36 > 30
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `"0000000${i}-0000-4000-8000-000000000001"`).join(',');
    const res = await ask(tight, `{ children(ids: [${ids(7)}]) { id education { upn } health { nhsNumber } } }`);
    expect(refusal(res)).toEqual([{ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: 30 }]);
    expect(res.body.errors![0].message).toMatch(/^query cost \d+ exceeds the limit of 30$/);
    // A list of unknown length counts as 10: 1 + 10 × 5 = 51 (counting stops once over the limit).
    const unknown = await ask(
      tight,
      `query($ids: [ID!]!) { children(ids: $ids) { id education { upn } health { nhsNumber } } }`,
      devToken,
      { ids: [] },
    );
    expect(refusal(unknown)).toEqual([{ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: 30 }]);
    const five = await ask(tight, `{ children(ids: [${ids(5)}]) { id education { upn } health { nhsNumber } } }`);
    expect(refusal(five).map((e) => e.code)).not.toContain('QUERY_TOO_COMPLEX');
  });

  it('keeps the joint view well within the default limits', async () => {
    const joint = `query($id: ID!) { child(id: $id) { id education { upn givenName senStatus needs { rank senType } currentPlacement { placementType } ehcPlan { status sectionB } } health { nhsNumber referrals { service waiting waitDays } diagnoses { code } } socialCare { laCode laChildId cinEpisodes { primaryNeed } cpPlans { category } lookedAfter { current } } } }`;
    const res = await ask(dev, joint, devToken, { id: '00000000-0000-4000-8000-000000000001' });
    expect(res.body.errors!.map((e) => e.extensions!.code)).not.toContain('QUERY_TOO_COMPLEX');
  });
});

describe('transport', () => {
  it('refuses a body over the size limit with 413', async () => {
    const res = await fetch(dev.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${devToken}` },
      body: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(1_100_000) } }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      errors: [{ message: 'request body too large (at most 1000000 bytes)', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
  });

  it('prevents CSRF: a simple GET or a text/plain POST without a preflight header is refused', async () => {
    const get = await fetch(`${dev.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { authorization: `Bearer ${devToken}` },
    });
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF/);
    const plain = await fetch(dev.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${devToken}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(plain.status).toBe(400);
    expect(await plain.text()).toMatch(/CSRF/);
  });

  it('answers malformed JSON with 400 and no stack trace', async () => {
    const res = await fetch(dev.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${devToken}` },
      body: '{"query": ',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).not.toMatch(/\bat .*\.(ts|js)/);
  });
});

describe('production', () => {
  it('has introspection off', async () => {
    const res = await ask(prod, '{ __schema { types { name } } }', prodToken);
    expect(res.status).toBe(400);
    expect(res.body.errors![0].message).toMatch(/introspection is not allowed/);
    expect((await ask(dev, '{ __schema { queryType { name } } }')).body.data.__schema.queryType.name).toBe('Query');
  });

  it('does not suggest field or argument names ("Did you mean …" would map the schema)', async () => {
    const typo = '{ chlid(id: "x") { id } educationServices { nam } }';
    const inDev = await ask(dev, typo);
    expect(JSON.stringify(inDev.body)).toMatch(/Did you mean/);
    const inProd = await ask(prod, typo, prodToken);
    expect(inProd.body.errors!.length).toBeGreaterThan(0);
    expect(JSON.stringify(inProd.body)).not.toMatch(/Did you mean|"child"|"name"/);
    expect(inProd.body.errors!.every((e) => e.extensions!.code === 'GRAPHQL_VALIDATION_FAILED')).toBe(true);
  });
});
