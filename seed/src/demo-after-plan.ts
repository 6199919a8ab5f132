// After the plan, in the demo: annual reviews of two plans (one with its amended plan overdue, one
// child about to transfer to secondary school, one review due and not yet overdue), a ceased plan,
// and SEN support for two children, so `npm start` shows every stage: the review clock, the due list,
// a phase transfer pending, a ceased plan and SEN support. Fixed past dates: the clock judges them
// against today. Children the end-to-end tests record their own reviews and support for are left out.
import { inTransaction } from './in-transaction';
import { DEMO_CHILDREN } from './demo';
import { DEMO_USERS } from './users';

const uuid = (block: string, n: number) => `00000000-0000-4000-${block}-${String(n).padStart(12, '0')}`;

const REVIEWS = [
  // Child 5 (born September 2015, into Year 7 in September 2027): maintained in 2024; in 2025 the
  // report was late and the decision to amend in time, and the amended plan has not followed.
  {
    id: uuid('e000', 1),
    child: 5,
    meetingOn: '2024-06-10',
    reportOn: '2024-06-20',
    decision: 'MAINTAIN',
    decidedOn: '2024-07-01',
    pfa: [] as string[],
  },
  { id: uuid('e000', 2), child: 5, meetingOn: '2025-06-09', reportOn: '2025-06-30', decision: 'AMEND', decidedOn: '2025-07-04', pfa: [] },
  // Child 3 (born November 2014): reviewed in Year 6 before moving to secondary, maintained.
  {
    id: uuid('e000', 3),
    child: 3,
    meetingOn: '2025-11-17',
    reportOn: '2025-11-28',
    decision: 'MAINTAIN',
    decidedOn: '2025-12-05',
    pfa: [],
  },
  // Child 2 (Year 9 in 2026/27): reviewed in time in February 2026, so the next review falls due in
  // February 2027: a review due, not yet overdue. Year 9 and after, so preparation for adulthood counted.
  {
    id: uuid('e000', 4),
    child: 2,
    meetingOn: '2026-02-20',
    reportOn: '2026-03-02',
    decision: 'MAINTAIN',
    decidedOn: '2026-03-10',
    pfa: ['EMPLOYMENT', 'INDEPENDENT_LIVING', 'COMMUNITY', 'HEALTH'],
  },
];

/** Child 8 (SEN support now) had a plan from 2021, ceased in July 2024 as his needs could be met without one (SEN2 reason 2). */
const CEASED = { child: 8, issuedOn: '2021-03-01', ceasedOn: '2024-07-19', reason: '2' };

const SUPPORT = [
  {
    id: uuid('f000', 1),
    child: 4,
    startOn: '2023-10-02',
    needs: ['SLCN'],
    provision: ['Speech and language group, twice a week', 'Visual timetable in class'],
    nextReviewOn: '2026-01-30',
  },
  {
    id: uuid('f000', 2),
    child: 6,
    startOn: '2024-09-16',
    needs: ['SEMH'],
    provision: ['Weekly mentoring with the pastoral lead'],
    nextReviewOn: '2025-04-04',
  },
];

export async function writeDemoAfterPlan(educationUrl: string): Promise<void> {
  const by = DEMO_USERS.coordinator.sub;
  await inTransaction(educationUrl, async (db) => {
    for (const r of REVIEWS) {
      await db.query(
        `INSERT INTO annual_review (id, plan_id, child_id, meeting_on, report_on, decision, decided_on, pfa_areas, recorded_by, idempotency_key)
         SELECT $1, e.id, e.child_id, $3, $4, $5, $6, $7, $8, $9 FROM ehc_plan e WHERE e.child_id = $2 AND e.status <> 'CEASED'`,
        [r.id, DEMO_CHILDREN[r.child - 1].id, r.meetingOn, r.reportOn, r.decision, r.decidedOn, r.pfa, by, `demo-${r.id}`],
      );
    }
    await db.query("INSERT INTO ehc_plan (child_id, issued_on, status, cease_reason, ceased_on) VALUES ($1, $2, 'CEASED', $3, $4)", [
      DEMO_CHILDREN[CEASED.child - 1].id,
      CEASED.issuedOn,
      CEASED.reason,
      CEASED.ceasedOn,
    ]);
    for (const s of SUPPORT) {
      await db.query(
        'INSERT INTO sen_support (id, child_id, start_on, provision, next_review_on, recorded_by, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [s.id, DEMO_CHILDREN[s.child - 1].id, s.startOn, JSON.stringify(s.provision), s.nextReviewOn, by, `demo-${s.id}`],
      );
      await db.query(
        'INSERT INTO sen_support_need (support_id, rank, sen_type) SELECT $1, n, t FROM unnest($2::text[]) WITH ORDINALITY AS x(t, n)',
        [s.id, s.needs],
      );
    }
  });
}
