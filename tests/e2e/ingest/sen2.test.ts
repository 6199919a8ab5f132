// Education records fed from an LA's SEN case system as its SEN2 return, through the gateway, on
// real PostgreSQL: a synthetic population's return ingested into an empty hub gives back the same
// return (checked with this test's own reader against a recount from the generator's data); replay,
// correction (only what changed; what the source stopped sending is closed, not deleted), rejected
// files writing nothing and naming the rule, and who may submit at all.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS, generatePopulation, sen2Return, type PopulationChild } from '@hub/seed';
import { startTestHub, tokenFor, type TestHub } from '../../kit/hub';
import { sql } from '../../kit/databases';
import { runIngestCli } from '../../kit/ingest-cli';
import { INGEST_SEN2, postSen2Return, type CinIngestSummary } from '../../../scripts/ingest/client';
import { returnParts } from '../../../scripts/ingest/xml-returns';
import { SEN2_RETURN } from '../../../scripts/ingest/return-stream';

const FIXTURES = join(__dirname, '../../fixtures/ingest/sen2');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const CENSUS = '2027-01-21';
const RETURN = `query { sen2Return(censusDate: "${CENSUS}") { counts { persons requests assessments namedPlans ceasedPlans activePlans }
  ruleCounts { rule count } records { child { id } xml namedPlans { startDate ceaseDate ceaseReason } requests { requestReceivedOn requestOutcome requestOutcomeDate } } } }`;

let hub: TestHub;
let population: PopulationChild[];
beforeAll(async () => {
  hub = await startTestHub({ label: 'ingsen2', children: [] });
  population = [...generatePopulation({ children: 4000, seed: 1515 })];
});
afterAll(() => hub?.stop());

async function ingest(text: string, user = 'edu-feed') {
  return postSen2Return(hub.gateway.url, await tokenFor(user), text);
}
async function accepted(text: string): Promise<CinIngestSummary> {
  const r = await ingest(text);
  if (!r.ok) throw new Error(`rejected: ${JSON.stringify(r.errors)}`);
  return r.result;
}
async function theReturn() {
  const res = await hub.query('edu-feed', RETURN);
  expect(res.body.errors).toBeUndefined();
  return res.body.data.sen2Return;
}
/** Row counts of every table SEN2 ingestion writes, and of governance's child index. */
async function footprint() {
  const [e] = await sql(
    hub.databases.education,
    `SELECT (SELECT count(*) FROM ingest_submission) s, (SELECT count(*) FROM education_record) r,
    (SELECT count(*) FROM needs_assessment) a, (SELECT count(*) FROM ehc_plan) p, (SELECT count(*) FROM placement) pl, (SELECT count(*) FROM sen_need) n,
    (SELECT max(source_at) FROM education_record) t`,
  );
  const [g] = await sql(hub.databases.governance, 'SELECT (SELECT count(*) FROM child) c');
  return { ...e, ...g };
}

// This test's own reader: element text by regular expression, nothing shared with the hub's parser.
const persons = (xml: string) => xml.match(/<Person>.*?<\/Person>/gs) ?? [];
const all = (xml: string, el: string) => [...xml.matchAll(new RegExp(`<${el}>(.*?)</${el}>`, 'gs'))].map((m) => m[1]);
const one = (xml: string, el: string) => all(xml, el)[0] ?? null;
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
const tally = (keys: string[]) => keys.reduce<Record<string, number>>((o, k) => ({ ...o, [k]: (o[k] ?? 0) + 1 }), {});

/** What the file says, read here. */
function countsInFile(xml: string) {
  const ps = persons(xml);
  const assessed = ps.flatMap((p) => all(p, 'Requests')).filter((r) => one(r, 'AssessmentOutcome') === 'Y');
  const within = (r: string) => days(one(r, 'ReceivedDate')!, one(r, 'AssessmentOutcomeDate')!) <= 140;
  const placements = ps.flatMap((p) => all(p, 'ActivePlans')).flatMap((a) => all(a, 'Placement'));
  return {
    persons: ps.length,
    requests: ps.reduce((n, p) => n + all(p, 'Requests').length, 0),
    plansIssued: assessed.length,
    within20Weeks: assessed.filter(within).length,
    within20WeeksWithException: assessed.filter((r) => within(r) && one(r, 'TwentyWeekTimeExcp') === '1').length,
    lateWithException: assessed.filter((r) => !within(r) && one(r, 'TwentyWeekTimeExcp') === '1').length,
    activePlans: ps.filter((p) => p.includes('<ActivePlans>')).length,
    byPlacementType: tally(placements.map((x) => one(x, 'PlacementType')!)),
    bySetting: tally(placements.map((x) => one(x, 'SENsetting') ?? 'URN')),
    ceasedByReason: tally(
      ps
        .flatMap((p) => all(p, 'NamedPlan'))
        .map((n) => one(n, 'CeaseReason'))
        .filter((r): r is string => r !== null),
    ),
  };
}

/** The same counts from the generator's own data, as the SEN2 guide defines them for 2026. */
function countsInPopulation(children: PopulationChild[]) {
  const inYear = (d: string | null) => d !== null && d >= '2026-01-01' && d <= '2026-12-31';
  const kids = children.filter((c) => c.laCode === '937' && c.education);
  const requests = kids.flatMap((c) => c.education!.assessments.filter((a) => inYear(a.requestReceivedOn)));
  const assessed = requests.filter((a) => a.decision === 'Y' && a.finalIssuedOn !== null);
  const within = (a: (typeof requests)[number]) => days(a.requestReceivedOn, a.finalIssuedOn!) <= 140;
  const active = kids.filter(
    (c) =>
      c.education!.plan &&
      c.education!.plan.status !== 'DRAFT' &&
      c.education!.plan.status !== 'CEASED' &&
      c.education!.plan.issuedOn <= CENSUS,
  );
  const open = active.flatMap((c) =>
    c.education!.placements.filter((p) => p.startDate <= CENSUS && (p.endDate === null || p.endDate >= CENSUS)),
  );
  const named = kids.filter((c) => c.education!.plan && (inYear(c.education!.plan.issuedOn) || inYear(c.education!.plan.ceasedOn ?? null)));
  return {
    persons: kids.filter(
      (c) => c.education!.assessments.some((a) => inYear(a.requestReceivedOn)) || active.includes(c) || named.includes(c),
    ).length,
    requests: requests.length,
    plansIssued: assessed.length,
    within20Weeks: assessed.filter(within).length,
    within20WeeksWithException: assessed.filter((a) => within(a) && a.exceptions.length > 0).length,
    lateWithException: assessed.filter((a) => !within(a) && a.exceptions.length > 0).length,
    activePlans: active.length,
    byPlacementType: tally(open.map((p) => p.placementType)),
    bySetting: tally(open.map((p) => p.settingCode ?? 'URN')),
    ceasedByReason: tally(
      kids
        .filter((c) => c.education!.plan?.status === 'CEASED' && inYear(c.education!.plan.ceasedOn ?? null))
        .map((c) => c.education!.plan!.ceaseReason!),
    ),
  };
}

describe("a synthetic population's SEN2 return, round trip", () => {
  let xml: string;
  beforeAll(() => {
    xml = sen2Return(population, { lea: '937', censusDate: CENSUS }).xml;
  });

  it("the file says what the generator made (this test's reader against a recount of the generator's data)", () => {
    const file = countsInFile(xml);
    expect(file).toEqual(countsInPopulation(population));
    expect(file.persons).toBeGreaterThan(50);
    expect(file.plansIssued).toBeGreaterThan(0);
    expect(file.within20Weeks).toBeGreaterThan(0);
    expect(file.plansIssued - file.within20Weeks).toBeGreaterThan(0);
    expect(Object.keys(file.ceasedByReason).length).toBeGreaterThan(1);
  });

  it("ingested into an empty hub by `npm run ingest -- --agency education`, the hub's return is the same file, person for person", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ingest-sen2-'));
    writeFileSync(join(dir, 'sen2.xml'), xml);
    const run = await runIngestCli(hub.gateway.url, 'education', ['--file', join(dir, 'sen2.xml')]);
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      files: 1,
      submissions: 1,
      rejected: 0,
      replayed: 0,
      children: persons(xml).length,
      updated: 0,
      unchanged: 0,
      closed: 0,
      skipped: 0,
    });
    expect(run.stderr).toContain('ingest');
    const ret = await theReturn();
    expect(ret.records.map((r: any) => r.xml).sort()).toEqual(persons(xml).sort());
    expect(countsInFile(ret.records.map((r: any) => r.xml).join(''))).toEqual(countsInFile(xml));
    // Each person is one child in the index, linked by UPN.
    const [{ n }] = await sql(hub.databases.governance, "SELECT count(*)::int n FROM child_identifier WHERE kind = 'UPN'");
    expect(n).toBe(ret.records.length);
  });

  it('the same file again changes nothing and says so', async () => {
    const before = await footprint();
    const again = await accepted(xml);
    expect(again).toMatchObject({ replayed: true, created: 0, updated: 0, closed: 0 });
    expect(again.linked.length).toBe(persons(xml).length);
    expect(await footprint()).toEqual(before);
  });
});

describe('a return bigger than one request', () => {
  // Another LA's persons, so this return's UPNs are new to the hub.
  const LIMIT = 8000;
  let xml: string;
  let file: string;
  beforeAll(() => {
    xml = sen2Return(population, { lea: '873', censusDate: CENSUS }).xml;
    file = join(mkdtempSync(join(tmpdir(), 'ingest-sen2-split-')), 'sen2-873.xml');
    writeFileSync(file, xml);
  });

  it('is split by Person as it streams: every part fits the limit, each a whole return, every Person of the file in exactly one part as the file had it', async () => {
    expect(statSync(file).size).toBeGreaterThan(3 * LIMIT);
    const parts = [];
    for await (const p of returnParts(file, statSync(file).size, LIMIT, SEN2_RETURN)) parts.push(p);
    expect(parts.length).toBeGreaterThan(2);
    const header = xml.slice(0, xml.indexOf('<Persons>') + '<Persons>'.length);
    for (const p of parts) {
      expect(p.whole).toBe(false);
      expect(Buffer.byteLength(JSON.stringify({ query: INGEST_SEN2, variables: { d: p.text } }))).toBeLessThanOrEqual(LIMIT);
      expect(p.text.startsWith(header)).toBe(true);
      expect(p.text.trimEnd().endsWith('</Persons></Message>')).toBe(true);
      expect(persons(p.text).length).toBeGreaterThan(0);
    }
    // In order, each once: so every person is in exactly one part, and none is left out or cut.
    expect(parts.flatMap((p) => persons(p.text))).toEqual(persons(xml));
    const upns = parts.flatMap((p) => persons(p.text).map((x) => one(x, 'UPN')));
    expect(new Set(upns).size).toBe(persons(xml).length);
  });

  it('the CLI sends it in parts, each its own submission; every person is written, and a second run is all replays', async () => {
    const before = await footprint();
    const run = (limit = LIMIT) => runIngestCli(hub.gateway.url, 'education', ['--file', file, '--max-bytes', String(limit)]);
    const first = await run();
    expect(first.status).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.submissions).toBeGreaterThan(2);
    expect(summary).toMatchObject({ files: 1, rejected: 0, replayed: 0, children: persons(xml).length, updated: 0, closed: 0, skipped: 0 });
    const after = await footprint();
    expect(Number(after.s) - Number(before.s)).toBe(summary.submissions);
    expect(Number(after.r) - Number(before.r)).toBe(persons(xml).length);
    const written = await sql(hub.databases.education, "SELECT upn FROM education_record WHERE la_code = '873' AND closed_at IS NULL");
    expect(written.map((r: any) => r.upn).sort()).toEqual(
      persons(xml)
        .map((p) => one(p, 'UPN'))
        .sort(),
    );
    const again = await run();
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      submissions: summary.submissions,
      replayed: summary.submissions,
      created: 0,
      updated: 0,
      closed: 0,
    });
    expect(await footprint()).toEqual(after);
    // A Person that cannot fit one request: the file is rejected and nothing of it is sent.
    const tiny = await run(300);
    expect(tiny.status).toBe(1);
    expect(tiny.stderr).toMatch(/a Person element is larger than the request limit/);
    expect(await footprint()).toEqual(after);
  });
});

describe("an LA's SEN2 return, by hand", () => {
  it('is ingested whole: the ceased plan with its reason, the request not assessed, the active plan', async () => {
    const r = await accepted(fixture('valid-return.xml'));
    expect(r).toMatchObject({ replayed: false, children: 3, skipped: 0, submissionId: 'SEN2-937-2027-01-21' });
    const ids = r.linked.map((l) => l.childId);
    const ret = await theReturn();
    const mine = ret.records.filter((x: any) => ids.includes(x.child.id));
    expect(mine.map((x: any) => x.xml).sort()).toEqual(persons(fixture('valid-return.xml').replace(/\n\s*/g, '')).sort());
    expect(mine.flatMap((x: any) => x.namedPlans)).toEqual(
      expect.arrayContaining([{ startDate: '2019-05-01', ceaseDate: '2026-08-31', ceaseReason: '4' }]),
    );
    const [plan] = await sql(
      hub.databases.education,
      'SELECT status, cease_reason, ceased_on, source_system, submission IS NOT NULL AS sourced FROM ehc_plan WHERE child_id = $1',
      [r.linked[1].childId],
    );
    expect(plan).toMatchObject({
      status: 'CEASED',
      cease_reason: '4',
      ceased_on: '2026-08-31',
      source_system: DEMO_USERS['edu-feed'].sub,
      sourced: true,
    });
    // Provenance in the record: which system, which submission's time.
    const view = await hub.query('edu-feed', `query($id: ID!) { child(id: $id) { education { source { system submittedAt } } } }`, {
      id: r.linked[1].childId,
    });
    const [{ at }] = await sql(
      hub.databases.education,
      'SELECT s.received_at AS at FROM ingest_submission s JOIN education_record r ON r.submission = s.id WHERE r.child_id = $1',
      [r.linked[1].childId],
    );
    expect(view.body.data?.child?.education?.source ?? view.body.errors).toEqual({
      system: DEMO_USERS['edu-feed'].sub,
      submittedAt: new Date(at).toISOString(),
    });
  });

  it('a corrected return changes only what changed; a request it no longer sends is closed, not deleted', async () => {
    const corrected = fixture('valid-return.xml').replace(
      '<RequestOutcomeDate>2026-10-12</RequestOutcomeDate>',
      '<RequestOutcomeDate>2026-10-19</RequestOutcomeDate>',
    );
    const r = await accepted(corrected);
    expect(r).toMatchObject({ replayed: false, created: 0, updated: 1, closed: 0 });
    const dropped = corrected.replace(/<Requests><ReceivedDate>2026-09-07<\/ReceivedDate>.*?<\/Requests>/s, '');
    const d = await accepted(dropped);
    expect(d).toMatchObject({ created: 0, closed: 1 });
    const rows = await sql(hub.databases.education, 'SELECT closed_at IS NOT NULL AS closed FROM needs_assessment WHERE child_id = $1', [
      d.linked[2].childId,
    ]);
    expect(rows).toEqual([{ closed: true }]);
    const ret = await theReturn();
    expect(ret.records.find((x: any) => x.child.id === d.linked[2].childId)).toBeUndefined();
  });

  it.each([
    ['invalid-upn-check-letter.xml', 'SEN2-P01', 'UPN'],
    ['invalid-cease-reason.xml', 'SEN2-N03', 'NamedPlan[0].CeaseReason'],
    ['invalid-outcome-before-request.xml', 'SEN2-R01', 'Requests'],
    ['invalid-census-date.xml', 'SEN2-IN-CENSUS-DATE', 'CollectionDetails.ReferenceDate'],
    ['invalid-date.xml', 'SEN2-IN-DATE', 'ActivePlans.Placement[0].EntryDate'],
    ['invalid-not-xml.xml', 'SEN2-IN-XML', ''],
  ])('%s is rejected whole, naming %s at %s, and nothing is written', async (file, code, field) => {
    const before = await footprint();
    const r = await ingest(fixture(file));
    expect(r.ok).toBe(false);
    const e = (r as any).errors[0];
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(e.issues).toEqual(expect.arrayContaining([expect.objectContaining({ severity: 'error', code, field })]));
    expect(JSON.stringify(e)).not.toMatch(/Testperson|N93721011601|2016-03-14/);
    expect(await footprint()).toEqual(before);
  });

  it("only the LA's education system may submit one", async () => {
    const before = await footprint();
    for (const user of ['sc-feed', 'health-feed', 'coordinator']) {
      const r = await ingest(fixture('valid-return.xml').replace('2026-10-12', '2026-10-13'), user);
      expect([user, (r as any).errors?.[0]?.code]).toEqual([user, 'FORBIDDEN']);
    }
    expect(await footprint()).toEqual(before);
  });
});
