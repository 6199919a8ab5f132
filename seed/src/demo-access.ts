// Who may see what in the demo: allocations of the demo professionals, and the families' sharing
// consents (some full, some narrower, one denying mental health to education, one withdrawn).
import { inTransaction } from './in-transaction';
import { DEMO_CHILDREN } from './demo';
import { DEMO_USERS } from './users';

const ALL_BUT_SENSITIVE = ['IDENTITY', 'EDUCATION', 'HEALTH', 'SOCIAL_CARE', 'FAMILY'];
const EVERYTHING = [...ALL_BUT_SENSITIVE, 'MENTAL_HEALTH', 'SAFEGUARDING'];

interface DemoConsent {
  child: number;
  decider: 'PARENT' | 'YOUNG_PERSON' | 'GILLICK_COMPETENT_CHILD';
  givenAt: string;
  withdrawnAt?: string;
  provisions: {
    effect: 'PERMIT' | 'DENY';
    categories: string[];
    agencies?: string[];
    orgs?: string[];
    purposes?: string[];
    start?: string;
    end?: string;
  }[];
}

export const DEMO_CONSENTS: DemoConsent[] = [
  { child: 1, decider: 'PARENT', givenAt: '2024-02-01T10:00:00Z', provisions: [{ effect: 'PERMIT', categories: EVERYTHING }] },
  {
    child: 2,
    decider: 'PARENT',
    givenAt: '2024-03-01T10:00:00Z',
    provisions: [
      { effect: 'PERMIT', categories: EVERYTHING },
      { effect: 'DENY', categories: ['MENTAL_HEALTH'], agencies: ['EDUCATION'] },
    ],
  },
  {
    child: 3,
    decider: 'PARENT',
    givenAt: '2023-03-15T10:00:00Z',
    provisions: [{ effect: 'PERMIT', categories: ALL_BUT_SENSITIVE, purposes: ['DIRECT_CARE', 'EHC_ASSESSMENT', 'EHC_REVIEW'] }],
  },
  {
    child: 4,
    decider: 'PARENT',
    givenAt: '2026-03-02T10:00:00Z',
    provisions: [{ effect: 'PERMIT', categories: ALL_BUT_SENSITIVE, agencies: ['EDUCATION', 'HEALTH'] }],
  },
  { child: 5, decider: 'PARENT', givenAt: '2020-06-01T10:00:00Z', provisions: [{ effect: 'PERMIT', categories: ALL_BUT_SENSITIVE }] },
  {
    child: 6,
    decider: 'PARENT',
    givenAt: '2025-10-01T10:00:00Z',
    withdrawnAt: '2026-09-01T10:00:00Z',
    provisions: [{ effect: 'PERMIT', categories: ALL_BUT_SENSITIVE }],
  },
  { child: 7, decider: 'PARENT', givenAt: '2024-09-01T10:00:00Z', provisions: [{ effect: 'PERMIT', categories: ALL_BUT_SENSITIVE }] },
  {
    child: 12,
    decider: 'YOUNG_PERSON',
    givenAt: '2025-01-10T10:00:00Z',
    provisions: [{ effect: 'PERMIT', categories: ALL_BUT_SENSITIVE, agencies: ['EDUCATION', 'HEALTH'] }],
  },
];

export async function writeDemoAccess(governanceUrl: string): Promise<void> {
  await inTransaction(governanceUrl, async (db) => {
    for (const c of DEMO_CHILDREN) {
      const allocate = (user: keyof typeof DEMO_USERS, agency: string) =>
        db.query(
          "INSERT INTO relationship (child_id, kind, agency, org, user_sub, start_date, created_by, created_org, created_as) VALUES ($1, 'ALLOCATION', $2, $3, $4, '2024-01-01', 'demo-seed', $3, 'SOURCE_SYSTEM')",
          [c.id, agency, DEMO_USERS[user].org, DEMO_USERS[user].sub],
        );
      // The demo coordinator, paediatrician and social worker hold every demo child their agency knows.
      if (c.education) await allocate('coordinator', 'EDUCATION');
      if (c.health) await allocate('paediatrician', 'HEALTH');
      if (c.socialCare) await allocate('social-worker', 'SOCIAL_CARE');
    }
    // The demo parent is Ava's (child 1, aged 10); the demo young person is Lena (child 12, 19).
    for (const [child, user, relation] of [
      [1, 'parent', 'PARENT'],
      [12, 'young-person', 'YOUNG_PERSON'],
    ] as const) {
      await db.query(
        "INSERT INTO family_link (id, child_id, user_sub, relation, start_date, created_by, created_as) VALUES (gen_random_uuid(), $1, $2, $3, '2024-01-01', 'u-ehc-1', 'PROFESSIONAL')",
        [DEMO_CHILDREN[child - 1].id, DEMO_USERS[user].sub, relation],
      );
    }
    for (const k of DEMO_CONSENTS) {
      const id = `00000000-0000-4000-9000-${String(k.child).padStart(12, '0')}`;
      const provisions = k.provisions.map((p) => ({ agencies: [], orgs: [], purposes: [], start: null, end: null, ...p }));
      await db.query(
        "INSERT INTO consent (id, child_id, decider, given_at, method, recorded_by, recorded_org, provisions) VALUES ($1, $2, $3, $4, 'SIGNED_FORM', 'u-ehc-1', 'LA937', $5)",
        [id, DEMO_CHILDREN[k.child - 1].id, k.decider, k.givenAt, JSON.stringify(provisions)],
      );
      if (k.withdrawnAt)
        await db.query(
          "INSERT INTO consent_withdrawal (consent_id, withdrawn_at, recorded_by, recorded_org) VALUES ($1, $2, 'u-ehc-1', 'LA937')",
          [id, k.withdrawnAt],
        );
    }
  });
}
