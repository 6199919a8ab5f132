// Grants for synthetic populations in tests: allocate demo professionals to children and record
// the family's consent to share everything, decided by whoever is entitled at the child's age.
import { Client } from 'pg';
import { accessContextCodec } from '@hub/guard/policy/context-token';
import { authSettings } from '@hub/runtime/settings/auth';
import { endOfCompulsorySchoolAge } from '@hub/guard/policy/capacity';
import { DATA_CATEGORIES } from '@hub/schema';
import { DEMO_USERS, type PopulationChild } from '@hub/seed';

export async function grantAll(
  governanceUrl: string,
  children: PopulationChild[],
  users: (keyof typeof DEMO_USERS)[] = ['coordinator', 'paediatrician', 'social-worker'],
) {
  const db = new Client({ connectionString: governanceUrl });
  await db.connect();
  const today = new Date().toISOString().slice(0, 10);
  const agencyOf: Record<string, string> = { ehc_coordinator: 'EDUCATION', health_practitioner: 'HEALTH', social_worker: 'SOCIAL_CARE' };
  try {
    for (const u of users) {
      const user = DEMO_USERS[u];
      await db.query(
        "INSERT INTO relationship (child_id, kind, agency, org, user_sub, start_date) SELECT id, 'ALLOCATION', $2, $3, $4, '2020-01-01' FROM unnest($1::uuid[]) AS id",
        [children.map((c) => c.id), agencyOf[user.roles[0]], user.org, user.sub],
      );
    }
    const provisions = JSON.stringify([
      {
        effect: 'PERMIT',
        categories: ['IDENTITY', 'EDUCATION', 'HEALTH', 'MENTAL_HEALTH', 'SOCIAL_CARE', 'SAFEGUARDING', 'FAMILY'],
        agencies: [],
        orgs: [],
        purposes: [],
        start: null,
        end: null,
      },
    ]);
    await db.query(
      "INSERT INTO consent (id, child_id, decider, given_at, recorded_by, recorded_org, provisions) SELECT gen_random_uuid(), id, d, now() - interval '1 day', 'test', 'LA937', $3 FROM unnest($1::uuid[], $2::text[]) AS t(id, d)",
      [
        children.map((c) => c.id),
        children.map((c) => (endOfCompulsorySchoolAge(c.dateOfBirth) < today ? 'YOUNG_PERSON' : 'PARENT')),
        provisions,
      ],
    );
  } finally {
    await db.end();
  }
}

/** What governance would sign for a child allocated to the demo coordinator, whose family consents
 *  to share everything: for calling an agency subgraph's `_entities` directly. */
export function openAccessContext(childId: string): string {
  return accessContextCodec(authSettings().internalSecret).sign({
    childId,
    dateOfBirth: null,
    consents: [
      {
        id: 'k1',
        decider: 'PARENT',
        youngPersonLacksCapacity: false,
        givenAt: '2020-01-01T00:00:00.000Z',
        withdrawnAt: null,
        provisions: [{ effect: 'PERMIT', categories: [...DATA_CATEGORIES], agencies: [], orgs: [], purposes: [], start: null, end: null }],
      },
    ],
    relationships: [
      { kind: 'ALLOCATION', agency: 'EDUCATION', org: 'LA937', userSub: DEMO_USERS.coordinator.sub, start: '2020-01-01', end: null },
    ],
    breakGlass: [],
  });
}
