// Property: for random consents, relationships and break glass, the joint view releases or withholds
// each agency's part exactly as an independent reference of the access rules says, and audits.
import fc from 'fast-check';
import { DEMO_CHILDREN, DEMO_USERS, type DemoUser } from '@hub/seed';
import { startTestHub, type TestHub } from '../kit/hub';
import { sql } from '../kit/databases';

jest.setTimeout(300_000);

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'prop' });
});
afterAll(() => hub?.stop());

type Agency = 'EDUCATION' | 'HEALTH' | 'SOCIAL_CARE';
// The paediatrician's own user id acting for another trust: it inherits none of their relationships.
const USERS: Record<string, DemoUser> = { ...DEMO_USERS, 'paediatrician-rx2': { ...DEMO_USERS.paediatrician, org: 'RX2' } };
const AGENCY_OF: Record<string, Agency | undefined> = {
  coordinator: 'EDUCATION',
  paediatrician: 'HEALTH',
  therapist: 'HEALTH',
  'social-worker': 'SOCIAL_CARE',
  'paediatrician-rx2': 'HEALTH',
};
const WORKERS = ['coordinator', 'paediatrician', 'therapist', 'social-worker'];
const CALLERS = [...WORKERS, 'commissioner', 'privacy-officer', 'paediatrician-rx2'];
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
  fc.record({
    kind: fc.constant('ADVICE_REQUEST' as const),
    child: childIdx,
    agency: fc.constantFrom(...AGENCIES),
    org: fc.constantFrom('LA937', 'RX1', 'QUE'),
  }),
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
  const user = USERS[s.caller];
  const agency = AGENCY_OF[s.caller];
  if (!agency) return 'ROLE';
  if (
    s.breakGlass &&
    s.breakGlass.child === s.child &&
    USERS[s.breakGlass.user].sub === user.sub &&
    USERS[s.breakGlass.user].org === user.org
  )
    return 'RELEASED';
  const related = s.relationships.some(
    (r) =>
      r.child === s.child &&
      (r.kind === 'ALLOCATION'
        ? USERS[r.user].sub === user.sub && USERS[r.user].org === user.org && AGENCY_OF[r.user] === agency
        : r.org === user.org && r.agency === agency),
  );
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
      await sql(
        gov,
        "INSERT INTO relationship (child_id, kind, agency, org, user_sub, start_date) VALUES ($1, 'ALLOCATION', $2, $3, $4, '2020-01-01')",
        [cid, AGENCY_OF[r.user], u.org, u.sub],
      );
    } else {
      await sql(
        gov,
        "INSERT INTO relationship (child_id, kind, agency, org, user_sub, start_date) VALUES ($1, 'ADVICE_REQUEST', $2, $3, NULL, '2020-01-01')",
        [cid, r.agency, r.org],
      );
    }
  }
  for (const c of s.consents) {
    const provisions = c.provisions.map((p) => ({ ...p, orgs: [], purposes: [], start: null, end: null }));
    const [{ id }] = await sql(
      gov,
      "INSERT INTO consent (id, child_id, decider, given_at, recorded_by, recorded_org, provisions) VALUES (gen_random_uuid(), $1, $2, now() - interval '1 hour', 'x', 'LA937', $3) RETURNING id",
      [DEMO_CHILDREN[c.child].id, c.decider, JSON.stringify(provisions)],
    );
    if (c.withdrawn)
      await sql(
        gov,
        "INSERT INTO consent_withdrawal (consent_id, withdrawn_at, recorded_by, recorded_org) VALUES ($1, now() - interval '1 minute', 'x', 'LA937')",
        [id],
      );
  }
  if (s.breakGlass) {
    const u = USERS[s.breakGlass.user];
    await sql(
      gov,
      "INSERT INTO break_glass (id, child_id, user_sub, user_org, user_roles, reason, started_at, expires_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, 'emergency', now() - interval '1 hour', now() + interval '1 hour')",
      [DEMO_CHILDREN[s.breakGlass.child].id, u.sub, u.org, u.roles],
    );
  }
}

const DBS = ['governance', ...FIELDS.map((f) => f.db)] as const;
const auditCounts = () =>
  Promise.all(DBS.map(async (db) => Number((await sql(hub.databases[db], 'SELECT count(*)::int AS n FROM audit_event'))[0].n)));

/** Whether the caller may learn about the child at all, by the same independent rules. */
function childGate(s: Scenario): { visible: boolean; audited: boolean; reason?: string } {
  if (s.caller === 'privacy-officer') return { visible: true, audited: true };
  const r = reference(s, 'EDUCATION', 'IDENTITY');
  if (r === 'ROLE' || r === 'NO_RELATIONSHIP') return { visible: false, audited: true, reason: r };
  const user = USERS[s.caller];
  const glass =
    !!s.breakGlass &&
    s.breakGlass.child === s.child &&
    USERS[s.breakGlass.user].sub === user.sub &&
    USERS[s.breakGlass.user].org === user.org;
  return { visible: true, audited: glass };
}

it('releases and withholds each agency part exactly as the reference rules say, and audits each request', async () => {
  await fc.assert(
    fc.asyncProperty(scenarioArb, async (s) => {
      await arrange(s);
      const child = DEMO_CHILDREN[s.child];
      const before = await auditCounts();
      const res = await hub.query(USERS[s.caller], QUERY, { id: child.id });
      const after = await auditCounts();
      const errors = res.body.errors ?? [];
      const gate = childGate(s);
      if (!gate.visible) {
        // Refused at the child itself, exactly as for a child that does not exist.
        expect({
          caller: s.caller,
          child: s.child + 1,
          data: res.body.data?.child ?? null,
          errors: errors.map((e) => [e.path, e.extensions?.reason]),
        }).toEqual({
          caller: s.caller,
          child: s.child + 1,
          data: null,
          errors: [[['child'], gate.reason]],
        });
      }
      for (const f of gate.visible ? FIELDS : []) {
        const expected = reference(s, f.agency, f.agency);
        const value = res.body.data?.child?.[f.field];
        const err = errors.find((e) => e.path?.length === 2 && e.path[0] === 'child' && e.path[1] === f.field);
        const ctx = { field: f.field, caller: s.caller, child: s.child + 1, expected, value, err: err?.extensions };
        if (expected === 'RELEASED') {
          expect({ ...ctx, forbidden: err?.extensions?.code === 'FORBIDDEN' }).toEqual({ ...ctx, forbidden: false });
          const known = (child as any)[f.field] != null;
          expect({ ...ctx, present: value != null }).toEqual({ ...ctx, present: known });
        } else {
          expect({ ...ctx, value: value ?? null, code: err?.extensions?.code, reason: err?.extensions?.reason }).toEqual({
            ...ctx,
            value: null,
            code: 'FORBIDDEN',
            reason: expected,
          });
        }
      }
      // One record per agency when the child was visible; governance records refusals, break glass
      // and oversight, not a professional resolving a child they work with.
      const agencies = gate.visible ? [1, 1, 1] : [0, 0, 0];
      expect(after.map((n, i) => n - before[i])).toEqual([gate.audited ? 1 : 0, ...agencies]);
    }),
    { numRuns: 25 },
  );
});
