// EHC needs assessments through the gateway, on real PostgreSQL with the demo data: the
// coordinator's workflow, the clock with exceptions, validation, access, and the timeliness counts.
import { DEMO_CHILDREN } from '@hub/seed';
import { startTestHub, type TestHub } from '../kit/hub';
import { sql } from '../kit/databases';
import { eventually } from '../kit/eventually';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'assess' });
});
afterAll(() => hub?.stop());

const child = (n: number) => DEMO_CHILDREN[n - 1];
const STEP = 'step dueOn doneOn timeliness daysRemaining daysOverdue daysLate exceptionIds';
const ASSESSMENT = `id status decision requestReceivedOn timeliness concludingStep
  decisionStep { ${STEP} } finalPlanStep { ${STEP} } notIssuedNoticeStep { ${STEP} }
  exceptions { id kind startOn endOn adviceRequestId }
  adviceRequests { id adviceType agency organisation requestedOn dueOn status timeliness daysRemaining daysOverdue daysLate receivedOn receivedVersion exceptionIds }`;
const m = (name: string, args: string, sel = ASSESSMENT) => `mutation { ${name}(${args}) { ${sel} } }`;
const counts = async () =>
  (
    await sql(
      hub.databases.education,
      `SELECT (SELECT count(*) FROM needs_assessment)::int AS a, (SELECT count(*) FROM advice_request)::int AS r, (SELECT count(*) FROM assessment_exception)::int AS e, (SELECT count(*) FROM outbox)::int AS o`,
    )
  )[0];

async function ok(user: string, query: string) {
  const res = await hub.query(user, query);
  expect(res.body.errors).toBeUndefined();
  return res.body.data;
}

describe('an assessment spanning the summer closure, recorded through the graph', () => {
  // Child 9's earlier assessments ended, so a new one may open. Dates are in the past, so the
  // whole clock is settled whatever today is.
  let id: string;
  let schoolRequest: string;
  it('records every step and judges each against its deadline', async () => {
    const opened = (await ok('coordinator', m('openNeedsAssessment', `childId: "${child(9).id}", requestReceivedOn: "2025-06-02"`)))
      .openNeedsAssessment;
    id = opened.id;
    expect(opened).toMatchObject({
      status: 'AWAITING_DECISION',
      decision: 'A',
      decisionStep: { dueOn: '2025-07-14', timeliness: 'OVERDUE' },
      finalPlanStep: { dueOn: '2025-10-20' },
    });
    await ok('coordinator', m('recordAssessmentDecision', `assessmentId: "${id}", decision: Y, decidedOn: "2025-07-10"`));
    const asked = (
      await ok(
        'coordinator',
        m(
          'requestAdvice',
          `assessmentId: "${id}", adviceType: EDUCATION, agency: EDUCATION, organisation: "145009", requestedOn: "2025-06-16"`,
          'id dueOn status',
        ),
      )
    ).requestAdvice;
    schoolRequest = asked.id;
    expect(asked).toMatchObject({ dueOn: '2025-07-28', status: 'OUTSTANDING' });
    await ok(
      'coordinator',
      m(
        'recordException',
        `assessmentId: "${id}", kind: SETTING_CLOSED, reason: "School closed for the summer holiday", startOn: "2025-07-23", endOn: "2025-09-02", adviceRequestId: "${schoolRequest}"`,
      ),
    );
    await ok('coordinator', m('recordAdviceReceived', `adviceRequestId: "${schoolRequest}", receivedOn: "2025-09-10"`, 'id'));
    await ok('coordinator', m('recordDraftPlan', `assessmentId: "${id}", issuedOn: "2025-09-29"`));
    const final = (await ok('coordinator', m('recordFinalPlan', `assessmentId: "${id}", issuedOn: "2025-10-27"`))).recordFinalPlan;
    expect(final).toMatchObject({
      status: 'FINAL',
      timeliness: 'LATE_WITH_EXCEPTION',
      decisionStep: { timeliness: 'IN_TIME', doneOn: '2025-07-10' },
      finalPlanStep: { dueOn: '2025-10-20', doneOn: '2025-10-27', daysLate: 7, timeliness: 'LATE_WITH_EXCEPTION' },
      notIssuedNoticeStep: { timeliness: 'NOT_APPLICABLE' },
      adviceRequests: [
        { id: schoolRequest, status: 'RECEIVED', receivedOn: '2025-09-10', timeliness: 'LATE_WITH_EXCEPTION', daysLate: 44 },
      ],
    });
    expect(final.exceptions).toEqual([
      { id: expect.any(String), kind: 'SETTING_CLOSED', startOn: '2025-07-23', endOn: '2025-09-02', adviceRequestId: schoolRequest },
    ]);
    expect(final.finalPlanStep.exceptionIds).toEqual([final.exceptions[0].id]);
  });

  it("the coordinator reads it in the child's education record", async () => {
    const data = await ok('coordinator', `{ child(id: "${child(9).id}") { education { assessments { id status timeliness } } } }`);
    expect(data.child.education.assessments[0]).toEqual({ id, status: 'FINAL', timeliness: 'LATE_WITH_EXCEPTION' });
  });
});

describe('validation: BAD_USER_INPUT naming the argument, nothing written', () => {
  const open = (childId: string, date: string) => m('openNeedsAssessment', `childId: "${childId}", requestReceivedOn: "${date}"`, 'id');
  const demoOpen = () =>
    sql(
      hub.databases.education,
      "SELECT id FROM needs_assessment WHERE child_id = $1 AND final_issued_on IS NULL AND withdrawn_on IS NULL AND not_issued_notice_on IS NULL AND decision <> 'N'",
      [child(8).id],
    );
  it.each([
    ['a malformed child id', () => open('42', '2026-01-05'), 'childId'],
    ['a date in the wrong form', () => open(child(2).id, '05/01/2026'), 'requestReceivedOn'],
    ['an impossible date', () => open(child(2).id, '2026-02-30'), 'requestReceivedOn'],
    ['a date in the future', () => open(child(2).id, '2999-01-01'), 'requestReceivedOn'],
    ['a child already being assessed', () => open(child(8).id, '2026-01-05'), 'childId'],
  ])('%s', async (_, query, argument) => {
    const before = await counts();
    const res = await hub.query('coordinator', query());
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(await counts()).toEqual(before);
  });

  it('rejects advice asked of the wrong agency, dates before the request, unknown codes and short exceptions', async () => {
    const [{ id }] = await demoOpen();
    const cases: [string, string][] = [
      [
        m(
          'requestAdvice',
          `assessmentId: "${id}", adviceType: HEALTH, agency: SOCIAL_CARE, organisation: "LA937", requestedOn: "2026-01-05"`,
          'id',
        ),
        'agency',
      ],
      [
        m(
          'requestAdvice',
          `assessmentId: "${id}", adviceType: SOCIAL_CARE, agency: SOCIAL_CARE, organisation: "RX1", requestedOn: "2026-01-05"`,
          'id',
        ),
        'organisation',
      ],
      [
        m(
          'requestAdvice',
          `assessmentId: "${id}", adviceType: HEALTH, agency: HEALTH, organisation: "rx 1", requestedOn: "2026-01-05"`,
          'id',
        ),
        'organisation',
      ],
      [
        m(
          'requestAdvice',
          `assessmentId: "${id}", adviceType: HEALTH, agency: HEALTH, organisation: "RGT", requestedOn: "2001-01-05"`,
          'id',
        ),
        'requestedOn',
      ],
      [
        m(
          'recordException',
          `assessmentId: "${id}", kind: FAMILY_ABSENT, reason: "Family abroad caring for a relative", startOn: "2026-01-01", endOn: "2026-01-20"`,
        ),
        'endOn',
      ],
      [
        m(
          'recordException',
          `assessmentId: "${id}", kind: MISSED_APPOINTMENT, reason: "Did not attend clinic appointment", startOn: "2026-01-01", endOn: "2026-01-01"`,
        ),
        'adviceRequestId',
      ],
      [
        m('recordException', `assessmentId: "${id}", kind: FAMILY_ABSENT, reason: "short", startOn: "2026-01-01", endOn: "2026-03-01"`),
        'reason',
      ],
      [m('recordFinalPlan', `assessmentId: "${id}", issuedOn: "2026-01-05"`), 'assessmentId'],
      [m('recordAssessmentDecision', `assessmentId: "${id}", decision: A, decidedOn: "2026-01-05"`), 'decision'],
      [m('recordDraftPlan', `assessmentId: "00000000-0000-4000-a000-999999999999", issuedOn: "2026-01-05"`), 'assessmentId'],
    ];
    for (const [query, argument] of cases) {
      const before = await counts();
      const res = await hub.query('coordinator', query);
      expect([argument, res.body.errors?.[0].extensions]).toEqual([
        argument,
        expect.objectContaining({ code: 'BAD_USER_INPUT', argument }),
      ]);
      expect(await counts()).toEqual(before);
    }
    // An unknown enum value is refused by GraphQL itself before any resolver runs.
    const bad = await hub.query(
      'coordinator',
      m(
        'recordException',
        `assessmentId: "${id}", kind: HOLIDAY, reason: "Family abroad for a month", startOn: "2026-01-01", endOn: "2026-03-01"`,
      ),
    );
    expect(bad.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('access', () => {
  it('only EHC coordinators of the LA manage assessments (ROLE)', async () => {
    for (const user of ['social-worker', 'paediatrician', 'commissioner']) {
      const res = await hub.query(user, m('openNeedsAssessment', `childId: "${child(2).id}", requestReceivedOn: "2026-01-05"`, 'id'));
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
    }
  });

  it('an unregistered child is refused exactly as one the coordinator does not work with (no membership oracle)', async () => {
    const before = await counts();
    const res = await hub.query(
      'coordinator',
      m('openNeedsAssessment', 'childId: "00000000-0000-4000-8000-999999999999", requestReceivedOn: "2026-01-05"', 'id'),
    );
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_RELATIONSHIP' });
    expect(await counts()).toEqual(before);
  });

  it('a coordinator without need-to-know for the child is refused (NO_RELATIONSHIP), nothing written', async () => {
    const before = await counts();
    const stranger = { sub: 'u-ehc-9', name: 'Other Coordinator', org: 'LA937', roles: ['ehc_coordinator' as const] };
    const res = await hub.query(stranger, m('openNeedsAssessment', `childId: "${child(2).id}", requestReceivedOn: "2026-01-05"`, 'id'));
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_RELATIONSHIP' });
    expect(await counts()).toEqual(before);
  });

  it("timeliness figures are for coordinators, and count this LA's assessments", async () => {
    const denied = await hub.query('paediatrician', '{ ehcTimeliness { laCode } }');
    expect(denied.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
    const data = await ok(
      'coordinator',
      '{ ehcTimeliness { laCode assessments { timeliness count } advice { adviceType timeliness count } } }',
    );
    const t = Object.fromEntries(data.ehcTimeliness.assessments.map((x: any) => [x.timeliness, x.count]));
    const rows = await sql(hub.databases.education, "SELECT count(*)::int AS n FROM needs_assessment WHERE la_code = '937'");
    expect(Object.values(t).reduce((a: number, b) => a + (b as number), 0)).toBe(rows[0].n);
    expect(t.IN_TIME).toBeGreaterThan(0);
    expect(t.LATE).toBeGreaterThan(0);
    expect(t.LATE_WITH_EXCEPTION).toBeGreaterThan(0);
    const late = data.ehcTimeliness.advice.find((x: any) => x.adviceType === 'HEALTH' && x.timeliness === 'LATE');
    expect(late.count).toBeGreaterThan(0);
  });
});

describe('peer messages', () => {
  it('a request for advice reaches governance and health; delivery survives health being down', async () => {
    const [{ id }] = await sql(
      hub.databases.education,
      "SELECT id FROM needs_assessment WHERE child_id = $1 AND final_issued_on IS NULL AND withdrawn_on IS NULL AND not_issued_notice_on IS NULL AND decision <> 'N'",
      [child(8).id],
    );
    const healthUrl = hub.peers.health!;
    hub.peers.health = 'http://127.0.0.1:9/graphql'; // nothing listens there
    try {
      const asked = (
        await ok(
          'coordinator',
          m(
            'requestAdvice',
            `assessmentId: "${id}", adviceType: HEALTH, agency: HEALTH, organisation: "RGT", requestedOn: "${new Date().toISOString().slice(0, 10)}"`,
            'id',
          ),
        )
      ).requestAdvice;
      // Governance got its grant; health could not be reached, so its message stays pending.
      await eventually(
        () => sql(hub.databases.governance, 'SELECT org FROM relationship WHERE source_key = $1', [`advice-request-access:${asked.id}`]),
        (r) => r.length === 1,
      );
      const pending = await eventually(
        () =>
          sql(hub.databases.education, 'SELECT attempts, delivered_at, last_error FROM outbox WHERE message_key = $1', [
            `advice-request:${asked.id}`,
          ]),
        (r) => r[0]?.attempts >= 2,
      );
      expect(pending[0]).toMatchObject({ delivered_at: null, last_error: expect.stringMatching(/unreachable/) });
      expect(await sql(hub.databases.health, 'SELECT id FROM advice_request WHERE id = $1', [asked.id])).toEqual([]);
      hub.peers.health = healthUrl;
      await eventually(
        () => sql(hub.databases.health, 'SELECT organisation FROM advice_request WHERE id = $1', [asked.id]),
        (r) => r.length === 1,
      );
      const done = await sql(hub.databases.education, 'SELECT delivered_at FROM outbox WHERE message_key = $1', [
        `advice-request:${asked.id}`,
      ]);
      expect(done[0].delivered_at).not.toBeNull();
      // A message delivered again changes nothing (receivers are idempotent by key).
      const before = await sql(hub.databases.governance, "SELECT count(*)::int AS n FROM relationship WHERE kind = 'ADVICE_REQUEST'");
      await sql(hub.databases.education, 'UPDATE outbox SET delivered_at = NULL, next_attempt_at = now() WHERE message_key LIKE $1', [
        `%${asked.id}`,
      ]);
      await eventually(
        () =>
          sql(hub.databases.education, 'SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL AND message_key LIKE $1', [
            `%${asked.id}`,
          ]),
        (r) => r[0].n === 0,
      );
      expect(await sql(hub.databases.governance, "SELECT count(*)::int AS n FROM relationship WHERE kind = 'ADVICE_REQUEST'")).toEqual(
        before,
      );
      expect(await sql(hub.databases.health, 'SELECT count(*)::int AS n FROM advice_request WHERE id = $1', [asked.id])).toEqual([
        { n: 1 },
      ]);
    } finally {
      hub.peers.health = healthUrl;
    }
  });

  it('peer-only operations are not in the public graph, and a subgraph refuses them from the wrong service', async () => {
    const res = await hub.query(
      'coordinator',
      'mutation { receiveAdviceSubmitted(requestId: "00000000-0000-4000-b000-000000000001", agency: HEALTH, receivedOn: "2026-01-01", version: 1, messageKey: "x") }',
    );
    expect(res.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
