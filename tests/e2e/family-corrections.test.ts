// Correction requests: the family asks an agency, in its own words, to correct its record; the
// agency's professionals who work with the child see and answer them; the family sees where each
// stands. Real PostgreSQL, through the gateway.
import { DEMO_CHILDREN } from '@hub/seed';
import { errorCodes, startTestHub, type TestHub } from '../kit/hub';
import { sql } from '../kit/databases';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'family_corrections' });
});
afterAll(() => hub?.stop());

const child1 = DEMO_CHILDREN[0].id;
const FIELDS = 'id childId agency category about whatIsWrong whatItShouldSay requestedAs status answeredOrg answer';
const ASK = `mutation($i: CorrectionRequestInput!, $k: String) { requestCorrection(input: $i, idempotencyKey: $k) { ${FIELDS} } }`;
const ANSWER = `mutation($i: CorrectionAnswerInput!, $k: String) { answerCorrectionRequest(input: $i, idempotencyKey: $k) { ${FIELDS} } }`;
const LIST = `query($id: ID!) { child(id: $id) { correctionRequests { ${FIELDS} } } }`;
const WRONG = 'The diagnosis says he has asthma but he has never had asthma';
const request = (over: Record<string, unknown> = {}) => ({
  childId: child1,
  agency: 'HEALTH',
  category: 'HEALTH',
  about: 'Diagnoses',
  whatIsWrong: WRONG,
  whatItShouldSay: 'No asthma',
  ...over,
});
const rows = async () => (await sql(hub.databases.family, 'SELECT count(*)::int AS n FROM correction_request'))[0].n;

let healthRequest: string;

describe('the family asks', () => {
  it('bad input names the field and writes nothing', async () => {
    const bad = async (over: Record<string, unknown>) => errorCodes(await hub.query('parent', ASK, { i: request(over) }));
    expect(await bad({ whatIsWrong: 'wrong' })).toEqual([['BAD_USER_INPUT', 'input.whatIsWrong']]);
    expect(await bad({ whatIsWrong: 'x'.repeat(2001) })).toEqual([['BAD_USER_INPUT', 'input.whatIsWrong']]);
    expect(await bad({ category: 'FAMILY' })).toEqual([['BAD_USER_INPUT', 'input.category']]);
    expect(await bad({ about: 'x'.repeat(201) })).toEqual([['BAD_USER_INPUT', 'input.about']]);
    expect(await bad({ childId: 'child-1' })).toEqual([['BAD_USER_INPUT', 'input.childId']]);
    expect(errorCodes(await hub.query('parent', ASK, { i: request(), k: 'short' }))).toEqual([['BAD_USER_INPUT', 'idempotencyKey']]);
    expect(await rows()).toBe(0);
  });

  it('only their own child, only about what they may see; professionals do not ask', async () => {
    expect(errorCodes(await hub.query('parent', ASK, { i: request({ childId: DEMO_CHILDREN[1].id }) }))).toEqual([
      ['FORBIDDEN', 'NO_RELATIONSHIP'],
    ]);
    expect(errorCodes(await hub.query('parent', ASK, { i: request({ childId: '00000000-0000-4000-8000-00000000abcd' }) }))).toEqual([
      ['FORBIDDEN', 'NO_RELATIONSHIP'],
    ]);
    expect(errorCodes(await hub.query('parent', ASK, { i: request({ agency: 'SOCIAL_CARE', category: 'SAFEGUARDING' }) }))).toEqual([
      ['BAD_USER_INPUT', 'input.category'],
    ]);
    expect(errorCodes(await hub.query('paediatrician', ASK, { i: request() }))).toEqual([['FORBIDDEN', 'ROLE']]);
    expect(await rows()).toBe(0);
  });

  it('a linked parent asks once (a retry is applied once); it is stored in the family’s own service and audited without its words', async () => {
    const first = await hub.query('parent', ASK, { i: request(), k: 'correction-key-01' });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.requestCorrection).toMatchObject({
      agency: 'HEALTH',
      category: 'HEALTH',
      whatIsWrong: WRONG,
      requestedAs: 'PARENT',
      status: 'OPEN',
      answer: null,
    });
    const retry = await hub.query('parent', ASK, { i: request(), k: 'correction-key-01' });
    expect(retry.body.data.requestCorrection).toEqual(first.body.data.requestCorrection);
    expect(await rows()).toBe(1);
    healthRequest = first.body.data.requestCorrection.id;
    const education = await hub.query('parent', ASK, {
      i: request({
        agency: 'EDUCATION',
        category: 'EDUCATION',
        about: null,
        whatIsWrong: 'The school named is not the school she goes to',
        whatItShouldSay: null,
      }),
    });
    expect(education.body.errors).toBeUndefined();

    const audit = await sql(
      hub.databases.family,
      "SELECT entries::text AS e FROM audit_event WHERE entries::text LIKE '%CORRECTION_REQUEST%'",
    );
    expect(audit.some((r) => r.e.includes('CREATE') && r.e.includes(healthRequest))).toBe(true);
    expect(JSON.stringify(audit)).not.toMatch(/asthma|school/i);
  });
});

describe('the agency answers', () => {
  it('a professional with a relationship sees the requests to their own agency only', async () => {
    const health = await hub.query('paediatrician', LIST, { id: child1 });
    expect(health.body.errors).toBeUndefined();
    expect(health.body.data.child.correctionRequests.map((r: any) => r.id)).toEqual([healthRequest]);
    const education = await hub.query('coordinator', LIST, { id: child1 });
    expect(education.body.data.child.correctionRequests.map((r: any) => r.agency)).toEqual(['EDUCATION']);
    // The work tray reaches them too (federated from the caseload; the family service batches the children).
    const tray = await hub.query('paediatrician', '{ myCaseload(first: 50) { edges { node { id correctionRequests { id } } } } }');
    expect(tray.body.errors).toBeUndefined();
    const mine = tray.body.data.myCaseload.edges.find((e: any) => e.node.id === child1);
    expect(mine.node.correctionRequests).toEqual([{ id: healthRequest }]);
    // A professional without a relationship does not reach the child at all.
    expect(errorCodes(await hub.query('therapist', LIST, { id: child1 }))[0]).toEqual(['FORBIDDEN', 'NO_RELATIONSHIP']);
  });

  it('another agency, an unknown id and the family get refusals that tell nothing; a decline needs its reason', async () => {
    const other = await hub.query('coordinator', ANSWER, { i: { id: healthRequest, outcome: 'ACCEPTED' } });
    const unknown = await hub.query('coordinator', ANSWER, { i: { id: '00000000-0000-4000-8000-00000000abcd', outcome: 'ACCEPTED' } });
    expect(other.body).toEqual(unknown.body);
    expect(errorCodes(other)).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
    expect(errorCodes(await hub.query('parent', ANSWER, { i: { id: healthRequest, outcome: 'ACCEPTED' } }))).toEqual([
      ['FORBIDDEN', 'ROLE'],
    ]);
    expect(errorCodes(await hub.query('paediatrician', ANSWER, { i: { id: healthRequest, outcome: 'DECLINED' } }))).toEqual([
      ['BAD_USER_INPUT', 'input.reason'],
    ]);
    expect(
      errorCodes(await hub.query('paediatrician', ANSWER, { i: { id: 'nope', outcome: 'DECLINED', reason: 'A good long reason' } })),
    ).toEqual([['BAD_USER_INPUT', 'input.id']]);
    expect(await sql(hub.databases.family, "SELECT count(*)::int AS n FROM correction_request WHERE status <> 'OPEN'")).toEqual([{ n: 0 }]);
  });

  it('the agency declines with a reason (a retry is applied once, a second answer refused); the family sees the status and reason', async () => {
    const reason = 'The clinic letter of March records asthma diagnosed by the GP';
    const first = await hub.query('paediatrician', ANSWER, { i: { id: healthRequest, outcome: 'DECLINED', reason }, k: 'answer-key-0001' });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.answerCorrectionRequest).toMatchObject({ status: 'DECLINED', answer: reason, answeredOrg: 'RX1' });
    const retry = await hub.query('paediatrician', ANSWER, { i: { id: healthRequest, outcome: 'DECLINED', reason }, k: 'answer-key-0001' });
    expect(retry.body.data.answerCorrectionRequest).toEqual(first.body.data.answerCorrectionRequest);
    expect(errorCodes(await hub.query('paediatrician', ANSWER, { i: { id: healthRequest, outcome: 'ACCEPTED' } }))).toEqual([
      ['BAD_USER_INPUT', 'input.id'],
    ]);

    const seen = await hub.query('parent', LIST, { id: child1 });
    expect(seen.body.errors).toBeUndefined();
    const mine = seen.body.data.child.correctionRequests;
    expect(mine.map((r: any) => r.agency).sort()).toEqual(['EDUCATION', 'HEALTH']);
    expect(mine.find((r: any) => r.id === healthRequest)).toMatchObject({ status: 'DECLINED', answer: reason, answeredOrg: 'RX1' });
    // Another family sees nothing of it.
    expect(errorCodes(await hub.query('young-person', LIST, { id: child1 }))[0]).toEqual(['FORBIDDEN', 'NO_RELATIONSHIP']);
    const audit = await sql(hub.databases.family, "SELECT entries::text AS e FROM audit_event WHERE entries::text LIKE '%REVIEW%'");
    expect(audit.some((r) => r.e.includes(healthRequest))).toBe(true);
    expect(JSON.stringify(audit)).not.toMatch(/clinic letter/);
  });

  it('a request about what an agency then marks not to be disclosed to the family drops out of the family’s list', async () => {
    const mark = await hub.query(
      'paediatrician',
      'mutation($c: ID!) { withholdFromFamily(input: { childId: $c, category: HEALTH, reason: "Serious harm test reason" }) { id } }',
      { c: child1 },
    );
    expect(mark.body.errors).toBeUndefined();
    const seen = await hub.query('parent', LIST, { id: child1 });
    expect(seen.body.data.child.correctionRequests.map((r: any) => r.agency)).toEqual(['EDUCATION']);
    expect(errorCodes(await hub.query('parent', ASK, { i: request() }))).toEqual([['FORBIDDEN', 'ROLE']]);
  });
});
