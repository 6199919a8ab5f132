// Consent, need-to-know, break glass and audit, through the gateway on real PostgreSQL.
import { buildASTSchema, GraphQLObjectType, parse } from 'graphql';
import { classificationOf } from '@hub/guard/policy/enforce';
import { subgraphSchema } from '@hub/host/subgraph';
import { verifyChain } from '@hub/guard/audit/verify';
import { readSupergraph, SUBGRAPHS } from '@hub/schema';
import { DEMO_CHILDREN } from '@hub/seed';
import { DEFINITIONS } from '../kit/definitions';
import { startTestHub, tokenFor, type TestHub } from '../kit/hub';
import { sql } from '../kit/databases';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'consent' });
});
afterAll(() => hub?.stop());

const child = (n: number) => DEMO_CHILDREN[n - 1];
const EDU = `query($id: ID!) { child(id: $id) { id education { givenName senStatus } } }`;
const HEALTH = `query($id: ID!) { child(id: $id) { id health { nhsNumber diagnoses { code mentalHealth } needs { description } referrals { service } } } }`;

describe('classification', () => {
  it('every field of the composed schema is classified in the subgraph that resolves it', () => {
    const supergraph = buildASTSchema(parse(readSupergraph()), { assumeValidSDL: true });
    const schemas = SUBGRAPHS.map((s) => subgraphSchema(DEFINITIONS[s.name]));
    const missing: string[] = [];
    let checked = 0;
    for (const type of Object.values(supergraph.getTypeMap())) {
      if (
        !(type instanceof GraphQLObjectType) ||
        type.name.startsWith('__') ||
        ['Query', 'Mutation'].includes(type.name) ||
        type.name.startsWith('join__') ||
        type.name.startsWith('link__')
      )
        continue;
      for (const field of Object.keys(type.getFields())) {
        const owners = schemas
          .map((s) => s.getType(type.name))
          .filter((t): t is GraphQLObjectType => t instanceof GraphQLObjectType && field in t.getFields());
        expect(owners.length).toBeGreaterThan(0);
        for (const o of owners) {
          checked++;
          if (classificationOf(o, field) === undefined && !(type.name === 'Child' && ['id', 'accessContext'].includes(field)))
            missing.push(`${type.name}.${field}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('a subgraph with an unclassified field refuses to build', () => {
    const def = DEFINITIONS.health;
    const typeDefs = parse(
      `${require('../../subgraphs/health/src').sdl}\ntype Secret { value: String }\nextend type Query { secret: Secret }`,
    );
    expect(() => subgraphSchema({ ...def, typeDefs })).toThrow(/unclassified fields.*Secret.value/);
  });
});

describe('need-to-know and consent', () => {
  it('another agency sees a child with consent and a relationship', async () => {
    const res = await hub.query('paediatrician', EDU, { id: child(1).id });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.child.education.givenName).toBe(child(1).givenName);
  });

  it('no relationship: the child is withheld with NO_RELATIONSHIP, the rest of the response intact', async () => {
    const res = await hub.query(
      'therapist',
      `query($id: ID!) { child(id: $id) { id education { senStatus } health { nhsNumber } } me: __typename }`,
      { id: child(1).id },
    );
    expect(res.body.data).toEqual({ child: null, me: 'Query' });
    expect(res.body.errors!.map((e) => [e.path, e.extensions!.code, e.extensions!.reason])).toEqual([
      [['child'], 'FORBIDDEN', 'NO_RELATIONSHIP'],
    ]);
  });

  it('commissioners never see an identifiable child; privacy officers see only its id (ROLE)', async () => {
    const commissioner = await hub.query('commissioner', EDU, { id: child(1).id });
    expect(commissioner.body.data.child).toBeNull();
    expect(commissioner.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
    const privacy = await hub.query('privacy-officer', EDU, { id: child(1).id });
    expect(privacy.body.data.child.education).toBeNull();
    expect(privacy.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
  });

  it('a deny provision beats a permit; mental-health items are dropped without changing what else is shown', async () => {
    // Child 2: consent permits everything, but denies MENTAL_HEALTH to education.
    const own = await hub.query('paediatrician', HEALTH, { id: child(2).id });
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data.child.health.diagnoses).toEqual([{ code: 'F41.1', mentalHealth: true }]);
    const coordinator = await hub.query('coordinator', HEALTH, { id: child(2).id });
    expect(coordinator.body.errors).toBeUndefined();
    expect(coordinator.body.data.child.health.nhsNumber).toBe(child(2).nhsNumber);
    expect(coordinator.body.data.child.health.diagnoses).toEqual([]);
    expect(coordinator.body.data.child.health.needs).toEqual([]);
    expect(coordinator.body.data.child.health.referrals).toEqual([]);
  });

  it('withdrawal takes effect on the very next request, and the consent stays in the history', async () => {
    const before = await hub.query('paediatrician', EDU, { id: child(5).id });
    expect(before.body.data.child.education.senStatus).toBe('EHC_PLAN');
    const consents = await hub.query('coordinator', `query($id: ID!) { consents(childId: $id) { id withdrawnAt } }`, { id: child(5).id });
    const id = consents.body.data.consents[0].id;
    const w = await hub.query('coordinator', `mutation($id: ID!) { withdrawConsent(id: $id) { id withdrawnAt } }`, { id });
    expect(w.body.errors).toBeUndefined();
    const after = await hub.query('paediatrician', EDU, { id: child(5).id });
    expect(after.body.data.child.education).toBeNull();
    expect(after.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_CONSENT' });
    const again = await hub.query('coordinator', `mutation($id: ID!) { withdrawConsent(id: $id) { id } }`, { id });
    expect(again.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    const history = await hub.query('privacy-officer', `query($id: ID!) { consents(childId: $id) { id withdrawnAt } }`, {
      id: child(5).id,
    });
    expect(history.body.data.consents).toEqual([{ id, withdrawnAt: expect.any(String) }]);
  });

  it('a new consent counts on the next request', async () => {
    // Child 8 is known only to education and has no consent: the paediatrician has no relationship.
    await sql(
      hub.databases.governance,
      "INSERT INTO relationship (child_id, kind, agency, org, user_sub, start_date) VALUES ($1, 'ADVICE_REQUEST', 'HEALTH', 'RX1', NULL, '2026-01-01')",
      [child(8).id],
    );
    const denied = await hub.query('paediatrician', EDU, { id: child(8).id });
    expect(denied.body.errors![0].extensions!.reason).toBe('NO_CONSENT');
    const rec = await hub.query(
      'coordinator',
      `mutation($id: ID!) { recordConsent(input: { childId: $id, decider: PARENT, method: SIGNED_FORM, provisions: [{ effect: PERMIT, categories: [IDENTITY, EDUCATION], agencies: [HEALTH], purposes: [EHC_ASSESSMENT] }] }) { id } }`,
      { id: child(8).id },
    );
    expect(rec.body.errors).toBeUndefined();
    const wrongPurpose = await hub.query('paediatrician', EDU, { id: child(8).id });
    expect(wrongPurpose.body.errors![0].extensions!.reason).toBe('NO_CONSENT');
    const res = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await tokenFor('paediatrician')}`,
        'x-hub-purpose': 'EHC_ASSESSMENT',
      },
      body: JSON.stringify({ query: EDU, variables: { id: child(8).id } }),
    });
    const body: any = await res.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.child.education.givenName).toBe(child(8).givenName);
  });
});

describe('age-based capacity', () => {
  it('refuses a parent consent for a young person past compulsory school age, unless they lack capacity', async () => {
    const yp = child(12); // born 2007: past the end of compulsory school age
    const q = (lacks: boolean) =>
      hub.query(
        'coordinator',
        `mutation($id: ID!, $l: Boolean) { recordConsent(input: { childId: $id, decider: PARENT, method: VERBAL, youngPersonLacksCapacity: $l, provisions: [{ effect: PERMIT, categories: [EDUCATION] }] }) { id decider } }`,
        { id: yp.id, l: lacks },
      );
    const refused = await q(false);
    expect(refused.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.decider' });
    const accepted = await q(true);
    expect(accepted.body.errors).toBeUndefined();
    const youngChild = await hub.query(
      'coordinator',
      `mutation($id: ID!) { recordConsent(input: { childId: $id, decider: YOUNG_PERSON, method: SIGNED_FORM, provisions: [{ effect: PERMIT, categories: [EDUCATION] }] }) { id } }`,
      { id: child(4).id },
    );
    expect(youngChild.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.decider' });
  });

  it('a parent consent given in childhood stops counting once the young person decides', async () => {
    // Child 12's own consent shares with education and health only; a parent's consent from when
    // they were 14 would have shared with social care too, but it no longer counts.
    await sql(
      hub.databases.governance,
      "INSERT INTO consent (id, child_id, decider, given_at, recorded_by, recorded_org, provisions) VALUES (gen_random_uuid(), $1, 'PARENT', '2021-06-01', 'x', 'LA937', $2)",
      [
        child(12).id,
        JSON.stringify([
          { effect: 'PERMIT', categories: ['EDUCATION'], agencies: ['SOCIAL_CARE'], orgs: [], purposes: [], start: null, end: null },
        ]),
      ],
    );
    await sql(
      hub.databases.governance,
      "INSERT INTO relationship (child_id, kind, agency, org, user_sub, start_date) VALUES ($1, 'ALLOCATION', 'SOCIAL_CARE', 'LA937', 'u-sw-1', '2026-01-01')",
      [child(12).id],
    );
    const res = await hub.query('social-worker', EDU, { id: child(12).id });
    expect(res.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_CONSENT' });
  });
});

describe('break glass', () => {
  it('permits for a stated reason and a limited time, is flagged for review, and expires', async () => {
    const id = child(3).id;
    const denied = await hub.query('therapist', EDU, { id });
    expect(denied.body.errors![0].extensions!.reason).toBe('NO_RELATIONSHIP');
    const short = await hub.query('therapist', `mutation($id: ID!) { breakGlass(childId: $id, reason: "no") { id } }`, { id });
    expect(short.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reason' });
    const bg = await hub.query(
      'therapist',
      `mutation($id: ID!) { breakGlass(childId: $id, reason: "Disclosure of harm during a therapy session", minutes: 30) { id expiresAt } }`,
      { id },
    );
    expect(bg.body.errors).toBeUndefined();
    const allowed = await hub.query('therapist', EDU, { id });
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data.child.education.senStatus).toBe('EHC_PLAN');
    const pending = await hub.query('privacy-officer', '{ breakGlassEvents { id childId userSub reason } }');
    expect(pending.body.data.breakGlassEvents).toContainEqual({
      id: bg.body.data.breakGlass.id,
      childId: id,
      userSub: 'u-health-2',
      reason: 'Disclosure of harm during a therapy session',
    });
    const trail = await hub.query(
      'privacy-officer',
      `query($id: ID!) { auditTrail(childId: $id) { education { breakGlass actorSub entries { category decision basis breakGlassId } } } }`,
      { id },
    );
    expect(trail.body.data.auditTrail.education).toContainEqual(expect.objectContaining({ breakGlass: true, actorSub: 'u-health-2' }));
    // Expiry: move the window into the past; the very next request is refused again.
    await sql(
      hub.databases.governance,
      "UPDATE break_glass SET started_at = now() - interval '2 hours', expires_at = now() - interval '1 hour' WHERE id = $1",
      [bg.body.data.breakGlass.id],
    );
    const expired = await hub.query('therapist', EDU, { id });
    expect(expired.body.errors![0].extensions!.reason).toBe('NO_RELATIONSHIP');
    const review = await hub.query(
      'privacy-officer',
      `mutation($b: ID!) { reviewBreakGlass(id: $b, outcome: "Justified: safeguarding referral made") { reviewedBy } }`,
      { b: bg.body.data.breakGlass.id },
    );
    expect(review.body.data.reviewBreakGlass.reviewedBy).toBe('u-priv-1');
  });

  it('only privacy officers read audit trails and break-glass lists', async () => {
    const res = await hub.query('coordinator', '{ breakGlassEvents { id } }');
    expect(res.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
  });
});

describe('audit', () => {
  it('records every disclosure and refusal by the owning subgraph, without copying data, chained and verifiable', async () => {
    const c = child(1);
    await hub.query(
      'coordinator',
      `query($id: ID!) { child(id: $id) { education { givenName } health { nhsNumber } socialCare { cpPlans { category } } } }`,
      { id: c.id },
    );
    const trail = await hub.query(
      'privacy-officer',
      `query($id: ID!) { auditTrail(childId: $id) { education { actorSub purpose entries { childId category decision basis reason consentId } } health { entries { category decision basis consentId } } socialCare { entries { category decision } } } }`,
      { id: c.id },
    );
    expect(trail.body.errors).toBeUndefined();
    const t = trail.body.data.auditTrail;
    expect(t.education.at(-1)).toMatchObject({ actorSub: 'u-ehc-1', purpose: 'DIRECT_CARE' });
    expect(t.education.at(-1).entries).toContainEqual({
      childId: c.id,
      category: 'IDENTITY',
      decision: 'PERMIT',
      basis: 'RELATIONSHIP',
      reason: null,
      consentId: null,
    });
    expect(t.health.at(-1).entries).toContainEqual(
      expect.objectContaining({ category: 'IDENTITY', decision: 'PERMIT', basis: 'CONSENT', consentId: expect.any(String) }),
    );
    expect(t.socialCare.at(-1).entries).toContainEqual({ category: 'SAFEGUARDING', decision: 'PERMIT' });
    const raw = JSON.stringify(await sql(hub.databases.health, 'SELECT * FROM audit_event'));
    for (const secret of [c.givenName, c.familyName, c.nhsNumber!, c.upn!]) expect(raw).not.toContain(secret);
    for (const s of ['education', 'health', 'social-care'] as const)
      expect(await verifyChain(hub.databases[s])).toMatchObject({ ok: true });
    await sql(hub.databases.health, "UPDATE audit_event SET entries = jsonb_set(entries, '{0,category}', '\"TAMPERED\"') WHERE seq = 1");
    expect(await verifyChain(hub.databases.health)).toMatchObject({ ok: false, firstBadSeq: 1 });
  });

  it('releases nothing when the audit cannot be written', async () => {
    await sql(hub.databases.education, 'ALTER TABLE audit_event RENAME TO audit_event_away');
    try {
      const res = await hub.query('coordinator', EDU, { id: child(1).id });
      expect(res.body.data?.child?.education ?? null).toBeNull();
      expect(JSON.stringify(res.body)).not.toContain(child(1).givenName);
    } finally {
      await sql(hub.databases.education, 'ALTER TABLE audit_event_away RENAME TO audit_event');
    }
    const ok = await hub.query('coordinator', EDU, { id: child(1).id });
    expect(ok.body.data.child.education.givenName).toBe(child(1).givenName);
  });
});
