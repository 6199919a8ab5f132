// Health and social care advice through the gateway: requests reach the adviser's subgraph, advice
// is submitted once (also under 20 racing retries), amended as versions, linked into the
// coordinator's joint view, and an adviser without a request or consent sees nothing of the child.
import { DEMO_CHILDREN, type DemoUser } from '@hub/seed';
import { startTestHub, type TestHub } from '../kit/hub';
import { sql } from '../kit/databases';
import { eventually } from '../kit/eventually';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'advice' });
});
afterAll(() => hub?.stop());

const child = (n: number) => DEMO_CHILDREN[n - 1];
const today = () => new Date().toISOString().slice(0, 10);
const rgt: DemoUser = { sub: 'u-rgt-1', name: 'RGT Paediatrician', org: 'RGT', roles: ['health_practitioner'] };
const CONTENT = `needs: ["Needs a communication aid"], outcomes: ["Makes requests with a communication aid"], provision: [{ description: "SALT, weekly", provider: "RGT", hoursPerWeek: 1 }], authorName: "Dr Test", authorRole: "Community paediatrician"`;

async function ok(user: string | DemoUser, query: string, variables?: Record<string, unknown>) {
  const res = await hub.query(user, query, variables);
  expect(res.body.errors).toBeUndefined();
  return res.body.data;
}

/** Opens an assessment for a demo child and asks `org` for health advice; resolves once health holds the request. */
async function askHealth(n: number, org: string): Promise<{ assessmentId: string; requestId: string }> {
  const opened = await ok(
    'coordinator',
    `mutation { openNeedsAssessment(childId: "${child(n).id}", requestReceivedOn: "${today()}") { id } }`,
  );
  const assessmentId = opened.openNeedsAssessment.id;
  await ok(
    'coordinator',
    `mutation { recordAssessmentDecision(assessmentId: "${assessmentId}", decision: Y, decidedOn: "${today()}") { status } }`,
  );
  const asked = await ok(
    'coordinator',
    `mutation { requestAdvice(assessmentId: "${assessmentId}", adviceType: HEALTH, agency: HEALTH, organisation: "${org}", requestedOn: "${today()}") { id status } }`,
  );
  const requestId = asked.requestAdvice.id;
  await eventually(
    () => sql(hub.databases.health, 'SELECT id FROM advice_request WHERE id = $1', [requestId]),
    (r) => r.length === 1,
  );
  await eventually(
    () => sql(hub.databases.governance, 'SELECT id FROM relationship WHERE source_key = $1', [`advice-request-access:${requestId}`]),
    (r) => r.length === 1,
  );
  return { assessmentId, requestId };
}

describe('tell your story once: the adviser asked sees, within consent, what the hub knows', () => {
  let requestId: string;
  it('without a request the adviser sees nothing of the child (NO_RELATIONSHIP)', async () => {
    const res = await hub.query(
      rgt,
      `query($id: ID!) { child(id: $id) { id education { givenName } health { nhsNumber advice { id } } socialCare { laChildId } } }`,
      { id: child(1).id },
    );
    expect(res.body.data.child).toBeNull();
    expect(res.body.errors!.map((e) => [e.path, e.extensions!.code, e.extensions!.reason])).toEqual([
      [['child'], 'FORBIDDEN', 'NO_RELATIONSHIP'],
    ]);
    const list = await ok(rgt, '{ healthAdviceRequests { id } }');
    expect(list.healthAdviceRequests).toEqual([]);
  });

  it('once asked, the adviser lists the request and reads the child, including earlier advice', async () => {
    ({ requestId } = await askHealth(1, 'RGT'));
    const list = await ok(
      rgt,
      '{ healthAdviceRequests { id organisation adviceType dueOn daysRemaining daysOverdue status child { id } } }',
    );
    expect(list.healthAdviceRequests).toEqual([
      {
        id: requestId,
        organisation: 'RGT',
        adviceType: 'HEALTH',
        dueOn: expect.any(String),
        daysRemaining: 42,
        daysOverdue: null,
        status: 'OUTSTANDING',
        child: { id: child(1).id },
      },
    ]);
    const view = await ok(
      rgt,
      `query($id: ID!) { child(id: $id) { education { givenName ehcPlan { sectionB } } health { advice { organisation version needs provision { description } } } socialCare { needs } } }`,
      { id: child(1).id },
    );
    expect(view.child.education.givenName).toBe(child(1).givenName);
    // The 2023 advice RX1 gave, amended once: its newest version, so the story is not told again.
    expect(view.child.health.advice).toEqual([
      {
        organisation: 'RX1',
        version: 2,
        needs: ['Limited verbal communication', 'Needs a sensory diet through the day'],
        provision: [{ description: expect.stringMatching(/amended/) }],
      },
    ]);
    expect(view.child.socialCare.needs.length).toBeGreaterThan(0);
  });

  it('another trust is not the organisation asked: it still sees nothing', async () => {
    const other: DemoUser = { ...rgt, sub: 'u-rx9', org: 'RX9' };
    const res = await hub.query(other, `query($id: ID!) { child(id: $id) { education { givenName } } }`, { id: child(1).id });
    expect(res.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_RELATIONSHIP' });
  });

  it("an adviser asked about a child whose family gave no consent sees none of the other agencies' data (NO_CONSENT)", async () => {
    // Child 8: the demo asked RX1 for health advice; the family recorded no consent.
    const res = await hub.query('therapist', `query($id: ID!) { child(id: $id) { id education { givenName senStatus } } }`, {
      id: child(8).id,
    });
    expect(res.body.data.child).toEqual({ id: child(8).id, education: null });
    expect(res.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_CONSENT' });
  });

  it('only a practitioner of the organisation asked may submit; bad input names the argument and writes nothing', async () => {
    const before = await sql(hub.databases.health, 'SELECT count(*)::int AS n FROM advice');
    const submit = (extra: string) =>
      `mutation { submitHealthAdvice(input: { requestId: "${requestId}", idempotencyKey: "k-bad-input-1", ${extra} }) { id } }`;
    const full = `${CONTENT}, adviceDate: "${today()}"`;
    const other = await hub.query('paediatrician', submit(full));
    expect(other.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.requestId' });
    const dco = await hub.query('dco', submit(full));
    expect(dco.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
    for (const [extra, argument] of [
      [`${CONTENT}, adviceDate: "2999-01-01"`, 'input.adviceDate'],
      [`${CONTENT}, adviceDate: "yesterday"`, 'input.adviceDate'],
      [`needs: [], outcomes: [], provision: [], authorName: "A", authorRole: "B", adviceDate: "${today()}"`, 'input.needs'],
      [`${CONTENT.replace('provision: [{', 'provision: [{ section: "H1",')}, adviceDate: "${today()}"`, 'input.provision[0].section'],
    ]) {
      const res = await hub.query(rgt, submit(extra));
      expect(res.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
    expect(await sql(hub.databases.health, 'SELECT count(*)::int AS n FROM advice')).toEqual(before);
  });

  it('20 concurrent submissions with one idempotency key write exactly one advice record', async () => {
    const q = `mutation { submitHealthAdvice(input: { requestId: "${requestId}", idempotencyKey: "rgt-advice-0001", ${CONTENT}, adviceDate: "${today()}" }) { id version requestId } }`;
    const results = await Promise.all(Array.from({ length: 20 }, () => hub.query(rgt, q)));
    for (const r of results) expect(r.body.errors).toBeUndefined();
    const ids = new Set(results.map((r) => r.body.data.submitHealthAdvice.id));
    expect(ids.size).toBe(1);
    expect(await sql(hub.databases.health, 'SELECT count(*)::int AS n FROM advice WHERE request_id = $1', [requestId])).toEqual([{ n: 1 }]);
    // A later retry too returns the first result; another key for the same request is refused.
    const again = await ok(rgt, q);
    expect(again.submitHealthAdvice.id).toBe([...ids][0]);
    const second = await hub.query(rgt, q.replace('rgt-advice-0001', 'rgt-advice-0002'));
    expect(second.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.requestId' });
    // Education hears of it through the outbox, once.
    await eventually(
      () => sql(hub.databases.education, 'SELECT received_on, received_version FROM advice_request WHERE id = $1', [requestId]),
      (r) => r[0]?.received_version === 1,
    );
    expect(await sql(hub.databases.health, "SELECT count(*)::int AS n FROM outbox WHERE message_key LIKE 'advice-submitted:%'")).toEqual([
      { n: 1 },
    ]);
  });

  it("amendments are new versions; earlier versions stay readable; the coordinator's joint view shows status and advice", async () => {
    const [{ id: adviceId }] = await sql(hub.databases.health, 'SELECT id FROM advice WHERE request_id = $1', [requestId]);
    const amend = (key: string, desc: string) =>
      `mutation { amendHealthAdvice(adviceId: "${adviceId}", input: { idempotencyKey: "${key}", ${CONTENT.replace('SALT, weekly', desc)}, adviceDate: "${today()}" }) { id version } }`;
    const results = await Promise.all([
      hub.query(rgt, amend('rgt-amend-0001', 'SALT, twice weekly')),
      hub.query(rgt, amend('rgt-amend-0001', 'SALT, twice weekly')),
    ]);
    expect(results.map((r) => r.body.data.amendHealthAdvice)).toEqual([
      { id: adviceId, version: 2 },
      { id: adviceId, version: 2 },
    ]);
    expect((await ok(rgt, amend('rgt-amend-0002', 'SALT, daily'))).amendHealthAdvice).toEqual({ id: adviceId, version: 3 });
    const edit = await sql(hub.databases.health, 'UPDATE advice SET needs = $2 WHERE id = $1 RETURNING id', [adviceId, '[]']).catch(
      (e: Error) => e.message,
    );
    expect(edit).toMatch(/never edited/);
    await eventually(
      () => sql(hub.databases.education, 'SELECT received_version FROM advice_request WHERE id = $1', [requestId]),
      (r) => r[0]?.received_version === 3,
    );

    const data = await ok(
      'coordinator',
      `query($id: ID!) { child(id: $id) { education { assessments { status adviceRequests { id status receivedOn receivedVersion timeliness healthAdvice { version provision { description } } } } } } }`,
      { id: child(1).id },
    );
    const current = data.child.education.assessments[0];
    expect(current.status).toBe('ASSESSING');
    const request = current.adviceRequests.find((r: any) => r.id === requestId);
    expect(request).toMatchObject({ status: 'RECEIVED', receivedOn: today(), receivedVersion: 3, timeliness: 'IN_TIME' });
    expect(request.healthAdvice.map((v: any) => [v.version, v.provision[0].description])).toEqual([
      [3, 'SALT, daily'],
      [2, 'SALT, twice weekly'],
      [1, 'SALT, weekly'],
    ]);
  });
});

describe('overview of requests', () => {
  it('a practitioner sees the requests to their organisation; the DCO every outstanding one across the ICB, by organisation, overdue first', async () => {
    const rx1 = await ok('paediatrician', '{ healthAdviceRequests(outstandingOnly: false) { organisation status } }');
    expect(new Set(rx1.healthAdviceRequests.map((r: any) => r.organisation))).toEqual(new Set(['RX1']));
    await askHealth(2, 'RGT');
    const dco = await ok('dco', '{ healthAdviceRequests { organisation dueOn daysOverdue daysRemaining status } }');
    const list = dco.healthAdviceRequests;
    expect(list.every((r: any) => r.status === 'OUTSTANDING')).toBe(true);
    expect(list.map((r: any) => r.organisation)).toEqual([...list.map((r: any) => r.organisation)].sort());
    const rx1Items = list.filter((r: any) => r.organisation === 'RX1');
    expect(rx1Items[0].daysOverdue).toBeGreaterThan(0); // child 8's demo request is overdue
    expect(list.some((r: any) => r.organisation === 'RGT' && r.daysRemaining === 42)).toBe(true);
    const foreign = await hub.query('dco', '{ healthAdviceRequests(organisation: "RX9") { id } }');
    expect(foreign.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
    const denied = await hub.query('social-worker', '{ healthAdviceRequests { id } }');
    expect(denied.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
  });

  it('the social worker sees social care requests to LA937 and submits social care advice', async () => {
    const list = await ok('social-worker', '{ socialCareAdviceRequests { id organisation status daysRemaining child { id } } }');
    const finn = list.socialCareAdviceRequests.find((r: any) => r.child.id === child(6).id);
    expect(finn).toMatchObject({ organisation: 'LA937', status: 'OUTSTANDING', daysRemaining: 22 });
    const res = await ok(
      'social-worker',
      `mutation { submitSocialCareAdvice(input: { requestId: "${finn.id}", idempotencyKey: "sw-advice-0001", needs: ["Family under acute stress"], outcomes: ["Family sustains care at home"], provision: [{ section: "H2", description: "Family support worker, weekly" }], authorName: "Demo Social Worker", authorRole: "Social worker", adviceDate: "${today()}" }) { version provision { section } } }`,
    );
    expect(res.submitSocialCareAdvice).toEqual({ version: 1, provision: [{ section: 'H2' }] });
  });
});
