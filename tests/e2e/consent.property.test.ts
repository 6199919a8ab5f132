// Property: for random consents, relationships and break glass, the joint view releases or withholds
// each agency's part exactly as an independent reference of the access rules says, and audits.
import fc from 'fast-check';
import { DEMO_CHILDREN, DEMO_USERS } from '@hub/seed';
import { startTestHub, type TestHub } from '../kit/hub';
import { sql } from '../kit/databases';

jest.setTimeout(300_000);

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'prop' });
});
afterAll(() => hub?.stop());


type Agency = 'EDUCATION' | 'HEALTH' | 'SOCIAL_CARE';
const AGENCY_OF: Record<string, Agency | undefined> = { coordinator: 'EDUCATION', paediatrician: 'HEALTH', therapist: 'HEALTH', 'social-worker': 'SOCIAL_CARE' };
const WORKERS = ['coordinator', 'paediatrician', 'therapist', 'social-worker'];
const CALLERS = [...WORKERS, 'commissioner', 'privacy-officer'];
const CATEGORIES = ['IDENTITY', 'EDUCATION', 'HEALTH', 'MENTAL_HEALTH', 'SOCIAL_CARE', 'SAFEGUARDING', 'FAMILY'];
const AGENCIES: Agency[] = ['EDUCATION', 'HEALTH', 'SOCIAL_CARE'];
const FIELDS = [
  { field: 'education', agency: 'EDUCATION' as Agency, db: 'education' },
  { field: 'health', agency: 'HEALTH' as Agency, db: 'health' },
  { field: 'socialCare', agency: 'SOCIAL_CARE' as Agency, db: 'social-care' },
] as const;
const QUERY = `query($id: ID!) { child(id: $id) { id education { givenName senStatus } health { nhsNumber referrals { service } } socialCare { laChildId cpPlans { category } } } }`;

const childIdx = fc.integer({ min: 0, max: DEMO_CHILDREN.length - 1 });
const relArb = fc.oneof(
  fc.record({ kind: fc.constant('ALLOCATION' as const), child: childIdx, user: fc.constantFrom(...WORKERS) }),
  fc.record({ kind: fc.constant('ADVICE_REQUEST' as const), child: childIdx, agency: fc.constantFrom(...AGENCIES), org: fc.constantFrom('LA937', 'RX1', 'QUE') }),
);
const provArb = fc.record({
  effect: fc.constantFrom('PERMIT' as const, 'DENY' as const),
  categories: fc.subarray(CATEGORIES, { minLength: 1 }),
  agencies: fc.subarray(AGENCIES),
});
const consentArb = fc.record({
  child: childIdx,
  decider: fc.constantFrom('PARENT' as const, 'YOUNG_PERSON' as const),
  provisions: fc.array(provArb, { minLength: 1, maxLength: 3 }),
  withdrawn: fc.boolean(),
});
const scenarioArb = fc.record({
  relationships: fc.array(relArb, { maxLength: 8 }),
  consents: fc.array(consentArb, { maxLength: 8 }),
  breakGlass: fc.option(fc.record({ child: childIdx, user: fc.constantFrom(...CALLERS) }), { nil: undefined }),
  caller: fc.constantFrom(...CALLERS),
  child: childIdx,
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/** The independent reference: released, or the reason it is withheld. */
function reference(s: Scenario, owner: Agency, category: string): 'RELEASED' | 'ROLE' | 'NO_RELATIONSHIP' | 'NO_CONSENT' {
  const user = DEMO_USERS[s.caller];
  const agency = AGENCY_OF[s.caller];
  if (!agency) return 'ROLE';
  if (s.breakGlass && s.breakGlass.child === s.child && DEMO_USERS[s.breakGlass.user].sub === user.sub) return 'RELEASED';
  const related = s.relationships.some((r) => r.child === s.child && (r.kind === 'ALLOCATION' ? DEMO_USERS[r.user].sub === user.sub && AGENCY_OF[r.user] === agency : r.org === user.org && r.agency === agency));
  if (!related) return 'NO_RELATIONSHIP';
  if (agency === owner) return 'RELEASED';
  const youngPerson = DEMO_CHILDREN[s.child].dateOfBirth! < '2010-09-01';
  const provisions = s.consents
    .filter((c) => c.child === s.child && !c.withdrawn && (c.decider === 'YOUNG_PERSON') === youngPerson)
    .flatMap((c) => c.provisions)
    .filter((p) => p.categories.includes(category) && (p.agencies.length === 0 || p.agencies.includes(agency)));
  if (provisions.some((p) => p.effect === 'DENY')) return 'NO_CONSENT';
  return provisions.some((p) => p.effect === 'PERMIT') ? 'RELEASED' : 'NO_CONSENT';
}

async function arrange(s: Scenario): Promise<void> {
  const gov = hub.databases.governance;
  await sql(gov, 'DELETE FROM consent_withdrawal; DELETE FROM consent; DELETE FROM relationship; DELETE FROM break_glass;');
  for (const r of s.relationships) {
    const cid = DEMO_CHILDREN[r.child].id;
    if (r.kind === 'ALLOCATION') {
      const u = DEMO_USERS[r.user];
      await sql(gov, "INSERT INTO relationship (child_id, kind, agency, org, user_sub, start_date) VALUES ($1, 'ALLOCATION', $2, $3, $4, '2020-01-01')", [cid, AGENCY_OF[r.user], u.org, u.sub]);
    } else {
      await sql(gov, "INSERT INTO relationship (child_id, kind, agency, org, user_sub, start_date) VALUES ($1, 'ADVICE_REQUEST', $2, $3, NULL, '2020-01-01')", [cid, r.agency, r.org]);
    }
  }
  for (const c of s.consents) {
    const provisions = c.provisions.map((p) => ({ ...p, orgs: [], purposes: [], start: null, end: null }));
    const [{ id }] = await sql(gov, "INSERT INTO consent (id, child_id, decider, given_at, recorded_by, recorded_org, provisions) VALUES (gen_random_uuid(), $1, $2, now() - interval '1 hour', 'x', 'LA937', $3) RETURNING id", [
      DEMO_CHILDREN[c.child].id, c.decider, JSON.stringify(provisions),
    ]);
    if (c.withdrawn) await sql(gov, "INSERT INTO consent_withdrawal (consent_id, withdrawn_at, recorded_by, recorded_org) VALUES ($1, now() - interval '1 minute', 'x', 'LA937')", [id]);
  }
  if (s.breakGlass) {
    const u = DEMO_USERS[s.breakGlass.user];
    await sql(gov, "INSERT INTO break_glass (id, child_id, user_sub, user_org, user_roles, reason, started_at, expires_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, 'emergency', now() - interval '1 hour', now() + interval '1 hour')", [
      DEMO_CHILDREN[s.breakGlass.child].id, u.sub, u.org, u.roles,
    ]);
  }
}

const auditCounts = () => Promise.all(FIELDS.map(async (f) => Number((await sql(hub.databases[f.db], 'SELECT count(*)::int AS n FROM audit_event'))[0].n)));

it('releases and withholds each agency part exactly as the reference rules say, and audits each request', async () => {
  await fc.assert(
    fc.asyncProperty(scenarioArb, async (s) => {
      await arrange(s);
      const child = DEMO_CHILDREN[s.child];
      const before = await auditCounts();
      const res = await hub.query(s.caller, QUERY, { id: child.id });
      const after = await auditCounts();
      const errors = res.body.errors ?? [];
      for (const f of FIELDS) {
        const expected = reference(s, f.agency, f.agency);
        const value = res.body.data?.child?.[f.field];
        const err = errors.find((e) => e.path?.length === 2 && e.path[0] === 'child' && e.path[1] === f.field);
        const ctx = { field: f.field, caller: s.caller, child: s.child + 1, expected, value, err: err?.extensions };
        if (expected === 'RELEASED') {
          expect({ ...ctx, forbidden: err?.extensions?.code === 'FORBIDDEN' }).toEqual({ ...ctx, forbidden: false });
          const known = (child as any)[f.field] != null;
          expect({ ...ctx, present: value != null }).toEqual({ ...ctx, present: known });
        } else {
          expect({ ...ctx, value: value ?? null, code: err?.extensions?.code, reason: err?.extensions?.reason }).toEqual({ ...ctx, value: null, code: 'FORBIDDEN', reason: expected });
        }
      }
      expect(after.map((n, i) => n - before[i])).toEqual([1, 1, 1]);
    }),
    { numRuns: 25 },
  );
});
