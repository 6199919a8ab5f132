// After the plan, through the gateway on real PostgreSQL with the demo data: issuing plan versions
// (each kept), the whole plan assembled from the three agencies, annual reviews with their clock,
// ceasing with the SEN2 reason, SEN support, the coordinator's due list, and validation and access.
import { DEMO_CHILDREN } from '@hub/seed';
import { startTestHub, type TestHub } from '../kit/hub';
import { sql } from '../kit/databases';
import { eventually } from '../kit/eventually';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'plans' });
});
afterAll(() => hub?.stop());

const child = (n: number) => DEMO_CHILDREN[n - 1];
const STEP = 'step startOn dueOn doneOn timeliness daysRemaining daysOverdue daysLate';
const PLAN = `id status issuedOn ceaseReason ceaseReasonName ceasedOn sectionB
  issues { id version kind issuedOn sectionA { text recordedOnBehalfOfFamily } sectionB sectionE { description pfaArea } sectionF { description provider sessions minutesPerSession per startOn endOn } sectionI { name urn placementType } sectionJ { directPayment annualAmountPence } sectionK { id adviceType } }`;
const REVIEW = `id planId meetingOn reportOn decision decidedOn nationalCurriculumYear meetingStep { ${STEP} } reportStep { ${STEP} } decisionStep { ${STEP} } amendedPlanStep { ${STEP} } pfa { required considered missing met }`;
const ISSUE = `mutation($input: IssuePlanInput!) { issuePlan(input: $input) { ${PLAN} } }`;
const counts = async () =>
  (
    await sql(
      hub.databases.education,
      `SELECT (SELECT count(*) FROM ehc_plan)::int AS p, (SELECT count(*) FROM plan_issue)::int AS i, (SELECT count(*) FROM plan_issue_item)::int AS t,
  (SELECT count(*) FROM annual_review)::int AS r, (SELECT count(*) FROM sen_support)::int AS s, (SELECT count(*) FROM sen_support_review)::int AS sr,
  (SELECT count(*) FILTER (WHERE status = 'CEASED') FROM ehc_plan)::int AS c`,
    )
  )[0];

async function ok(user: string, query: string, variables?: Record<string, unknown>) {
  const res = await hub.query(user, query, variables);
  expect(res.body.errors).toBeUndefined();
  return res.body.data;
}

const sections = (over: Record<string, unknown> = {}) => ({
  sectionA: 'Dev loves trains and wants to make friends at school; his parents want him to talk with other children.',
  sectionB: ['Speech, language and communication needs: limited expressive language'],
  sectionE: [{ description: 'Uses short sentences to ask for help in class', targetDate: '2026-07-20' }],
  sectionF: [
    {
      description: 'Speech and language therapy, individual sessions',
      provider: 'LA SALT service',
      sessions: 2,
      minutesPerSession: 30,
      per: 'WEEK',
      startOn: '2025-02-03',
      endOn: '2026-02-02',
    },
  ],
  sectionI: { name: 'Willow Primary School', urn: '123456', placementType: 'MAINSTREAM' },
  sectionK: [],
  ...over,
});
const input = (kind: string, issuedOn: string, key: string, over: Record<string, unknown> = {}, childNo = 4) => ({
  input: { childId: child(childNo).id, kind, issuedOn, idempotencyKey: key, ...sections(over) },
});

describe('a new plan: draft, final, amendment notice and amended final, each issue kept', () => {
  let planId: string;
  it("issues the draft then the final (not before the family's 15 days), and the child has a plan in force", async () => {
    const draft = (await ok('coordinator', ISSUE, input('DRAFT', '2025-01-06', 'dev-draft-0001'))).issuePlan;
    expect(draft).toMatchObject({
      status: 'DRAFT',
      issuedOn: '2025-01-06',
      issues: [{ version: 1, kind: 'DRAFT', sectionA: { recordedOnBehalfOfFamily: true } }],
    });
    planId = draft.id;
    const early = await hub.query('coordinator', ISSUE, input('FINAL', '2025-01-20', 'dev-final-early'));
    expect(early.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.issuedOn' });
    const final = (await ok('coordinator', ISSUE, input('FINAL', '2025-02-03', 'dev-final-0001'))).issuePlan;
    expect(final).toMatchObject({
      id: planId,
      status: 'FINAL',
      issuedOn: '2025-02-03',
      sectionB: ['Speech, language and communication needs: limited expressive language'],
    });
    expect(final.issues.map((i: any) => [i.version, i.kind, i.issuedOn])).toEqual([
      [2, 'FINAL', '2025-02-03'],
      [1, 'DRAFT', '2025-01-06'],
    ]);
    expect(final.issues[0].sectionF).toEqual([
      {
        description: 'Speech and language therapy, individual sessions',
        provider: 'LA SALT service',
        sessions: 2,
        minutesPerSession: 30,
        per: 'WEEK',
        startOn: '2025-02-03',
        endOn: '2026-02-02',
      },
    ]);
    expect(
      (await sql(hub.databases.education, 'SELECT sen_status FROM education_record WHERE child_id = $1', [child(4).id]))[0].sen_status,
    ).toBe('EHC_PLAN');
  });

  it('amends after a review: the notice, then the amended final 15+ days later; earlier issues stay as issued', async () => {
    await ok(
      'coordinator',
      ISSUE,
      input('AMENDMENT_DRAFT', '2026-01-12', 'dev-amend-0001', {
        sectionB: ['SLCN: expressive language', 'Social communication difficulties'],
      }),
    );
    const tooSoon = await hub.query('coordinator', ISSUE, input('AMENDED_FINAL', '2026-01-20', 'dev-amended-early'));
    expect(tooSoon.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.issuedOn' });
    const amended = (
      await ok(
        'coordinator',
        ISSUE,
        input('AMENDED_FINAL', '2026-02-09', 'dev-amended-001', {
          sectionB: ['SLCN: expressive language', 'Social communication difficulties'],
          sectionJ: { description: 'Personal budget for transport', annualAmountPence: 120000, directPayment: true },
        }),
      )
    ).issuePlan;
    expect(amended.issues.map((i: any) => i.kind)).toEqual(['AMENDED_FINAL', 'AMENDMENT_DRAFT', 'FINAL', 'DRAFT']);
    expect(amended.issuedOn).toBe('2025-02-03'); // the plan was made on its final issue; reviews run from there
    expect(amended.sectionB).toEqual(['SLCN: expressive language', 'Social communication difficulties']);
    expect(amended.issues[2].sectionB).toEqual(['Speech, language and communication needs: limited expressive language']);
    expect(amended.issues[0].sectionJ).toEqual({ directPayment: true, annualAmountPence: 120000 });
    await expect(sql(hub.databases.education, 'UPDATE plan_issue SET issued_on = issued_on WHERE plan_id = $1', [planId])).rejects.toThrow(
      /never edited/,
    );
    await expect(
      sql(hub.databases.education, 'DELETE FROM plan_issue_item WHERE issue_id IN (SELECT id FROM plan_issue WHERE plan_id = $1)', [
        planId,
      ]),
    ).rejects.toThrow(/never edited/);
  });

  it('a retry with the same key returns the first result; the key reused for something else is refused', async () => {
    const before = await counts();
    const retries = await Promise.all(
      Array.from({ length: 8 }, () => hub.query('coordinator', ISSUE, input('AMENDMENT_DRAFT', '2026-03-02', 'dev-amend-0002'))),
    );
    for (const r of retries) expect(r.body.errors).toBeUndefined();
    expect((await counts()).i).toBe(before.i + 1);
    const reused = await hub.query('coordinator', ISSUE, input('AMENDED_FINAL', '2026-03-30', 'dev-amend-0002'));
    expect(reused.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.idempotencyKey' });
  });

  it('shows the coming phase transfer (Year 7 in September 2030: by 15 February 2030)', async () => {
    const data = await ok(
      'coordinator',
      `{ child(id: "${child(4).id}") { education { ehcPlan { nationalCurriculumYear phaseTransfer { transfer transferOn step { step startOn dueOn } } } } } }`,
    );
    expect(data.child.education.ehcPlan.phaseTransfer).toEqual({
      transfer: 'PRIMARY_TO_SECONDARY',
      transferOn: '2030-09-01',
      step: { step: 'PHASE_TRANSFER', startOn: '2029-09-01', dueOn: '2030-02-15' },
    });
  });
});

describe('a transfer the date of birth cannot tell', () => {
  it('records a move to middle school (Year 5, three-tier area), which becomes the next transfer with its 15 February deadline', async () => {
    const planId = (await ok('coordinator', `{ child(id: "${child(4).id}") { education { ehcPlan { id } } } }`)).child.education.ehcPlan.id;
    const m = `mutation { recordPhaseTransfer(planId: "${planId}", transfer: PRIMARY_TO_MIDDLE, transferOn: "2028-09-01", idempotencyKey: "dev-middle-2028") { phaseTransfer { transfer transferOn step { startOn dueOn } } } }`;
    const plan = (await ok('coordinator', m)).recordPhaseTransfer;
    expect(plan.phaseTransfer).toEqual({
      transfer: 'PRIMARY_TO_MIDDLE',
      transferOn: '2028-09-01',
      step: { startOn: '2027-09-01', dueOn: '2028-02-15' },
    });
    expect((await ok('coordinator', m)).recordPhaseTransfer.phaseTransfer.transfer).toBe('PRIMARY_TO_MIDDLE'); // a retry
    expect(await sql(hub.databases.education, 'SELECT count(*)::int AS n FROM phase_transfer')).toEqual([{ n: 1 }]);
    const far = await hub.query(
      'coordinator',
      `mutation { recordPhaseTransfer(planId: "${planId}", transfer: MIDDLE_TO_SECONDARY, transferOn: "2040-09-01", idempotencyKey: "dev-second-2040") { id } }`,
    );
    expect(far.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'transferOn' });
  });

  it('needs no recording when the placements show it: a move to middle school into Year 5 makes the next transfer the one into the upper school, not Year 7', async () => {
    // Esme (born 9 September 2015: Year 5 from September 2025, Year 9 from September 2029) moved to
    // a middle school, and the LA has named her upper school from September 2029.
    const esme = child(5).id;
    await sql(hub.databases.education, "UPDATE placement SET end_date = '2025-07-18' WHERE child_id = $1 AND end_date IS NULL", [esme]);
    await sql(
      hub.databases.education,
      `INSERT INTO placement (child_id, setting_name, urn, placement_type, start_date, end_date) VALUES
      ($1, 'Kingsway Middle School', '137105', 'MAINSTREAM', '2025-09-02', '2029-07-20'), ($1, 'Avon Valley Upper School', '137106', 'MAINSTREAM', '2029-09-04', NULL)`,
      [esme],
    );
    const data = await ok(
      'coordinator',
      `{ child(id: "${esme}") { education { ehcPlan { phaseTransfer { transfer transferOn step { startOn dueOn } } } } } }`,
    );
    expect(data.child.education.ehcPlan.phaseTransfer).toEqual({
      transfer: 'MIDDLE_TO_SECONDARY',
      transferOn: '2029-09-04',
      step: { startOn: '2028-09-04', dueOn: '2029-02-15' },
    });
    expect(
      await sql(
        hub.databases.education,
        'SELECT count(*)::int AS n FROM phase_transfer WHERE plan_id IN (SELECT id FROM ehc_plan WHERE child_id = $1)',
        [esme],
      ),
    ).toEqual([{ n: 0 }]);
  });
});

describe('the whole plan, assembled from the agencies that own its sections', () => {
  it('section K links to the advice records; C and G come from health, D and H1 from social care', async () => {
    const [health, social] = ['00000000-0000-4000-b000-000000000001', '00000000-0000-4000-b000-000000000002'];
    await ok('coordinator', ISSUE, input('AMENDMENT_DRAFT', '2025-06-02', 'ava-amend-0001', { sectionK: [health, social] }, 1));
    const data = await ok(
      'coordinator',
      `{ child(id: "${child(1).id}") {
      education { ehcPlan { sectionOwners { section owner path } currentIssue { kind sectionA { recordedOnBehalfOfFamily } sectionK { id adviceType receivedOn healthAdvice { version needs } } } } }
      health { needs { description } provision { description } }
      socialCare { needs provision { section description } } } }`,
    );
    const plan = data.child.education.ehcPlan;
    expect(plan.sectionOwners.map((o: any) => `${o.section}:${o.owner}`)).toEqual([
      'A:FAMILY',
      'B:EDUCATION',
      'C:HEALTH',
      'D:SOCIAL_CARE',
      'E:JOINT',
      'F:EDUCATION',
      'G:HEALTH',
      'H1:SOCIAL_CARE',
      'H2:SOCIAL_CARE',
      'I:EDUCATION',
      'J:JOINT',
      'K:ALL',
    ]);
    expect(plan.currentIssue.sectionK.map((k: any) => [k.id, k.adviceType])).toEqual([
      [health, 'HEALTH'],
      [social, 'SOCIAL_CARE'],
    ]);
    // The link leads to health's own advice, newest version first: not a copy in education.
    expect(plan.currentIssue.sectionK[0].healthAdvice[0]).toMatchObject({ version: 2 });
    expect(data.child.health.needs.length).toBeGreaterThan(0); // C
    expect(data.child.health.provision.length).toBeGreaterThan(0); // G
    expect(data.child.socialCare.needs.length).toBeGreaterThan(0); // D
    expect(data.child.socialCare.provision.map((p: any) => p.section)).toContain('H1');
  });

  it("the plan view carries C and G from health and D, H1, H2 from social care, within the family's consent", async () => {
    const q = (
      n: number,
    ) => `{ child(id: "${child(n).id}") { education { ehcPlan { sectionC { description } sectionG { description provider } sectionD sectionH1 { description } sectionH2 { description } } }
      health { needs { description } provision { description provider } } socialCare { needs provision { section description } } } }`;
    const ava = (await ok('coordinator', q(1))).child;
    expect(ava.education.ehcPlan.sectionC).toEqual(ava.health.needs);
    expect(ava.education.ehcPlan.sectionC.length).toBeGreaterThan(0);
    expect(ava.education.ehcPlan.sectionG).toEqual(ava.health.provision);
    expect(ava.education.ehcPlan.sectionD).toEqual(ava.socialCare.needs);
    expect(ava.education.ehcPlan.sectionH1).toEqual(
      ava.socialCare.provision.filter((p: any) => p.section === 'H1').map((p: any) => ({ description: p.description })),
    );
    expect(ava.education.ehcPlan.sectionH1.length).toBeGreaterThan(0);
    // Child 2's family denies mental health data to education: the anxiety need is dropped from C
    // exactly as from the health record itself.
    const res = await hub.query('coordinator', q(2));
    const ben = res.body.data.child;
    expect(ben.education.ehcPlan.sectionC).toEqual(ben.health?.needs ?? []);
    expect(JSON.stringify(ben)).not.toMatch(/Anxiety/);
  });

  it("refuses a link to another child's advice, nothing written", async () => {
    const before = await counts();
    const res = await hub.query(
      'coordinator',
      ISSUE,
      input('AMENDED_FINAL', '2025-07-01', 'ava-amended-x1', { sectionK: ['00000000-0000-4000-b000-000000000004'] }, 1),
    );
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.sectionK' });
    expect(await counts()).toEqual(before);
  });
});

describe("each issue keeps every agency's sections as they stood", () => {
  it('health and social care keep theirs for each issue; a later change shows only in later issues', async () => {
    const ISSUES = `{ child(id: "${child(1).id}") { education { ehcPlan { issues { id kind sectionC { description } sectionG { description } sectionD sectionH1 { description } } } } } }`;
    const first = (await ok('coordinator', ISSUES)).child.education.ehcPlan.issues[0];
    // The issue was announced to health and social care by peer message; both have kept their sections.
    await eventually(
      () => sql(hub.databases.health, 'SELECT issue_id FROM plan_issue_snapshot WHERE issue_id = $1', [first.id]),
      (r) => r.length === 1,
    );
    await eventually(
      () => sql(hub.databases['social-care'], 'SELECT issue_id FROM plan_issue_snapshot WHERE issue_id = $1', [first.id]),
      (r) => r.length === 1,
    );
    // Health records a new need after that issue; the next issue carries it, the first does not.
    await sql(
      hub.databases.health,
      "INSERT INTO plan_item (child_id, section, description) VALUES ($1, 'C', 'Needs a quiet space to regulate after transitions')",
      [child(1).id],
    );
    const next = (await ok('coordinator', ISSUE, input('AMENDED_FINAL', '2025-07-01', 'ava-amended-0001', {}, 1))).issuePlan.issues[0];
    await eventually(
      () => sql(hub.databases.health, 'SELECT issue_id FROM plan_issue_snapshot WHERE issue_id = $1', [next.id]),
      (r) => r.length === 1,
    );
    await eventually(
      () => sql(hub.databases['social-care'], 'SELECT issue_id FROM plan_issue_snapshot WHERE issue_id = $1', [next.id]),
      (r) => r.length === 1,
    );
    const [newest, older] = (await ok('coordinator', ISSUES)).child.education.ehcPlan.issues;
    expect([newest.id, older.id]).toEqual([next.id, first.id]);
    const c = (i: any) => i.sectionC.map((x: any) => x.description);
    expect(c(older).length).toBeGreaterThan(0);
    expect(c(newest)).toEqual([...c(older), 'Needs a quiet space to regulate after transitions']);
    expect(newest.sectionD).toEqual(older.sectionD);
    expect(older.sectionD.length).toBeGreaterThan(0);
    expect(older.sectionH1.length).toBeGreaterThan(0);
    await expect(
      sql(hub.databases.health, 'UPDATE plan_issue_snapshot SET items = $2 WHERE issue_id = $1', [first.id, '[]']),
    ).rejects.toThrow(/never edited/);
  });
});

describe('annual reviews of a plan made in December 2022 (child 9, born February 2011)', () => {
  let planId: string;
  let first: string;
  it('records the year-8 review, its late report, the decision to amend and the amended plan in time', async () => {
    planId = (await ok('coordinator', `{ child(id: "${child(9).id}") { education { ehcPlan { id } } } }`)).child.education.ehcPlan.id;
    const meeting = (
      await ok(
        'coordinator',
        `mutation { recordReviewMeeting(planId: "${planId}", meetingOn: "2023-11-20", pfaAreas: [], idempotencyKey: "iris-review-2023") { ${REVIEW} } }`,
      )
    ).recordReviewMeeting;
    first = meeting.id;
    expect(meeting).toMatchObject({
      nationalCurriculumYear: 8,
      meetingStep: { startOn: '2022-12-12', dueOn: '2023-12-12', doneOn: '2023-11-20', timeliness: 'IN_TIME' },
      pfa: { required: false, met: true },
    });
    const report = (await ok('coordinator', `mutation { recordReviewReport(reviewId: "${first}", reportOn: "2023-12-08") { ${REVIEW} } }`))
      .recordReviewReport;
    expect(report.reportStep).toMatchObject({ dueOn: '2023-12-04', timeliness: 'LATE', daysLate: 4 });
    const decided = (
      await ok(
        'coordinator',
        `mutation { recordReviewDecision(reviewId: "${first}", decision: AMEND, decidedOn: "2023-12-15") { ${REVIEW} } }`,
      )
    ).recordReviewDecision;
    expect(decided.decisionStep).toMatchObject({ dueOn: '2023-12-18', timeliness: 'IN_TIME' });
    expect(decided.amendedPlanStep).toMatchObject({ startOn: '2023-12-15', dueOn: '2024-02-09', timeliness: 'OVERDUE' });
    await ok(
      'coordinator',
      ISSUE,
      input(
        'AMENDED_FINAL',
        '2024-02-05',
        'iris-amended-2024',
        { sectionI: { name: 'Oakfield Independent Special School', urn: '145009', placementType: 'SPECIAL_INDEPENDENT' } },
        9,
      ),
    );
    const again = (
      await ok(
        'coordinator',
        `mutation { recordReviewDecision(reviewId: "${first}", decision: AMEND, decidedOn: "2023-12-15") { ${REVIEW} } }`,
      )
    ).recordReviewDecision;
    expect(again.amendedPlanStep).toMatchObject({ doneOn: '2024-02-05', timeliness: 'IN_TIME' });
  });

  it('the year-9 review must consider preparation for adulthood, and shows what it missed', async () => {
    const meeting = (
      await ok(
        'coordinator',
        `mutation { recordReviewMeeting(planId: "${planId}", meetingOn: "2024-11-25", pfaAreas: [EMPLOYMENT, HEALTH], idempotencyKey: "iris-review-2024") { ${REVIEW} } }`,
      )
    ).recordReviewMeeting;
    expect(meeting).toMatchObject({
      nationalCurriculumYear: 9,
      meetingStep: { startOn: '2023-11-20', dueOn: '2024-11-20', timeliness: 'LATE', daysLate: 5 },
    });
    expect(meeting.pfa).toEqual({
      required: true,
      considered: ['EMPLOYMENT', 'HEALTH'],
      missing: ['INDEPENDENT_LIVING', 'COMMUNITY'],
      met: false,
    });
    const second = await hub.query(
      'coordinator',
      `mutation { recordReviewDecision(reviewId: "${meeting.id}", decision: MAINTAIN, decidedOn: "2024-12-20") { id } }`,
    );
    expect(second.body.errors).toBeUndefined();
    const changed = await hub.query(
      'coordinator',
      `mutation { recordReviewDecision(reviewId: "${meeting.id}", decision: CEASE, decidedOn: "2024-12-21") { id } }`,
    );
    expect(changed.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reviewId' });
  });

  it("from year 9 the plan's outcomes show which preparation for adulthood areas they miss", async () => {
    const year9 = (
      await ok(
        'coordinator',
        ISSUE,
        input(
          'AMENDMENT_DRAFT',
          '2025-01-06',
          'iris-amend-2025',
          {
            sectionE: [
              { description: 'Takes part in a work experience week', pfaArea: 'EMPLOYMENT' },
              { description: 'Travels to college with a travel buddy', pfaArea: 'INDEPENDENT_LIVING' },
              { description: 'Reads at age-related level' },
            ],
          },
          9,
        ),
      )
    ).issuePlan;
    const q = await ok(
      'coordinator',
      `{ child(id: "${child(9).id}") { education { ehcPlan { issues { kind issuedOn pfaOutcomes { required considered missing met } } } } } }`,
    );
    const [latest, before] = q.child.education.ehcPlan.issues;
    expect(year9.id).toBeDefined();
    expect(latest).toEqual({
      kind: 'AMENDMENT_DRAFT',
      issuedOn: '2025-01-06',
      pfaOutcomes: { required: true, considered: ['EMPLOYMENT', 'INDEPENDENT_LIVING'], missing: ['COMMUNITY', 'HEALTH'], met: false },
    });
    expect(before).toMatchObject({ issuedOn: '2024-02-05', pfaOutcomes: { required: false, met: true } }); // Year 8 then
  });

  it('the plan shows its reviews and the next review, overdue 12 months after the last', async () => {
    const data = await ok(
      'coordinator',
      `{ child(id: "${child(9).id}") { education { ehcPlan { pfaRequiredAtNextReview nextReview { ${STEP} } reviews { id meetingOn decision amendedPlanStep { timeliness } } } } } }`,
    );
    const plan = data.child.education.ehcPlan;
    // The 2025 amendment notice belongs to the 2024 review's cycle, not the 2023 one's.
    expect(plan.reviews.map((r: any) => [r.meetingOn, r.decision, r.amendedPlanStep.timeliness])).toEqual([
      ['2024-11-25', 'MAINTAIN', 'NOT_APPLICABLE'],
      ['2023-11-20', 'AMEND', 'IN_TIME'],
    ]);
    expect(plan.nextReview).toMatchObject({ step: 'REVIEW_MEETING', startOn: '2024-11-25', dueOn: '2025-11-25', timeliness: 'OVERDUE' });
    expect(plan.pfaRequiredAtNextReview).toBe(true);
  });

  it("the coordinator's due list has it, and child 4's first review, most overdue first", async () => {
    const data = await ok('coordinator', '{ ehcReviewsDue(withinDays: 0) { child { id } planId step dueOn timeliness daysOverdue } }');
    const rows = data.ehcReviewsDue;
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ child: { id: child(9).id }, planId, step: 'REVIEW_MEETING', dueOn: '2025-11-25', timeliness: 'OVERDUE' }),
        expect.objectContaining({ child: { id: child(4).id }, step: 'REVIEW_MEETING', dueOn: '2026-02-03', timeliness: 'OVERDUE' }),
      ]),
    );
    const overdue = rows.map((r: any) => r.daysOverdue ?? -1);
    expect(overdue).toEqual([...overdue].sort((a: number, b: number) => b - a));
    // Every demo plan in force without a review is listed: its first review fell due long ago.
    const inForce = await sql(
      hub.databases.education,
      "SELECT count(*)::int AS n FROM ehc_plan e WHERE status = 'FINAL' AND issued_on < now() - interval '13 months' AND NOT EXISTS (SELECT 1 FROM annual_review a WHERE a.plan_id = e.id)",
    );
    expect(rows.filter((r: any) => r.step === 'REVIEW_MEETING').length).toBeGreaterThanOrEqual(inForce[0].n);
  });
});

describe('the demo shows the clock running', () => {
  it("child 5: the 2025 review decided to amend and the amended plan is overdue; child 6's SEN support review is overdue", async () => {
    const data = await ok(
      'coordinator',
      `{ five: child(id: "${child(5).id}") { education { ehcPlan { reviews { meetingOn reportStep { ${STEP} } amendedPlanStep { ${STEP} } } } } }
      six: child(id: "${child(6).id}") { education { senSupport { needs { rank senType } nextReviewOn reviewTimeliness } } } }`,
    );
    const [latest] = data.five.education.ehcPlan.reviews;
    expect(latest).toMatchObject({
      meetingOn: '2025-06-09',
      reportStep: { dueOn: '2025-06-23', timeliness: 'LATE', daysLate: 7 },
      amendedPlanStep: { startOn: '2025-07-04', dueOn: '2025-08-29', timeliness: 'OVERDUE' },
    });
    expect(data.six.education.senSupport).toEqual([
      { needs: [{ rank: 1, senType: 'SEMH' }], nextReviewOn: '2025-04-04', reviewTimeliness: 'OVERDUE' },
    ]);
    const due = (await ok('coordinator', '{ ehcReviewsDue(withinDays: 0) { child { id } step } }')).ehcReviewsDue;
    expect(due).toEqual(expect.arrayContaining([{ child: { id: child(5).id }, step: 'AMENDED_PLAN' }]));
  });
});

describe('review timeliness counts', () => {
  it("count every step of the LA's plans in force, one next review per plan", async () => {
    const data = await ok('coordinator', '{ ehcReviewTimeliness { laCode steps { step timeliness count } } }');
    const { laCode, steps } = data.ehcReviewTimeliness;
    expect(laCode).toBe('937');
    const sum = (step: string) => steps.filter((s: any) => s.step === step).reduce((n: number, s: any) => n + s.count, 0);
    const plans = await sql(
      hub.databases.education,
      "SELECT count(*)::int AS n FROM ehc_plan e JOIN education_record r USING (child_id) WHERE r.la_code = '937' AND e.status = 'FINAL'",
    );
    expect(sum('REVIEW_MEETING')).toBeGreaterThanOrEqual(plans[0].n); // the next review of each, plus the reviews held
    const reviews = await sql(
      hub.databases.education,
      "SELECT count(*)::int AS n FROM annual_review a JOIN ehc_plan e ON e.id = a.plan_id WHERE e.status = 'FINAL'",
    );
    expect(sum('REVIEW_REPORT')).toBe(reviews[0].n);
    expect(sum('REVIEW_MEETING')).toBe(plans[0].n + reviews[0].n);
    expect(steps.find((s: any) => s.step === 'AMENDED_PLAN' && s.timeliness === 'OVERDUE').count).toBeGreaterThan(0); // demo child 5
    expect((await hub.query('paediatrician', '{ ehcReviewTimeliness { laCode } }')).body.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ROLE',
    });
  });
});

describe('ceasing a plan with its SEN2 reason', () => {
  it('records reason and date; a retry is answered; a different cessation is refused', async () => {
    const planId = (await ok('coordinator', `{ child(id: "${child(12).id}") { education { ehcPlan { id } } } }`)).child.education.ehcPlan
      .id;
    const ceased = (
      await ok('coordinator', `mutation { ceasePlan(planId: "${planId}", reason: PAID_EMPLOYMENT, ceasedOn: "2026-07-31") { ${PLAN} } }`)
    ).ceasePlan;
    expect(ceased).toMatchObject({ status: 'CEASED', ceaseReason: '4', ceaseReasonName: 'PAID_EMPLOYMENT', ceasedOn: '2026-07-31' });
    expect(
      (await ok('coordinator', `mutation { ceasePlan(planId: "${planId}", reason: PAID_EMPLOYMENT, ceasedOn: "2026-07-31") { status } }`))
        .ceasePlan.status,
    ).toBe('CEASED');
    const other = await hub.query(
      'coordinator',
      `mutation { ceasePlan(planId: "${planId}", reason: MOVED_TO_ANOTHER_LA, ceasedOn: "2026-07-31") { status } }`,
    );
    expect(other.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'planId' });
    const review = await hub.query(
      'coordinator',
      `mutation { recordReviewMeeting(planId: "${planId}", meetingOn: "2026-08-10", pfaAreas: [], idempotencyKey: "lena-review-after") { id } }`,
    );
    expect(review.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'planId' });
  });
});

describe('SEN support', () => {
  const SUPPORT =
    'id startOn endOn needs { rank senType } provision nextReviewOn reviewTimeliness daysOverdue reviews { reviewedOn outcome nextReviewOn }';
  it('records ranked census needs (NSA alone), provision and the review cycle', async () => {
    const variables = {
      input: {
        childId: child(8).id,
        startOn: '2025-09-08',
        needs: ['NSA'],
        provision: ['Small-group phonics, three times a week'],
        nextReviewOn: '2025-12-12',
        idempotencyKey: 'hari-support-01',
      },
    };
    const opened = (
      await ok('coordinator', `mutation($input: SenSupportInput!) { recordSenSupport(input: $input) { ${SUPPORT} } }`, variables)
    ).recordSenSupport;
    expect(opened).toMatchObject({
      needs: [{ rank: 1, senType: 'NSA' }],
      nextReviewOn: '2025-12-12',
      reviewTimeliness: 'OVERDUE',
      endOn: null,
    });
    const again = (await ok('coordinator', `mutation($input: SenSupportInput!) { recordSenSupport(input: $input) { id } }`, variables))
      .recordSenSupport;
    expect(again.id).toBe(opened.id);
    const reviewed = (
      await ok(
        'coordinator',
        `mutation { recordSenSupportReview(supportId: "${opened.id}", reviewedOn: "2025-12-10", outcome: CONTINUE, nextReviewOn: "2099-03-20", idempotencyKey: "hari-review-01") { ${SUPPORT} } }`,
      )
    ).recordSenSupportReview;
    expect(reviewed).toMatchObject({
      nextReviewOn: '2099-03-20',
      reviewTimeliness: 'NOT_YET_DUE',
      reviews: [{ reviewedOn: '2025-12-10', outcome: 'CONTINUE' }],
    });
    const read = await ok('coordinator', `{ child(id: "${child(8).id}") { education { senStatus senSupport { id needs { senType } } } } }`);
    expect(read.child.education).toMatchObject({ senStatus: 'SEN_SUPPORT', senSupport: [{ id: opened.id, needs: [{ senType: 'NSA' }] }] });
  });

  it.each([
    ['NSA ranked with another type', { needs: ['NSA', 'SPLD'] }, 'input.needs'],
    ['the same type twice', { needs: ['SPLD', 'SPLD'] }, 'input.needs'],
    ['no provision', { provision: [] }, 'input.provision'],
    ['a review before the start', { nextReviewOn: '2025-01-01' }, 'input.nextReviewOn'],
    ['a short key', { idempotencyKey: 'k' }, 'input.idempotencyKey'],
  ])('refuses %s, nothing written', async (_, over, argument) => {
    const before = await counts();
    const res = await hub.query('coordinator', 'mutation($input: SenSupportInput!) { recordSenSupport(input: $input) { id } }', {
      input: {
        childId: child(6).id,
        startOn: '2025-09-08',
        needs: ['SEMH'],
        provision: ['Mentoring weekly'],
        nextReviewOn: '2025-12-12',
        idempotencyKey: 'finn-support-01',
        ...over,
      },
    });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(await counts()).toEqual(before);
  });
});

describe('validation and access for plans and reviews', () => {
  it.each([
    [
      'provision not quantified',
      () =>
        input(
          'DRAFT',
          '2025-01-06',
          'finn-draft-0001',
          {
            sectionF: [
              {
                description: 'Support as needed',
                provider: 'School',
                sessions: 0,
                minutesPerSession: 30,
                per: 'WEEK',
                startOn: '2025-01-06',
                endOn: '2025-07-01',
              },
            ],
          },
          6,
        ),
      'input.sectionF[0].sessions',
    ],
    [
      'provision with no end',
      () =>
        input(
          'DRAFT',
          '2025-01-06',
          'finn-draft-0001',
          {
            sectionF: [
              {
                description: 'Mentoring',
                provider: 'School',
                sessions: 1,
                minutesPerSession: 30,
                per: 'WEEK',
                startOn: '2025-01-06',
                endOn: '2024-07-01',
              },
            ],
          },
          6,
        ),
      'input.sectionF[0].endOn',
    ],
    ['no outcomes', () => input('DRAFT', '2025-01-06', 'finn-draft-0001', { sectionE: [] }, 6), 'input.sectionE'],
    ['an amendment of a plan that does not exist', () => input('AMENDED_FINAL', '2025-01-06', 'finn-draft-0001', {}, 6), 'input.kind'],
    ['a date in the future', () => input('DRAFT', '2999-01-06', 'finn-draft-0001', {}, 6), 'input.issuedOn'],
    [
      'a bad URN',
      () =>
        input(
          'DRAFT',
          '2025-01-06',
          'finn-draft-0001',
          { sectionI: { name: 'Meadow Academy', urn: '12', placementType: 'MAINSTREAM' } },
          6,
        ),
      'input.sectionI.urn',
    ],
  ])('issuePlan refuses %s, nothing written', async (_, variables, argument) => {
    const before = await counts();
    const res = await hub.query('coordinator', ISSUE, variables());
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(await counts()).toEqual(before);
  });

  it('review arguments: the due window, an unknown review, a meeting before the plan', async () => {
    expect((await hub.query('coordinator', '{ ehcReviewsDue(withinDays: 999) { planId } }')).body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'withinDays',
    });
    expect(
      (
        await hub.query(
          'coordinator',
          'mutation { recordReviewReport(reviewId: "00000000-0000-4000-a000-999999999999", reportOn: "2025-01-01") { id } }',
        )
      ).body.errors?.[0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reviewId' });
    const planId = (await ok('coordinator', `{ child(id: "${child(1).id}") { education { ehcPlan { id } } } }`)).child.education.ehcPlan.id;
    const before = await counts();
    const early = await hub.query(
      'coordinator',
      `mutation { recordReviewMeeting(planId: "${planId}", meetingOn: "2020-01-01", pfaAreas: [], idempotencyKey: "ava-review-early") { id } }`,
    );
    expect(early.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'meetingOn' });
    expect(await counts()).toEqual(before);
  });

  it('only EHC coordinators act (ROLE); a coordinator without need-to-know is refused (NO_RELATIONSHIP)', async () => {
    const before = await counts();
    for (const user of ['social-worker', 'paediatrician', 'commissioner']) {
      const res = await hub.query(user, ISSUE, input('DRAFT', '2025-01-06', 'finn-draft-0002', {}, 6));
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
      expect((await hub.query(user, '{ ehcReviewsDue { planId } }')).body.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'ROLE',
      });
    }
    const stranger = { sub: 'u-ehc-9', name: 'Other Coordinator', org: 'LA937', roles: ['ehc_coordinator' as const] };
    // The due list names only children the caller has need-to-know for: none, for this coordinator.
    expect((await hub.query(stranger, '{ ehcReviewsDue(withinDays: 366) { planId } }')).body).toEqual({ data: { ehcReviewsDue: [] } });
    const res = await hub.query(stranger, ISSUE, input('DRAFT', '2025-01-06', 'finn-draft-0003', {}, 6));
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_RELATIONSHIP' });
    expect(await counts()).toEqual(before);
  });
});
