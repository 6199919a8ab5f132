// Social care records fed from an LA's case system as DfE CIN census returns, through the gateway,
// on real PostgreSQL: the round trip to the joint view, replay, correction (only what changed;
// what the source stopped sending is closed, not deleted), rejected files writing nothing and
// naming the DfE rule, and who may submit at all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cinCensus, DEMO_USERS, fitsCinCensus, generatePopulation, type PopulationChild } from '@hub/seed';
import { startTestHub, tokenFor, type TestHub } from '../../kit/hub';
import { sql } from '../../kit/databases';
import { runIngestCli } from '../../kit/ingest-cli';
import { postCinCensus, type CinIngestSummary } from '../../../scripts/ingest/client';

const FIXTURES = join(__dirname, '../../fixtures/ingest/cin');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const FEED = DEMO_USERS['sc-feed'].sub;
const REFERENCE = new Date().toISOString().slice(0, 10);

let hub: TestHub;
let population: PopulationChild[];
beforeAll(async () => {
  hub = await startTestHub({ label: 'ingcin', children: [] });
  population = [...generatePopulation({ children: 2000, seed: 1415 })].filter((c) => c.laCode === '937' && fitsCinCensus(c)).slice(0, 25);
});
afterAll(() => hub?.stop());

async function ingest(text: string, user = 'sc-feed') {
  return postCinCensus(hub.gateway.url, await tokenFor(user), text);
}
async function accepted(text: string): Promise<CinIngestSummary> {
  const r = await ingest(text);
  if (!r.ok) throw new Error(`rejected: ${JSON.stringify(r.errors)}`);
  return r.result;
}
/** Row counts of every table ingestion writes, in social care and in governance, and the latest write. */
async function footprint() {
  const [s] = await sql(
    hub.databases['social-care'],
    `SELECT (SELECT count(*) FROM ingest_submission) s, (SELECT count(*) FROM social_care_record) r, (SELECT count(*) FROM cin_episode) c,
            (SELECT count(*) FROM cp_plan) p, (SELECT count(*) FROM disability) d, (SELECT count(*) FROM disability WHERE closed_at IS NOT NULL) dc,
            (SELECT max(source_at) FROM cin_episode) ct, (SELECT max(source_at) FROM disability) dt`,
  );
  const [g] = await sql(hub.databases.governance, 'SELECT (SELECT count(*) FROM child) c');
  return { ...s, ...g };
}

const VIEW = `query($ids: [ID!]!) { children(ids: $ids) { id socialCare { laCode laChildId source { system }
  cinEpisodes { startDate endDate primaryNeed } cpPlans { startDate endDate category } disabilities } } }`;

/** What the joint view should show for a population child: from the population, not from the parser. */
const expectedFor = (c: PopulationChild, id: string) => ({
  id,
  socialCare: {
    laCode: '937',
    laChildId: c.socialCare!.laChildId,
    source: { system: FEED },
    cinEpisodes: [...c.socialCare!.cin].sort((a, b) => a.startDate.localeCompare(b.startDate)),
    cpPlans: [...c.socialCare!.cp].sort((a, b) => a.startDate.localeCompare(b.startDate)),
    disabilities: [...c.socialCare!.disabilities].sort(),
  },
});

describe('an LA feeds its social care records as a CIN census return', () => {
  let text: string;
  let first: CinIngestSummary;
  let ids: Map<string, string>;

  it('round trip: what the return said is what the joint view shows, with where it came from', async () => {
    expect(population.length).toBeGreaterThan(5);
    expect(population.some((c) => c.socialCare!.cp.length)).toBe(true);
    text = cinCensus(population, { lea: '937', referenceDate: REFERENCE });
    first = await accepted(text);
    expect(first).toMatchObject({
      replayed: false,
      children: population.length,
      updated: 0,
      closed: 0,
      unchanged: 0,
      submissionId: `CIN-937-${REFERENCE}-001`,
    });
    const records = population.reduce(
      (n, c) => n + 1 + c.socialCare!.cin.length + c.socialCare!.cp.length + c.socialCare!.disabilities.length,
      0,
    );
    expect(first.created).toBe(records);
    ids = new Map(first.linked.map((l) => [population[l.record].socialCare!.laChildId, l.childId]));
    expect(ids.size).toBe(population.length);

    const view = await hub.query('sc-feed', VIEW, { ids: population.map((c) => ids.get(c.socialCare!.laChildId)) });
    expect(view.body.errors).toBeUndefined();
    expect(view.body.data.children).toEqual(population.map((c) => expectedFor(c, ids.get(c.socialCare!.laChildId)!)));
    // Every child is in governance's child index under its LA child id (and UPN where known).
    const linked = await sql(hub.databases.governance, 'SELECT count(*)::int AS n FROM child');
    expect(linked[0].n).toBe(population.length);
  });

  it('replaying the same return changes nothing, and says so', async () => {
    const before = await footprint();
    const again = await accepted(text);
    expect(again).toMatchObject({ replayed: true, created: 0, updated: 0, closed: 0, children: population.length });
    expect(again.linked).toEqual(first.linked);
    expect(await footprint()).toEqual(before);
  });

  it('a corrected return changes only what changed, and closes (not deletes) what the source stopped sending', async () => {
    const copy: PopulationChild[] = JSON.parse(JSON.stringify(population));
    const a = copy[0].socialCare!;
    a.cin[0].primaryNeed = a.cin[0].primaryNeed === 'N4' ? 'N5' : 'N4';
    const b = copy[1].socialCare!;
    const dropped = b.disabilities.length;
    b.disabilities = b.disabilities.includes('HEAR') ? ['VIS'] : ['HEAR'];
    const withPlan = copy.findIndex((c, k) => k > 1 && c.socialCare!.cp.length);
    expect(withPlan).toBeGreaterThan(1);
    const plans = copy[withPlan].socialCare!.cp.length;
    copy[withPlan].socialCare!.cp = [];
    const untouched = await sql(hub.databases['social-care'], 'SELECT source_at FROM cin_episode WHERE child_id = $1', [
      ids.get(copy[2].socialCare!.laChildId),
    ]);

    const r = await accepted(cinCensus(copy, { lea: '937', referenceDate: REFERENCE, serialNo: '002' }));
    expect(r).toMatchObject({ replayed: false, created: 1, updated: 1, closed: dropped + plans });
    const view = await hub.query('sc-feed', VIEW, { ids: copy.map((c) => ids.get(c.socialCare!.laChildId)) });
    expect(view.body.data.children).toEqual(copy.map((c) => expectedFor(c, ids.get(c.socialCare!.laChildId)!)));
    // Closed rows stay in the database, marked, with the submission that closed them.
    const closed = await sql(
      hub.databases['social-care'],
      'SELECT count(*)::int AS n FROM cp_plan WHERE child_id = $1 AND closed_at IS NOT NULL',
      [ids.get(copy[withPlan].socialCare!.laChildId)],
    );
    expect(closed[0].n).toBe(plans);
    expect(
      await sql(hub.databases['social-care'], 'SELECT source_at FROM cin_episode WHERE child_id = $1', [
        ids.get(copy[2].socialCare!.laChildId),
      ]),
    ).toEqual(untouched);
  });

  it('the hand-written valid fixture is accepted: NFA referrals skipped, a query rule only warns', async () => {
    const r = await accepted(fixture('valid-census.xml'));
    expect(r).toMatchObject({ children: 3, skipped: 1, replayed: false });
    expect(r.warnings).toEqual([
      expect.objectContaining({ severity: 'warning', record: 2, code: 'CIN-CLOSURE-REASON', field: 'CINdetails[0].ReasonForClosure' }),
    ]);
    const view = await hub.query('sc-feed', VIEW, { ids: r.linked.map((l) => l.childId) });
    expect(view.body.errors).toBeUndefined();
    const [c0, c1, c2] = view.body.data.children.map((c: any) => c.socialCare);
    expect(c0).toMatchObject({
      laChildId: 'T0000001',
      cinEpisodes: [{ startDate: '2025-09-01', endDate: null, primaryNeed: 'N1' }],
      cpPlans: [{ startDate: '2025-09-20', endDate: null, category: 'EMO' }],
      disabilities: ['AUT', 'COMM'],
    });
    expect(c1).toMatchObject({
      laChildId: 'T0000002',
      cinEpisodes: [
        { startDate: '2024-01-10', endDate: '2024-06-30', primaryNeed: 'N2' },
        { startDate: '2025-03-01', endDate: null, primaryNeed: 'N3' },
      ],
      cpPlans: [],
      disabilities: ['NONE'],
    });
    expect(c2).toMatchObject({
      laChildId: 'T0000003',
      cpPlans: [{ startDate: '2024-11-15', endDate: '2025-05-01', category: 'MUL' }],
      disabilities: ['LD', 'MOB'],
    });
  });

  it.each([
    ['invalid-upn-check-letter.xml', '1510', 0, 'ChildIdentifiers.UPN'],
    ['invalid-primary-need.xml', '8650', 1, 'CINdetails[2].PrimaryNeedCode'],
    ['invalid-closure-before-referral.xml', '8630', 2, 'CINdetails[0].CINclosureDate'],
    ['invalid-category-of-abuse.xml', '8905', 0, 'CINdetails[0].ChildProtectionPlans.ChildProtectionPlan[0].InitialCategoryOfAbuse'],
    ['invalid-category-of-abuse.xml', '8910', 0, 'CINdetails[0].ChildProtectionPlans.ChildProtectionPlan[0].LatestCategoryOfAbuse'],
    ['invalid-duplicate-la-child-id.xml', '8510', 2, 'ChildIdentifiers.LAchildID'],
    ['invalid-missing-la-child-id.xml', '8500', 1, 'ChildIdentifiers.LAchildID'],
    ['invalid-none-and-disability.xml', '8790', 1, 'ChildCharacteristics.Disabilities'],
    ['invalid-two-open-episodes.xml', '8815', 1, 'CINdetails'],
    ['invalid-two-open-episodes.xml', '8820', 1, 'CINdetails'],
    ['invalid-cpp-end-before-start.xml', '8925', 2, 'CINdetails[0].ChildProtectionPlans.ChildProtectionPlan[0].CPPendDate'],
    ['invalid-referral-after-reference-date.xml', '8600', 1, 'CINdetails[2].CINreferralDate'],
    ['invalid-closure-reason.xml', '8640', 2, 'CINdetails[0].ReasonForClosure'],
    ['invalid-birth-after-reference.xml', '8520', 1, 'ChildIdentifiers.PersonBirthDate'],
    ['invalid-both-birth-dates.xml', '8525', 0, 'ChildIdentifiers.PersonBirthDate'],
    ['invalid-missing-disability.xml', '8540', 2, 'ChildCharacteristics.Disabilities'],
    ['invalid-referral-before-birth.xml', '8606', 0, 'CINdetails[0].CINreferralDate'],
    ['invalid-not-xml.xml', 'CIN-XML', null, ''],
  ])('%s is rejected whole, naming rule %s, and writes nothing', async (file, code, record, field) => {
    const before = await footprint();
    const text = fixture(file);
    const r = await ingest(text);
    expect(r.ok).toBe(false);
    const e = !r.ok ? r.errors[0] : null;
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(e!.issues).toContainEqual(expect.objectContaining({ severity: 'error', code, record, field }));
    // No value from the file in the report: no LA child id, UPN or date.
    const report = JSON.stringify(r);
    for (const v of text.match(/>([^<>\s]{4,})</g) ?? []) if (/\d/.test(v)) expect(report).not.toContain(v.slice(1, -1));
    expect(await footprint()).toEqual(before);
  });

  it('an LA child id whose UPN belongs to another child is a conflict, never merged', async () => {
    const before = await footprint();
    const clash = fixture('valid-census.xml').replace('<LAchildID>T0000001</LAchildID>', '<LAchildID>T0000009</LAchildID>');
    const r = await ingest(clash);
    expect(!r.ok && r.errors[0].issues).toContainEqual(expect.objectContaining({ code: 'HUB-LINK-CONFLICT', record: 0 }));
    const after = await footprint();
    expect({ ...after, c: before.c }).toEqual(before);
  });
});

describe('who may submit a CIN census return', () => {
  it('a health source system may not', async () => {
    const r = await ingest(fixture('valid-census.xml'), 'health-feed');
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'FORBIDDEN' });
  });
  it('a social worker (no integration role) may not', async () => {
    const r = await ingest(fixture('valid-census.xml'), 'social-worker');
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the CLI', () => {
  it('sends a folder of CIN returns as sc-feed and prints a summary; a rejected return makes it exit 1 with its issues', async () => {
    const { mkdtempSync, writeFileSync, copyFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ingest-cin-cli-'));
    writeFileSync(join(dir, 'a.xml'), fixture('valid-census.xml').replace('<SerialNo>001</SerialNo>', '<SerialNo>cli</SerialNo>'));
    const run = (args: string[]) => runIngestCli(hub.gateway.url, 'social-care', args);
    const ok = await run(['--dir', dir]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ files: 1, submissions: 1, rejected: 0, children: 3, skipped: 1, warnings: 1 });
    copyFileSync(join(FIXTURES, 'invalid-primary-need.xml'), join(dir, 'b.xml'));
    const bad = await run(['--dir', dir]);
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ files: 2, submissions: 2, rejected: 1, replayed: 1 });
    expect(bad.stderr).toMatch(/error Child 1 CINdetails\[2\]\.PrimaryNeedCode 8650/);
    // A return over the request limit is split by Child as it streams, each part a whole return.
    const split = await run(['--file', join(dir, 'a.xml'), '--max-bytes', '3200']);
    expect(split.status).toBe(0);
    expect(JSON.parse(split.stdout)).toMatchObject({ files: 1, rejected: 0, children: 3, skipped: 1 });
    expect(JSON.parse(split.stdout).submissions).toBeGreaterThan(1);
    // An allocations feed names children of the whole return: it cannot go with one that is split.
    const feed = join(__dirname, '../../fixtures/ingest/allocations/valid.allocations.csv');
    const withFeed = await run(['--file', join(dir, 'a.xml'), '--max-bytes', '3200', '--allocations', feed]);
    expect(withFeed.status).toBe(1);
    expect(JSON.parse(withFeed.stdout)).toMatchObject({ files: 1, submissions: 0, rejected: 1 });
    expect(withFeed.stderr).toMatch(/an allocations feed cannot go with a return that is split/);
    const big = await run(['--file', join(dir, 'a.xml'), '--max-bytes', '1000']);
    expect(big.status).toBe(1);
    expect(big.stderr).toMatch(/larger than the request limit/);
  });
});
