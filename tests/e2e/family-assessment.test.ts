// The assessment as the family sees it: the tracker needs no API of its own. The family reads their
// child's assessments (education) with the statutory clock the API computes, and each request for
// advice with whether it was received; another child's, never. Real PostgreSQL, through the gateway.
import { DEMO_CHILDREN } from '@hub/seed';
import { errorCodes, startTestHub, type TestHub } from '../kit/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'family_assessment' });
});
afterAll(() => hub?.stop());

const LENA = DEMO_CHILDREN[11];
const TRACKER = `query($id: ID!) { child(id: $id) { education { assessments {
  status requestReceivedOn draftIssuedOn finalIssuedOn
  decisionStep { dueOn doneOn timeliness } finalPlanStep { dueOn doneOn timeliness daysRemaining }
  adviceRequests { adviceType organisation dueOn receivedOn timeliness } } } } }`;

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

it('the young person reads where the assessment is, the 20-week clock and whether advice was received', async () => {
  const res = await hub.query('young-person', TRACKER, { id: LENA.id });
  expect(res.body.errors).toBeUndefined();
  const [a] = res.body.data.child.education.assessments;
  expect(a.status).toBe('DRAFT');
  expect(a.finalPlanStep).toMatchObject({ dueOn: addDays(a.requestReceivedOn, 140), doneOn: null, timeliness: 'NOT_YET_DUE' });
  expect(a.decisionStep.dueOn).toBe(addDays(a.requestReceivedOn, 42));
  expect(a.adviceRequests).toEqual([
    expect.objectContaining({ adviceType: 'HEALTH', organisation: 'RX1', receivedOn: expect.any(String), timeliness: 'IN_TIME' }),
  ]);
});

it('another family gets the same refusal as for any child not theirs', async () => {
  expect(errorCodes(await hub.query('parent', TRACKER, { id: LENA.id }))).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
});
