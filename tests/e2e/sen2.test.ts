// The SEN2 return through the gateway, on real PostgreSQL with the demo data plus a year of
// activity recorded through the graph, checked against the education database independently
// (plain SQL here, not the builder's code), with its validation rules, guard and audit.
import { DEMO_CHILDREN, DEMO_USERS } from '@hub/seed';
import { startTestHub, tokenFor, type TestHub } from '../kit/hub';
import { sql } from '../kit/databases';
import { runCli } from '../kit/ingest-cli';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let hub: TestHub;
const child = (n: number) => DEMO_CHILDREN[n - 1];
const CENSUS = '2027-01-21'; // the third Thursday of January 2027: the reference period is 2026
const RETURN = `{ sen2Return(censusDate: "${CENSUS}") { laCode censusDate periodStart periodEnd counts { persons requests assessments namedPlans ceasedPlans activePlans }
  ruleCounts { rule severity count } xmlHeader xmlFooter
  records { child { id } person { upn uln surname forename dateOfBirth } requests { requestReceivedOn requestOutcome requestOutcomeDate assessmentOutcome assessmentOutcomeDate twentyWeekException }
    namedPlans { startDate ceaseDate ceaseReason } activePlan { startDate needs { rank senType } placements { urn settingCode placementType } } issues { rule severity } xml } } }`;

async function ok(user: string | object, query: string, variables?: Record<string, unknown>) {
  const res = await hub.query(user as any, query, variables);
  expect(res.body.errors).toBeUndefined();
  return res.body.data;
}

beforeAll(async () => {
  hub = await startTestHub({ label: 'sen2' });
  // 2026, through the graph: a plan ceased, a new plan made, a request not assessed, one awaiting a decision.
  const lena = (await ok('coordinator', `{ child(id: "${child(12).id}") { education { ehcPlan { id } } } }`)).child.education.ehcPlan.id;
  await ok('coordinator', `mutation { ceasePlan(planId: "${lena}", reason: PAID_EMPLOYMENT, ceasedOn: "2026-07-31") { id } }`);
  const plan = (kind: string, issuedOn: string, key: string) => ({
    input: {
      childId: child(4).id,
      kind,
      issuedOn,
      idempotencyKey: key,
      sectionA: 'Dev wants to make friends at school.',
      sectionB: ['Speech, language and communication needs'],
      sectionE: [{ description: 'Asks for help in class using short sentences' }],
      sectionF: [
        {
          description: 'Speech and language therapy',
          provider: 'LA SALT service',
          sessions: 1,
          minutesPerSession: 45,
          per: 'WEEK',
          startOn: issuedOn,
          endOn: '2027-07-20',
        },
      ],
      sectionI: { name: 'Willow Primary School', placementType: 'MAINSTREAM' },
      sectionK: [],
    },
  });
  await ok(
    'coordinator',
    'mutation($input: IssuePlanInput!) { issuePlan(input: $input) { id } }',
    plan('DRAFT', '2026-03-02', 'sen2-dev-draft'),
  );
  await ok(
    'coordinator',
    'mutation($input: IssuePlanInput!) { issuePlan(input: $input) { id } }',
    plan('FINAL', '2026-04-06', 'sen2-dev-final'),
  );
  const ben = (
    await ok('coordinator', `mutation { openNeedsAssessment(childId: "${child(2).id}", requestReceivedOn: "2026-05-04") { id } }`)
  ).openNeedsAssessment.id;
  await ok('coordinator', `mutation { recordAssessmentDecision(assessmentId: "${ben}", decision: N, decidedOn: "2026-06-01") { id } }`);
  await ok('coordinator', `mutation { openNeedsAssessment(childId: "${child(3).id}", requestReceivedOn: "2026-10-05") { id } }`);
});
afterAll(() => hub?.stop());

describe('the SEN2 return for January 2027', () => {
  let ret: any;
  beforeAll(async () => {
    ret = (await ok('coordinator', RETURN)).sen2Return;
  });

  it('covers the calendar year before the census', () => {
    expect(ret).toMatchObject({ laCode: '937', censusDate: CENSUS, periodStart: '2026-01-01', periodEnd: '2026-12-31' });
  });

  it('holds exactly the requests the database has for 2026, with their outcomes', async () => {
    const rows = await sql(
      hub.databases.education,
      `SELECT child_id, request_received_on, decision, decided_on FROM needs_assessment
      WHERE la_code = '937' AND request_received_on BETWEEN '2026-01-01' AND '2026-12-31' ORDER BY child_id, request_received_on`,
    );
    const got = ret.records.flatMap((r: any) =>
      r.requests.map((q: any) => [r.child.id, q.requestReceivedOn, q.requestOutcome, q.requestOutcomeDate]),
    );
    expect(got.sort()).toEqual(rows.map((r: any) => [r.child_id, r.request_received_on, r.decision, r.decided_on]).sort());
    expect(ret.counts.requests).toBe(rows.length);
    expect(got).toEqual(
      expect.arrayContaining([
        [child(2).id, '2026-05-04', 'N', '2026-06-01'],
        [child(3).id, '2026-10-05', 'A', null],
      ]),
    );
  });

  it('lists as active exactly the plans in force on the census date, with their ranked needs and open placements', async () => {
    const active = await sql(
      hub.databases.education,
      `SELECT e.child_id, e.issued_on FROM ehc_plan e JOIN education_record r USING (child_id)
      WHERE r.la_code = '937' AND e.issued_on <= $1 AND (e.status = 'FINAL' OR (e.status = 'CEASED' AND e.ceased_on > $1))`,
      [CENSUS],
    );
    const got = ret.records.filter((r: any) => r.activePlan).map((r: any) => [r.child.id, r.activePlan.startDate]);
    expect(got.sort()).toEqual(active.map((a: any) => [a.child_id, a.issued_on]).sort());
    expect(ret.counts.activePlans).toBe(active.length);
    expect(got.map((g: any) => g[0])).not.toContain(child(12).id);
    for (const r of ret.records.filter((x: any) => x.activePlan)) {
      const needs = await sql(
        hub.databases.education,
        'SELECT rank, sen_type AS "senType" FROM sen_need WHERE child_id = $1 ORDER BY rank',
        [r.child.id],
      );
      expect(r.activePlan.needs).toEqual(needs);
      const open = await sql(
        hub.databases.education,
        'SELECT urn, setting_code AS "settingCode" FROM placement WHERE child_id = $1 AND start_date <= $2 AND (end_date IS NULL OR end_date >= $2) ORDER BY start_date, id',
        [r.child.id, CENSUS],
      );
      expect(r.activePlan.placements.map((p: any) => ({ urn: p.urn, settingCode: p.settingCode }))).toEqual(open);
    }
  });

  it('names the plans made and ceased in 2026, the ceased one with its SEN2 reason and date', async () => {
    const made = await sql(
      hub.databases.education,
      "SELECT child_id FROM ehc_plan WHERE status <> 'DRAFT' AND issued_on BETWEEN '2026-01-01' AND '2026-12-31'",
    );
    const ceased = await sql(
      hub.databases.education,
      "SELECT child_id, ceased_on, cease_reason FROM ehc_plan WHERE ceased_on BETWEEN '2026-01-01' AND '2026-12-31'",
    );
    expect(ret.counts.namedPlans).toBe(made.length);
    expect(ret.counts.ceasedPlans).toBe(ceased.length);
    expect(made.map((m: any) => m.child_id)).toContain(child(4).id);
    const lena = ret.records.find((r: any) => r.child.id === child(12).id);
    expect(lena.namedPlans).toEqual([{ startDate: '2018-03-01', ceaseDate: '2026-07-31', ceaseReason: '4' }]);
  });

  it('has one person per child in any module, identified as education records them', async () => {
    const ids = new Set(ret.records.map((r: any) => r.child.id));
    expect(ids.size).toBe(ret.records.length);
    expect(ret.counts.persons).toBe(ret.records.length);
    for (const r of ret.records) {
      const [e] = await sql(
        hub.databases.education,
        'SELECT upn, uln, family_name, date_of_birth FROM education_record WHERE child_id = $1',
        [r.child.id],
      );
      expect(r.person).toMatchObject({ upn: e.upn, uln: e.uln, surname: e.family_name, dateOfBirth: e.date_of_birth });
      expect(r.requests.length + r.namedPlans.length + (r.activePlan ? 1 : 0)).toBeGreaterThan(0);
    }
  });

  it("the XML is the envelope around each child's Person element", () => {
    const xml = ret.xmlHeader + ret.records.map((r: any) => r.xml).join('') + ret.xmlFooter;
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><Message><Header>')).toBe(true);
    expect(xml).toContain(`<ReferenceDate>${CENSUS}</ReferenceDate>`);
    expect(xml.match(/<Person>/g)?.length).toBe(ret.records.length);
    expect(xml.match(/<Requests>/g)?.length ?? 0).toBe(ret.counts.requests);
    expect(xml.match(/<ActivePlans>/g)?.length ?? 0).toBe(ret.counts.activePlans);
    expect(ret.xmlHeader).not.toMatch(/Demo-/);
  });

  it("flags the request still awaiting a decision (SEN2-R02) in that child's record, counts every hit, and every hit holds", async () => {
    const cara = ret.records.find((r: any) => r.child.id === child(3).id);
    expect(cara.issues).toEqual(expect.arrayContaining([{ rule: 'SEN2-R02', severity: 'QUERY' }]));
    const undecided = await sql(
      hub.databases.education,
      `SELECT DISTINCT child_id FROM needs_assessment WHERE la_code = '937' AND decision = 'A' AND withdrawn_on IS NULL
      AND request_received_on BETWEEN '2026-01-01' AND '2026-12-31' AND request_received_on < $1::date - 42`,
      [CENSUS],
    );
    const flagged = (rule: string) =>
      ret.records.filter((r: any) => r.issues.some((i: any) => i.rule === rule)).map((r: any) => r.child.id);
    expect(flagged('SEN2-R02').sort()).toEqual(undecided.map((u: any) => u.child_id).sort());
    for (const c of ret.ruleCounts)
      expect([c.rule, c.count]).toEqual([
        c.rule,
        ret.records.reduce((n: number, r: any) => n + r.issues.filter((i: any) => i.rule === c.rule).length, 0),
      ]);
    expect(ret.ruleCounts.map((c: any) => c.rule)).toHaveLength(12);
    for (const r of ret.records) {
      for (const i of r.issues) {
        if (i.rule === 'SEN2-N02') expect(r.activePlan.placements).toEqual([]);
        if (i.rule === 'SEN2-A02') expect(r.requests.some((q: any) => q.assessmentOutcome === 'Y' && !q.twentyWeekException)).toBe(true);
      }
    }
  });

  it("every child's record was a guarded disclosure, audited by education", async () => {
    // The return's own event: the widest of the coordinator's latest (a mutation's record from just
    // before may be chained after it on a busy machine, so "the last one" is not always the return's).
    const events = await sql(hub.databases.education, 'SELECT entries FROM audit_event WHERE actor_sub = $1 ORDER BY seq DESC LIMIT 5', [
      DEMO_USERS.coordinator.sub,
    ]);
    const event = events.reduce((a: any, b: any) => (b.entries.length > a.entries.length ? b : a));
    for (const r of ret.records) {
      for (const category of ['EDUCATION', 'IDENTITY'])
        expect(event.entries).toEqual(
          expect.arrayContaining([expect.objectContaining({ childId: r.child.id, category, decision: 'PERMIT' })]),
        );
    }
  });
});

describe('who may build it', () => {
  it('is for EHC coordinators; a bad census date is refused', async () => {
    for (const user of ['social-worker', 'paediatrician', 'commissioner']) {
      expect((await hub.query(user, RETURN)).body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
    }
    for (const bad of ['2027-01-14', '21/01/2027', '2027-02-30']) {
      expect((await hub.query('coordinator', `{ sen2Return(censusDate: "${bad}") { laCode } }`)).body.errors?.[0].extensions).toMatchObject(
        { code: 'BAD_USER_INPUT', argument: 'censusDate' },
      );
    }
  });

  it("the LA's own education system (integration) builds the whole return", async () => {
    const system = {
      sub: 'sys-la937-returns',
      name: 'LA937 returns system',
      org: 'LA937',
      roles: ['integration' as const],
      agency: 'EDUCATION',
    };
    const data = await ok(system, RETURN);
    const persons = await sql(
      hub.databases.education,
      `SELECT count(DISTINCT r.child_id)::int AS n FROM education_record r WHERE r.la_code = '937' AND (
      EXISTS (SELECT 1 FROM needs_assessment a WHERE a.child_id = r.child_id AND a.request_received_on BETWEEN '2026-01-01' AND '2026-12-31')
      OR EXISTS (SELECT 1 FROM ehc_plan e WHERE e.child_id = r.child_id AND (e.issued_on BETWEEN '2026-01-01' AND '2026-12-31' OR e.ceased_on BETWEEN '2026-01-01' AND '2026-12-31'
        OR (e.issued_on <= $1 AND (e.status = 'FINAL' OR (e.status = 'CEASED' AND e.ceased_on > $1))))))`,
      [CENSUS],
    );
    expect(data.sen2Return.records.length).toBe(persons[0].n);
    expect(data.sen2Return.records.every((r: any) => r.person && r.xml)).toBe(true);
    const health = { ...system, agency: 'HEALTH', org: 'RX1' };
    expect((await hub.query(health as any, RETURN)).body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
  });

  it("a coordinator with no need-to-know for the children gets counts but no child's data", async () => {
    const stranger = { sub: 'u-ehc-9', name: 'Other Coordinator', org: 'LA937', roles: ['ehc_coordinator' as const] };
    const res = await hub.query(stranger as any, RETURN);
    expect(res.body.data?.sen2Return.counts.persons).toBeGreaterThan(0);
    expect(
      res.body.data?.sen2Return.records.every((r: any) => r.person === null && r.xml === null && r.issues === null && r.requests === null),
    ).toBe(true);
    expect(res.body.errors?.length).toBeGreaterThan(0);
    for (const e of res.body.errors!) expect(e.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_RELATIONSHIP' });
    expect(JSON.stringify(res.body)).not.toMatch(/Demo-/);
  });
});

describe('npm run sen2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sen2-cli-'));

  it("writes the same file the graph gives the LA's education system, and prints the validation summary", async () => {
    const out = join(dir, 'sen2.xml');
    const run = await runCli(hub.gateway.url, 'scripts/sen2/cli.ts', ['--la', '937', '--reference-date', CENSUS, '--out', out]);
    const system = {
      sub: 'sys-la937-returns',
      name: 'LA937 returns system',
      org: 'LA937',
      roles: ['integration' as const],
      agency: 'EDUCATION',
    };
    const r = (await ok(system, RETURN)).sen2Return;
    const errors = r.ruleCounts.filter((c: any) => c.severity === 'ERROR').reduce((n: number, c: any) => n + c.count, 0);
    expect([run.status, run.stderr.includes('sen2 write')]).toEqual([errors ? 1 : 0, true]);
    expect(readFileSync(out, 'utf8')).toBe(r.xmlHeader + r.records.map((x: any) => x.xml).join('') + r.xmlFooter);
    expect(run.stdout).toContain(`persons ${r.counts.persons}, requests ${r.counts.requests}`);
    for (const c of r.ruleCounts.filter((x: any) => x.count > 0))
      expect(run.stdout).toMatch(new RegExp(`${c.rule} ${c.severity}\\s+${c.count} `));
    expect(run.stdout + run.stderr).not.toMatch(/Demo-/);
  });

  it('refuses, writing nothing: another LA, a bad date naming the argument, a coordinator who may not see every child', async () => {
    const out = join(dir, 'refused.xml');
    const wrongLa = await runCli(hub.gateway.url, 'scripts/sen2/cli.ts', ['--la', '938', '--reference-date', CENSUS, '--out', out]);
    expect([wrongLa.status, wrongLa.stderr]).toEqual([2, expect.stringContaining("the token's LA is 937, not 938")]);
    const badDate = await runCli(hub.gateway.url, 'scripts/sen2/cli.ts', ['--reference-date', '2027-01-14', '--out', out]);
    expect([badDate.status, badDate.stderr]).toEqual([2, expect.stringContaining('BAD_USER_INPUT')]);
    expect(badDate.stderr).toContain('censusDate');
    const stranger = { sub: 'u-ehc-9', name: 'Other Coordinator', org: 'LA937', roles: ['ehc_coordinator' as const] };
    const coordinator = await runCli(hub.gateway.url, 'scripts/sen2/cli.ts', ['--reference-date', CENSUS, '--out', out], {
      HUB_TOKEN: await tokenFor(stranger as any),
    });
    expect([coordinator.status, coordinator.stderr]).toEqual([2, expect.stringContaining('withheld by the guard')]);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });
});
