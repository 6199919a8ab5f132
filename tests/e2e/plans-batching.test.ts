// The whole plan of N children (issues with every agency's sections, reviews, the clock) costs a
// constant number of SQL statements per subgraph: counted, as for the joint view.
import { SUBGRAPHS } from '@hub/schema';
import { DEMO_CHILDREN } from '@hub/seed';
import { startTestHub, type TestHub } from '../kit/hub';
import { sql } from '../kit/databases';
import { eventually } from '../kit/eventually';

const RECORD_SUBGRAPHS = SUBGRAPHS.filter((s) => s.name !== 'commissioning');
// Demo children with plans whose families consent to sharing with education (child 9's has not).
const WITH_PLANS = [1, 2, 3, 5].map((n) => DEMO_CHILDREN[n - 1].id);
const PLANS = `query($ids: [ID!]!) { children(ids: $ids) { id education { ehcPlan { id status
  issues { version kind sectionB sectionF { provider } sectionK { id } pfaOutcomes { met } sectionC { description } sectionG { description } sectionD sectionH1 { description } }
  sectionC { description } sectionD reviews { meetingOn reportStep { timeliness } amendedPlanStep { timeliness } pfa { met } }
  nextReview { dueOn timeliness } phaseTransfer { transfer step { dueOn } } } senSupport { id } } } }`;

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'planbatch' });
  for (const [n, id] of WITH_PLANS.entries()) {
    const input = {
      childId: id,
      kind: 'AMENDMENT_DRAFT',
      issuedOn: '2026-06-01',
      idempotencyKey: `batch-notice-${n}`,
      sectionA: 'Views recorded with the family at the review.',
      sectionB: ['Needs as assessed'],
      sectionE: [{ description: 'An outcome for the year' }],
      sectionF: [
        {
          description: 'Small-group teaching',
          provider: 'School',
          sessions: 3,
          minutesPerSession: 40,
          per: 'WEEK',
          startOn: '2026-06-01',
          endOn: '2027-06-01',
        },
      ],
      sectionI: { name: 'The school named', placementType: 'MAINSTREAM' },
      sectionK: [],
    };
    const res = await hub.query('coordinator', 'mutation($input: IssuePlanInput!) { issuePlan(input: $input) { id } }', { input });
    expect(res.body.errors).toBeUndefined();
  }
  // Every issue announced to health and social care has been kept there before counting.
  await eventually(
    () => sql(hub.databases.education, 'SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL'),
    (r) => r[0].n === 0,
  );
});
afterAll(() => hub?.stop());

async function statementsFor(ids: string[]) {
  const before = Object.fromEntries(RECORD_SUBGRAPHS.map((s) => [s.name, hub.subgraphs[s.name].db.stats.statements]));
  const res = await hub.query('coordinator', PLANS, { ids });
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.children.map((c: any) => c.education.ehcPlan.issues.length)).toEqual(ids.map(() => 1));
  return Object.fromEntries(RECORD_SUBGRAPHS.map((s) => [s.name, hub.subgraphs[s.name].db.stats.statements - before[s.name]]));
}

it('costs the same number of statements per subgraph for 1 plan and for 4', async () => {
  const one = await statementsFor(WITH_PLANS.slice(0, 1));
  const four = await statementsFor(WITH_PLANS);
  expect(four).toEqual(one);
  // Education: records (with the audit write), plans with issues and reviews, assessments (for the
  // links in section K), SEN support. Health and social care: their records and their kept sections.
  expect({ education: one.education, health: one.health, 'social-care': one['social-care'] }).toEqual({
    education: 4,
    health: 2,
    'social-care': 2,
  });
});
