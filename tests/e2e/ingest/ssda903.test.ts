// Looked-after status fed from an LA's case system as an SSDA903 return (Header and Episodes CSV),
// through the gateway, on real PostgreSQL: the round trip to the joint view (periods built from
// episodes), replay, correction (only what changed; what the source stopped sending is closed),
// rejected files writing nothing and naming the DfE rule by file, row and column, and who may submit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitsSsda903, generatePopulation, ssda903, type PopulationChild } from '@hub/seed';
import { postGraphQL, startTestHub, tokenFor, type TestHub } from '../../kit/hub';
import { sql } from '../../kit/databases';
import { runIngestCli } from '../../kit/ingest-cli';
import { INGEST_903, postSsda903, type Ssda903IngestSummary } from '../../../scripts/ingest/client';
import { split903 } from '../../../scripts/ingest/ssda903-split';

const FIXTURES = join(__dirname, '../../fixtures/ingest/ssda903');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

let hub: TestHub;
let population: PopulationChild[];
beforeAll(async () => {
  hub = await startTestHub({ label: 'ing903', children: [] });
  population = [...generatePopulation({ children: 4000, seed: 903 })].filter((c) => fitsSsda903(c, '937')).slice(0, 25);
});
afterAll(() => hub?.stop());

async function ingest(header: string, episodes: string, user = 'sc-feed', la = '937') {
  return postSsda903(hub.gateway.url, await tokenFor(user), la, header, episodes);
}
async function accepted(header: string, episodes: string): Promise<Ssda903IngestSummary> {
  const r = await ingest(header, episodes);
  if (!r.ok) throw new Error(`rejected: ${JSON.stringify(r.errors)}`);
  return r.result;
}
async function footprint() {
  const [s] = await sql(
    hub.databases['social-care'],
    `SELECT (SELECT count(*) FROM ingest_submission) s, (SELECT count(*) FROM social_care_record) r, (SELECT count(*) FROM cla_period) p,
            (SELECT count(*) FROM cla_period WHERE closed_at IS NOT NULL) pc, (SELECT max(source_at) FROM cla_period) t`,
  );
  const [g] = await sql(hub.databases.governance, 'SELECT (SELECT count(*) FROM child) c');
  return { ...s, ...g };
}
const VIEW = `query($ids: [ID!]!) { children(ids: $ids) { id socialCare { laCode laChildId source { system } lookedAfter { current since periods { startDate endDate } } } } }`;

/** What the joint view should show: from the population, not from the parser. */
const expectedFor = (c: PopulationChild, id: string) => {
  const periods = [...c.socialCare!.cla].sort((a, b) => a.startDate.localeCompare(b.startDate));
  const open = periods.find((p) => p.endDate === null);
  return {
    id,
    socialCare: {
      laCode: '937',
      laChildId: c.socialCare!.laChildId,
      source: { system: 'svc-sc-feed' },
      lookedAfter: { current: !!open, since: open?.startDate ?? null, periods },
    },
  };
};

describe('an LA feeds looked-after status as an SSDA903 return', () => {
  let files: { header: string; episodes: string };
  let ids: Map<string, string>;

  it('round trip: the periods the episodes make are what the joint view shows', async () => {
    expect(population.length).toBeGreaterThan(5);
    files = ssda903(population, { la: '937' });
    // The generator writes long periods as two episodes: the hub must join them into one period.
    expect(files.episodes.split('\n').filter((l) => l.includes(',P,')).length).toBeGreaterThan(0);
    const r = await accepted(files.header, files.episodes);
    const periods = population.reduce((n, c) => n + c.socialCare!.cla.length, 0);
    expect(r).toMatchObject({
      replayed: false,
      children: population.length,
      created: population.length + periods,
      updated: 0,
      unchanged: 0,
      closed: 0,
      warnings: [],
    });
    ids = new Map(r.linked.map((l) => [population[l.record].socialCare!.laChildId, l.childId]));
    const view = await hub.query('sc-feed', VIEW, { ids: population.map((c) => ids.get(c.socialCare!.laChildId)) });
    expect(view.body.errors).toBeUndefined();
    expect(view.body.data.children).toEqual(population.map((c) => expectedFor(c, ids.get(c.socialCare!.laChildId)!)));
  });

  it('replaying the same files changes nothing, and says so', async () => {
    const before = await footprint();
    const again = await accepted(files.header, files.episodes);
    expect(again).toMatchObject({ replayed: true, created: 0, updated: 0, closed: 0 });
    expect(await footprint()).toEqual(before);
  });

  it('a corrected return changes only what changed, and closes (not deletes) what the source stopped sending', async () => {
    const copy: PopulationChild[] = JSON.parse(JSON.stringify(population));
    const ended = copy.findIndex((c) => c.socialCare!.cla[0].endDate === null);
    const moved = copy.findIndex((c, k) => k !== ended);
    copy[ended].socialCare!.cla[0].endDate = '2026-01-15';
    // The source now says the period started a day later: a different period to the source (its
    // key is the start), so the old one is closed and the new one created.
    const was = copy[moved].socialCare!.cla[0].startDate;
    copy[moved].socialCare!.cla[0].startDate = new Date(Date.parse(was) + 86_400_000).toISOString().slice(0, 10);
    const others = population.filter((_, k) => k !== ended && k !== moved).map((c) => ids.get(c.socialCare!.laChildId));
    const untouched = await sql(
      hub.databases['social-care'],
      'SELECT child_id, source_at FROM cla_period WHERE child_id = ANY($1::uuid[]) ORDER BY id',
      [others],
    );
    const next = ssda903(copy, { la: '937' });
    const r = await accepted(next.header, next.episodes);
    expect(r).toMatchObject({ replayed: false, created: 1, updated: 1, closed: 1 });
    const view = await hub.query('sc-feed', VIEW, { ids: copy.map((c) => ids.get(c.socialCare!.laChildId)) });
    expect(view.body.data.children).toEqual(copy.map((c) => expectedFor(c, ids.get(c.socialCare!.laChildId)!)));
    expect(
      await sql(hub.databases['social-care'], 'SELECT child_id, source_at FROM cla_period WHERE child_id = ANY($1::uuid[]) ORDER BY id', [
        others,
      ]),
    ).toEqual(untouched);
    // The period the source re-keyed is kept, marked closed, not deleted.
    const [kept] = await sql(
      hub.databases['social-care'],
      'SELECT count(*)::int AS n FROM cla_period WHERE child_id = $1 AND closed_at IS NOT NULL AND start_date = $2::date',
      [ids.get(copy[moved].socialCare!.laChildId), was],
    );
    expect(kept.n).toBe(1);
  });

  it('the hand-written valid files are accepted: a placement change continues the period, a child without episodes only warns', async () => {
    const r = await accepted(fixture('valid-header.csv'), fixture('valid-episodes.csv'));
    expect(r).toMatchObject({ children: 2, created: 2 + 3, replayed: false });
    expect(r.warnings).toEqual([
      expect.objectContaining({ severity: 'warning', recordType: 'Header', record: 2, field: 'CHILD', code: '903-NO-EPISODES' }),
    ]);
    const view = await hub.query('sc-feed', VIEW, { ids: r.linked.map((l) => l.childId) });
    expect(view.body.errors).toBeUndefined();
    const [a, b] = view.body.data.children.map((c: any) => c.socialCare);
    expect(a).toMatchObject({
      laChildId: 'L0000001',
      lookedAfter: { current: true, since: '2024-02-01', periods: [{ startDate: '2024-02-01', endDate: null }] },
    });
    expect(b).toMatchObject({
      laChildId: 'L0000002',
      lookedAfter: {
        current: true,
        since: '2025-05-05',
        periods: [
          { startDate: '2023-01-10', endDate: '2023-03-10' },
          { startDate: '2025-05-05', endDate: null },
        ],
      },
    });
  });

  it.each([
    ['invalid-header.csv', 'valid-episodes.csv', '101', 'Header', 0, 'SEX'],
    ['invalid-header.csv', 'valid-episodes.csv', '102', 'Header', 1, 'DOB'],
    ['invalid-header.csv', 'valid-episodes.csv', '103', 'Header', 2, 'ETHNIC'],
    ['invalid-header.csv', 'valid-episodes.csv', '903-UPN', 'Header', 2, 'UPN'],
    ['invalid-header.csv', 'valid-episodes.csv', '903-DUPLICATE-CHILD', 'Header', 3, 'CHILD'],
    ['valid-header.csv', 'invalid-codes-episodes.csv', '143', 'Episodes', 0, 'RNE'],
    ['valid-header.csv', 'invalid-codes-episodes.csv', '144', 'Episodes', 1, 'LS'],
    ['valid-header.csv', 'invalid-codes-episodes.csv', '145', 'Episodes', 2, 'CIN'],
    ['valid-header.csv', 'invalid-codes-episodes.csv', '146', 'Episodes', 3, 'PLACE'],
    ['valid-header.csv', 'invalid-codes-episodes.csv', '149', 'Episodes', 3, 'REC'],
    ['valid-header.csv', 'invalid-codes-episodes.csv', '1009', 'Episodes', 3, 'REASON_PLACE_CHANGE'],
    ['valid-header.csv', 'invalid-codes-episodes.csv', '445', 'Episodes', 4, 'LS'],
    ['valid-header.csv', 'invalid-dates-episodes.csv', '141', 'Episodes', 0, 'DECOM'],
    ['valid-header.csv', 'invalid-dates-episodes.csv', '356', 'Episodes', 1, 'DEC'],
    ['valid-header.csv', 'invalid-dates-episodes.csv', '353', 'Episodes', 2, 'DECOM'],
    ['invalid-age-header.csv', 'invalid-age-episodes.csv', '352', 'Episodes', 0, 'DECOM'],
    ['valid-header.csv', 'invalid-overlap-episodes.csv', '903-OVERLAP', 'Episodes', 1, 'DECOM'],
    ['valid-header.csv', 'invalid-overlap-episodes.csv', '903-NO-HEADER', 'Episodes', 2, 'CHILD'],
    ['valid-header.csv', 'invalid-missing-columns-episodes.csv', '903-CSV', 'Episodes', null, ''],
  ])('%s + %s is rejected whole, naming rule %s, and writes nothing', async (h, e, code, recordType, record, field) => {
    const before = await footprint();
    const header = fixture(h);
    const episodes = fixture(e);
    const r = await ingest(header, episodes);
    expect(r.ok).toBe(false);
    const err = !r.ok ? r.errors[0] : null;
    expect(err).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(err!.issues).toContainEqual(expect.objectContaining({ severity: 'error', code, recordType, record, field }));
    // No value from the files in the report: no child id, UPN or date.
    const report = JSON.stringify(r);
    for (const v of `${header}\n${episodes}`.split(/[,\n]/)) if (v.length >= 4 && /\d/.test(v)) expect(report).not.toContain(v);
    expect(await footprint()).toEqual(before);
  });
});

describe('who may submit an SSDA903 return', () => {
  it('a health source system may not', async () => {
    const r = await ingest(fixture('valid-header.csv'), fixture('valid-episodes.csv'), 'health-feed');
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'FORBIDDEN' });
  });
  it('a social worker (no integration role) may not', async () => {
    const r = await ingest(fixture('valid-header.csv'), fixture('valid-episodes.csv'), 'social-worker');
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'FORBIDDEN' });
  });
  it("straight to the social care subgraph, without the gateway's identity: 401", async () => {
    const r = await postGraphQL(
      hub.subgraphs['social-care'].url,
      INGEST_903,
      { la: '937', h: fixture('valid-header.csv'), e: fixture('valid-episodes.csv') },
      { authorization: `Bearer ${await tokenFor('sc-feed')}` },
    );
    expect(r.status).toBe(401);
  });
  it('an LA code that is not 3 digits is refused before anything is read', async () => {
    const r = await ingest(fixture('valid-header.csv'), fixture('valid-episodes.csv'), 'sc-feed', '93');
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('the CLI', () => {
  it('sends an SSDA903 return as sc-feed and prints a summary; a rejected one makes it exit 1 with its issues', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    // Another LA's children: the same LA child ids, and no UPN (the fixture's belongs to LA 937's child).
    const dir = mkdtempSync(join(tmpdir(), 'ingest-903-cli-'));
    writeFileSync(join(dir, 'header.csv'), fixture('valid-header.csv').replace('W937200115011', 'UN3'));
    const run = (h: string, e: string) =>
      runIngestCli(hub.gateway.url, 'social-care', ['--la', '936', '--header', h, '--episodes', join(FIXTURES, e)]);
    const ok = await run(join(dir, 'header.csv'), 'valid-episodes.csv');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ submissions: 1, rejected: 0, children: 2, replayed: false, warnings: 1 });
    const bad = await run(join(FIXTURES, 'valid-header.csv'), 'invalid-codes-episodes.csv');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/error Episodes 0 RNE 143/);
  });
});

describe('a return bigger than one request', () => {
  // Another LA's children, so this return's LA child ids are new to the hub.
  const la = '873';
  const children = () => [...generatePopulation({ children: 20000, seed: 9038 })].filter((c) => fitsSsda903(c, la)).slice(0, 40);

  it('is split by child: every part fits, each child whole in one part, every row sent once as the file had it', async () => {
    const { header, episodes } = ssda903(children(), { la });
    const limit = 2500;
    const parts = split903(header, episodes, limit)!;
    expect(parts.length).toBeGreaterThan(2);
    const body = (p: { header: string; episodes: string }) =>
      Buffer.byteLength(JSON.stringify({ query: INGEST_903, variables: { la, h: p.header, e: p.episodes } }));
    for (const p of parts) expect(body(p)).toBeLessThanOrEqual(limit);
    const rows = (text: string) => text.trim().split('\n').slice(1);
    const whereIs = new Map<string, number>();
    parts.forEach((p, k) => {
      for (const r of [...rows(p.header), ...rows(p.episodes)]) {
        const child = r.split(',')[0];
        expect(whereIs.get(child) ?? k).toBe(k);
        whereIs.set(child, k);
      }
    });
    expect(parts.flatMap((p) => rows(p.header)).sort()).toEqual(rows(header).sort());
    expect(parts.flatMap((p) => rows(p.episodes)).sort()).toEqual(rows(episodes).sort());
    expect(parts.reduce((n, p) => n + p.children, 0)).toBe(rows(header).length);
  });

  it('the CLI sends it in parts, each its own submission; every child is written, and a second run is all replays', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const kids = children();
    const { header, episodes } = ssda903(kids, { la });
    const dir = mkdtempSync(join(tmpdir(), 'ingest-903-split-'));
    writeFileSync(join(dir, 'header.csv'), header);
    writeFileSync(join(dir, 'episodes.csv'), episodes);
    const before = await footprint();
    const run = () =>
      runIngestCli(hub.gateway.url, 'social-care', [
        '--la',
        la,
        '--header',
        join(dir, 'header.csv'),
        '--episodes',
        join(dir, 'episodes.csv'),
        '--max-bytes',
        '2500',
      ]);
    const first = await run();
    expect(first.status).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.submissions).toBeGreaterThan(2);
    expect(summary).toMatchObject({ rejected: 0, replayed: 0, children: kids.length });
    const after = await footprint();
    expect(Number(after.s) - Number(before.s)).toBe(summary.submissions);
    expect(Number(after.r) - Number(before.r)).toBe(kids.length);
    expect(Number(after.p) - Number(before.p)).toBe(kids.reduce((n, c) => n + c.socialCare!.cla.length, 0));
    const again = await run();
    expect(JSON.parse(again.stdout)).toMatchObject({
      submissions: summary.submissions,
      replayed: summary.submissions,
      created: 0,
      updated: 0,
    });
    expect(await footprint()).toEqual(after);
  });
});

describe("the rules that need last year's return, against the episodes the hub holds from it", () => {
  // An LA of its own, so last year's return here is only this test's.
  const la = '871';
  const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nY0000001,1,01/05/2015,WBRI,UN1,,\nY0000002,2,10/02/2012,MWBC,UN2,,\n';
  const EPISODES = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN';
  const episodes = (...rows: string[]) => [EPISODES, ...rows].join('\n') + '\n';
  // 2024-25: Y0000001's record ends with an episode still open (from 01/02/2025); Y0000002's ended.
  const lastYear = episodes(
    'Y0000001,01/06/2024,S,C2,N1,U1,PR1,01/02/2025,X1,,,,',
    'Y0000001,01/02/2025,P,C2,N1,U3,PR1,,,CARPL,,,',
    'Y0000002,10/01/2024,S,V2,N2,U1,PR1,10/03/2025,E11,,,,',
  );
  const send = async (e: string) => postSsda903(hub.gateway.url, await tokenFor('sc-feed'), la, HEADER, e);
  const issuesOf = (r: Awaited<ReturnType<typeof send>>) => (!r.ok ? r.errors[0].issues!.filter((i) => i.severity === 'error') : []);

  it("last year's return is accepted and kept as that year's record", async () => {
    const r = await send(lastYear);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const [{ n }] = await sql(
      hub.databases['social-care'],
      "SELECT count(*)::int AS n FROM cla_episode WHERE la_code = $1 AND collection_end = '2025-03-31'",
      [la],
    );
    expect(n).toBe(3);
  });

  it("502: this year's first episode does not start when last year's open episode did", async () => {
    const before = await footprint();
    const r = await send(episodes('Y0000001,01/03/2025,P,C2,N1,U3,PR1,,,CARPL,,,', 'Y0000002,01/05/2025,S,C2,N2,U1,PR1,,,,,,'));
    expect(issuesOf(r)).toEqual([expect.objectContaining({ recordType: 'Episodes', record: 0, field: 'DECOM', code: '502' })]);
    expect(await footprint()).toEqual(before);
  });

  it("503A-D: the first episode starts with last year's open one but its RNE, LS, CIN or PLACE differ", async () => {
    const r = await send(episodes('Y0000001,01/02/2025,S,C1,N4,U4,PR1,,,CARPL,,,', 'Y0000002,01/05/2025,S,C2,N2,U1,PR1,,,,,,'));
    expect(issuesOf(r).map((i) => [i.record, i.field, i.code])).toEqual([
      [0, 'RNE', '503A'],
      [0, 'LS', '503B'],
      [0, 'CIN', '503C'],
      [0, 'PLACE', '503D'],
    ]);
  });

  it("504: a placement change within a period keeps the period's category of need", async () => {
    const r = await send(
      episodes(
        'Y0000001,01/02/2025,P,C2,N1,U3,PR1,01/06/2025,X1,,,,',
        'Y0000001,01/06/2025,P,C2,N5,U4,PR1,,,CARPL,,,',
        'Y0000002,01/05/2025,S,C2,N2,U1,PR1,,,,,,',
      ),
    );
    expect(issuesOf(r)).toEqual([expect.objectContaining({ record: 1, field: 'CIN', code: '504' })]);
  });

  it("this year's return that carries on from last year's is accepted (a child whose record last year ended may start anew)", async () => {
    const r = await send(episodes('Y0000001,01/02/2025,P,C2,N1,U3,PR1,,,CARPL,,,', 'Y0000002,01/05/2025,S,C2,N2,U1,PR1,,,,,,'));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.result.replayed).toBe(false);
  });

  it('keeps only what the rules can read: a year sent again replaces its episodes, and years long past are not kept', async () => {
    const kept = async () =>
      sql(
        hub.databases['social-care'],
        "SELECT to_char(collection_end, 'YYYY-MM-DD') AS year, count(*)::int AS n, count(DISTINCT submission)::int AS returns FROM cla_episode WHERE la_code = $1 GROUP BY 1 ORDER BY 1",
        [la],
      );
    expect(await kept()).toEqual([
      { year: '2025-03-31', n: 3, returns: 1 },
      { year: '2026-03-31', n: 2, returns: 1 },
    ]);
    // Last year's return again, corrected: its episodes replace the first return's.
    const again = await send(lastYear.replace('10/03/2025,E11', '11/03/2025,E11'));
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    expect(await kept()).toEqual([
      { year: '2025-03-31', n: 3, returns: 1 },
      { year: '2026-03-31', n: 2, returns: 1 },
    ]);
    // A return for 2021-22, more than two years before the LA's latest: accepted, its episodes not kept.
    const old = await send(episodes('Y0000001,01/06/2021,S,C2,N1,U1,PR1,01/02/2022,X1,,,,'));
    if (!old.ok) throw new Error(JSON.stringify(old.errors));
    expect(await kept()).toEqual([
      { year: '2025-03-31', n: 3, returns: 1 },
      { year: '2026-03-31', n: 2, returns: 1 },
    ]);
  });
});
