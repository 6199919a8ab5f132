// Health records fed from a trust's system as FHIR Bundles, through the gateway, on real
// PostgreSQL: the round trip to the joint view, replay, correction, relationships from the
// source, rejected files writing nothing, and who may submit at all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_USERS, fhirBundle, generatePopulation, type PopulationChild } from '@hub/seed';
import { addDays, toIsoDate } from '@hub/schema';
import { postGraphQL, startTestHub, tokenFor, type TestHub } from '../../kit/hub';
import { sql } from '../../kit/databases';
import { runIngestCli } from '../../kit/ingest-cli';
import { INGEST_FHIR, postFhirBundle, type IngestSummary } from '../../../scripts/ingest/client';
import { requestBytes, splitBundle } from '../../../scripts/ingest/fhir-chunks';
import { streamSplitBundle } from '../../../scripts/ingest/fhir-stream';

const FIXTURES = join(__dirname, '../../fixtures/ingest/fhir');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const PAEDIATRICIAN = DEMO_USERS.paediatrician.sub;

let hub: TestHub;
let population: PopulationChild[];
beforeAll(async () => {
  hub = await startTestHub({ label: 'ingfhir', children: [] });
  population = [...generatePopulation({ children: 120, seed: 1414 })]
    .filter((c) => c.health && c.nhsNumber && (c.health.diagnoses.length || c.health.referrals.length))
    .slice(0, 25);
});
afterAll(() => hub?.stop());

async function ingest(text: string, user = 'health-feed') {
  return postFhirBundle(hub.gateway.url, await tokenFor(user), text);
}
async function accepted(text: string): Promise<IngestSummary> {
  const r = await ingest(text);
  if (!r.ok) throw new Error(`rejected: ${JSON.stringify(r.errors)}`);
  return r.result;
}
const managerFor = (c: PopulationChild, k: number) => (k === 0 ? PAEDIATRICIAN : undefined);
/** Row counts of every table ingestion writes, in health and in governance. */
async function footprint() {
  const [h] = await sql(
    hub.databases.health,
    `SELECT (SELECT count(*) FROM ingest_submission) s, (SELECT count(*) FROM health_record) r, (SELECT count(*) FROM diagnosis) d,
            (SELECT count(*) FROM referral) f, (SELECT count(*) FROM therapy_episode) e, (SELECT count(*) FROM source_allocation) a,
            (SELECT max(source_at) FROM diagnosis) dt, (SELECT max(source_at) FROM referral) ft`,
  );
  const [g] = await sql(hub.databases.governance, 'SELECT (SELECT count(*) FROM child) c, (SELECT count(*) FROM relationship) r');
  return { ...h, ...g };
}

const VIEW = `query($ids: [ID!]!) { children(ids: $ids) { id health { nhsNumber gpPractice source { system submittedAt }
  diagnoses { code description diagnosedOn mentalHealth source { system } } referrals { service organisation referredOn firstTreatmentOn }
  episodes { service organisation startDate endDate } } } }`;

/** Child ids from the transaction-response: the location of each Patient entry. */
function childIds(result: IngestSummary, bundle: any): Map<string, string> {
  const response = JSON.parse(result.response);
  const ids = new Map<string, string>();
  bundle.entry.forEach((e: any, i: number) => {
    if (e.resource.resourceType === 'Patient')
      ids.set(e.resource.identifier[0].value, response.entry[i].response.location.replace('Patient/', ''));
  });
  return ids;
}

describe('a trust feeds its records as FHIR', () => {
  let bundle: any;
  /** The last Bundle the trust sent, as the source now stands. */
  let latest: any;
  let text: string;
  let ids: Map<string, string>;
  let first: IngestSummary;

  it('round trip: what the Bundle said is what the joint view shows, with where it came from', async () => {
    bundle = fhirBundle(population, { submissionId: 'trust-2026-11-01', careManager: managerFor });
    text = JSON.stringify(bundle);
    first = await accepted(text);
    const response = JSON.parse(first.response);
    expect(response.type).toBe('transaction-response');
    expect(response.entry).toHaveLength(bundle.entry.length);
    expect(first.replayed).toBe(false);
    expect(first.children).toBe(population.length);
    // Encounters set a referral's first treatment; they are not records of their own.
    const records = bundle.entry.filter((e: any) => e.resource.resourceType !== 'Encounter').length;
    expect(first.created).toBe(records);
    expect(first).toMatchObject({ updated: 0, closed: 0 });
    ids = childIds(first, bundle);

    const view = await hub.query('health-feed', VIEW, { ids: population.map((c) => ids.get(c.nhsNumber!)) });
    expect(view.body.errors).toBeUndefined();
    // The expectation comes from the population itself, not from the parser.
    const expected = population.map((c) => ({
      id: ids.get(c.nhsNumber!),
      health: {
        nhsNumber: c.nhsNumber,
        gpPractice: c.health!.gpPractice,
        source: { system: DEMO_USERS['health-feed'].sub, submittedAt: expect.any(String) },
        diagnoses: [...c.health!.diagnoses]
          .sort((a, b) => a.diagnosedOn.localeCompare(b.diagnosedOn))
          .map((d) => ({
            code: d.code,
            description: d.description,
            diagnosedOn: d.diagnosedOn,
            mentalHealth: d.mentalHealth,
            source: { system: DEMO_USERS['health-feed'].sub },
          })),
        referrals: [...c.health!.referrals].sort((a, b) => a.referredOn.localeCompare(b.referredOn)),
        episodes: [...c.health!.episodes].sort((a, b) => a.startDate.localeCompare(b.startDate)),
      },
    }));
    expect(view.body.data.children).toEqual(expected);
  });

  it('relationships come from the source: the care manager of an open episode is allocated, as SOURCE_SYSTEM', async () => {
    const managed = population.filter((c) => c.health!.episodes[0] && !c.health!.episodes[0].endDate);
    expect(managed.length).toBeGreaterThan(0);
    expect(first.relationships).toEqual({ allocated: managed.length, ended: 0, redated: 0, failed: 0 });
    const rows = await sql(
      hub.databases.governance,
      "SELECT child_id, user_sub, agency, org, created_as FROM relationship WHERE kind = 'ALLOCATION' AND end_date IS NULL ORDER BY child_id",
    );
    expect(rows).toEqual(
      managed
        .map((c) => ({
          child_id: ids.get(c.nhsNumber!),
          user_sub: PAEDIATRICIAN,
          agency: 'HEALTH',
          org: 'RX1',
          created_as: 'SOURCE_SYSTEM',
        }))
        .sort((a, b) => a.child_id!.localeCompare(b.child_id!)),
    );
    const seen = await hub.query('paediatrician', 'query($id: ID!) { child(id: $id) { health { nhsNumber } } }', {
      id: ids.get(managed[0].nhsNumber!),
    });
    expect(seen.body.data.child.health.nhsNumber).toBe(managed[0].nhsNumber);
    const unmanaged = population.find((c) => !managed.includes(c))!;
    const refused = await hub.query('paediatrician', 'query($id: ID!) { child(id: $id) { health { nhsNumber } } }', {
      id: ids.get(unmanaged.nhsNumber!),
    });
    expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_RELATIONSHIP' });
  });

  it('replaying the same Bundle changes nothing, and says so', async () => {
    const before = await footprint();
    const again = await accepted(text);
    expect(again).toMatchObject({
      replayed: true,
      created: 0,
      updated: 0,
      closed: 0,
      relationships: { allocated: 0, ended: 0, failed: 0 },
    });
    expect(JSON.parse(again.response).entry.every((e: any) => e.response.status === '200 OK')).toBe(true);
    expect(await footprint()).toEqual(before);
  });

  it('a corrected extract changes only what changed, closes what the source stopped sending, and ends its allocation', async () => {
    const withDx = population.find((c) => c.health!.diagnoses.length)!;
    const managed = population.find((c) => c.health!.episodes[0] && !c.health!.episodes[0].endDate && c !== withDx)!;
    const corrected = population.map((c) => {
      if (c === withDx)
        return {
          ...c,
          health: {
            ...c.health!,
            diagnoses: c.health!.diagnoses.map((d, k) => (k === 0 ? { ...d, description: `${d.description} (revised)` } : d)),
          },
        };
      if (c === managed) return { ...c, health: { ...c.health!, episodes: c.health!.episodes.slice(1) } };
      return c;
    });
    // The dropped episode was index 0: the generator numbers what remains from 0 again, so keep
    // the managed child's remaining episodes off the care manager to make the change one closure.
    const fixed = fhirBundle(corrected, {
      submissionId: 'trust-2026-11-02',
      careManager: (c, k) => (c === corrected[population.indexOf(managed)] ? undefined : managerFor(c, k)),
    });
    // Entry ids of the managed child shift after the dropped one; rename them back to the source's own ids.
    for (const e of fixed.entry!) {
      const r = e.resource as any;
      if (r.resourceType === 'EpisodeOfCare' && r.identifier[0].value.startsWith(`${managed.nhsNumber}-ep-`)) {
        const k = Number(r.identifier[0].value.split('-ep-')[1]) + 1;
        r.identifier[0].value = `${managed.nhsNumber}-ep-${k}`;
        e.request = { method: 'PUT', url: `EpisodeOfCare?identifier=${r.identifier[0].system}|${r.identifier[0].value}` };
      }
    }
    const before = await sql(hub.databases.health, 'SELECT source_id, submission FROM diagnosis ORDER BY source_id');
    latest = fixed;
    const result = await accepted(JSON.stringify(fixed));
    expect(result).toMatchObject({
      replayed: false,
      created: 0,
      updated: 1,
      closed: 1,
      relationships: { allocated: 0, ended: 1, failed: 0 },
    });
    const after = await sql(hub.databases.health, 'SELECT source_id, submission FROM diagnosis ORDER BY source_id');
    const moved = after.filter((r, i) => r.submission !== before[i].submission).map((r) => r.source_id);
    expect(moved).toEqual([`https://trust.example.nhs.uk/Id/condition|${withDx.nhsNumber}-dx-0`]);
    const view = await hub.query('health-feed', VIEW, { ids: [ids.get(withDx.nhsNumber!), ids.get(managed.nhsNumber!)] });
    expect(view.body.data.children[0].health.diagnoses.map((d: any) => d.description)).toContain(
      `${withDx.health!.diagnoses[0].description} (revised)`,
    );
    expect(view.body.data.children[1].health.episodes).toHaveLength(managed.health!.episodes.length - 1);
    // The closed episode is kept, marked closed, not deleted.
    const [closed] = await sql(hub.databases.health, 'SELECT closed_at IS NOT NULL AS closed FROM therapy_episode WHERE source_id = $1', [
      `https://trust.example.nhs.uk/Id/episode|${managed.nhsNumber}-ep-0`,
    ]);
    expect(closed).toEqual({ closed: true });
    const refused = await hub.query('paediatrician', 'query($id: ID!) { child(id: $id) { health { nhsNumber } } }', {
      id: ids.get(managed.nhsNumber!),
    });
    expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_RELATIONSHIP' });
  });

  it("an end date the source gives an open episode is carried to its care manager's relationship, once", async () => {
    const moved = structuredClone(latest);
    const episode = moved.entry
      .map((e: any) => e.resource)
      .find((r: any) => r.resourceType === 'EpisodeOfCare' && r.careManager && !r.period.end);
    const until = addDays(toIsoDate(new Date())!, 60);
    episode.period.end = until;
    const source = `${episode.identifier[0].system}|${episode.identifier[0].value}`;
    const [{ relationship_id: relationshipId, child_id: childId }] = await sql(
      hub.databases.health,
      'SELECT relationship_id, child_id FROM source_allocation WHERE episode_source_id = $1 AND ended_at IS NULL',
      [source],
    );
    const endOf = async () =>
      (
        await sql(hub.databases.governance, "SELECT to_char(end_date, 'YYYY-MM-DD') AS end_date FROM relationship WHERE public_id = $1", [
          relationshipId,
        ])
      )[0].end_date;
    expect(await endOf()).toBeNull();

    const result = await accepted(JSON.stringify(moved));
    expect(result).toMatchObject({ replayed: false, updated: 1, relationships: { allocated: 0, ended: 0, redated: 1, failed: 0 } });
    expect(await endOf()).toBe(until);
    expect(
      await sql(
        hub.databases.health,
        "SELECT to_char(relationship_end_date, 'YYYY-MM-DD') AS d FROM source_allocation WHERE episode_source_id = $1",
        [source],
      ),
    ).toEqual([{ d: until }]);
    // The professional keeps seeing the child until then.
    const seen = await hub.query('paediatrician', 'query($id: ID!) { child(id: $id) { health { nhsNumber } } }', { id: childId });
    expect(seen.body.errors ?? []).toEqual([]);

    const before = await footprint();
    expect(await accepted(JSON.stringify(moved))).toMatchObject({ replayed: true });
    expect(await footprint()).toEqual(before);
    expect(await endOf()).toBe(until);

    // A later Bundle without the end date: the relationship has none again (the same relationship).
    delete episode.period.end;
    const reopened = await accepted(JSON.stringify({ ...moved, id: `${moved.id ?? 'bundle'}-reopened` }));
    expect(reopened).toMatchObject({ replayed: false, relationships: { allocated: 0, ended: 0, redated: 1, failed: 0 } });
    expect(await endOf()).toBeNull();
  });
});

describe('files that are rejected write nothing and say why', () => {
  it('the hand-written valid fixture is accepted, with its mental-health diagnosis marked', async () => {
    const r = await accepted(fixture('valid-transaction.json'));
    expect(r).toMatchObject({ created: 5, children: 1 });
    const rows = await sql(
      hub.databases.health,
      "SELECT code, mental_health FROM diagnosis WHERE source_id LIKE 'https://trust.example.nhs.uk/Id/condition|fx-%' ORDER BY code",
    );
    expect(rows).toEqual([
      { code: 'F41.1', mental_health: true },
      { code: 'F84.0', mental_health: false },
    ]);
    const [ref] = await sql(hub.databases.health, "SELECT referred_on, first_treatment_on FROM referral WHERE source_id LIKE '%|fx-ref-1'");
    expect(ref).toEqual({ referred_on: '2025-01-10', first_treatment_on: '2025-03-04' });
  });

  it.each([
    ['invalid-nhs-check-digit.json', 0, 'identifier.value', 'FHIR-NHS-NUMBER'],
    ['invalid-unconditional-post.json', 1, 'request.ifNoneExist', 'FHIR-CONDITIONAL'],
    ['invalid-impossible-date.json', 1, 'onsetDateTime', 'FHIR-DATE'],
    ['invalid-unverified-nhs-number.json', 0, 'identifier.extension', 'FHIR-NHS-VERIFICATION'],
    ['invalid-resource-type.json', 6, 'resource.resourceType', 'FHIR-RESOURCE-TYPE'],
    ['invalid-no-icd10.json', 1, 'code.coding', 'FHIR-ICD10'],
    ['invalid-unknown-subject.json', 3, 'subject', 'FHIR-SUBJECT'],
  ])('%s: BAD_USER_INPUT naming entry %i, field %s, rule %s', async (file, record, field, code) => {
    const before = await footprint();
    const text = fixture(file);
    const r = await ingest(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(r.errors[0].issues).toEqual(expect.arrayContaining([expect.objectContaining({ severity: 'error', record, field, code })]));
    // No value from the file in the report (NHS numbers, identifiers).
    expect(JSON.stringify(r.errors)).not.toMatch(/99000010\d\d|fx-/);
    expect(await footprint()).toEqual(before);
  });

  it('an NHS number this agency holds under another child is a conflict, never merged', async () => {
    const v = JSON.parse(fixture('valid-transaction.json'));
    const nhs = '9900001028';
    v.identifier.value = 'fixture-conflict';
    v.entry = [v.entry[0]];
    v.entry[0].resource.identifier[0].value = nhs;
    v.entry[0].request.url = `Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${nhs}`;
    await sql(
      hub.databases.health,
      "INSERT INTO health_record (child_id, nhs_number) VALUES ('00000000-0000-4000-8000-00000000c0c0', $1)",
      [nhs],
    );
    const before = await footprint();
    const r = await ingest(JSON.stringify(v));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].issues).toEqual([expect.objectContaining({ record: 0, code: 'HUB-LINK-CONFLICT' })]);
    const after = await footprint();
    // The child index learnt the number (linking is idempotent); no health record was written.
    expect({ ...after, c: before.c }).toEqual(before);
  });
});

describe('who may submit', () => {
  const text = () => fixture('valid-transaction.json');
  it('a social care source system may not submit health records', async () => {
    const r = await ingest(text(), 'sc-feed');
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'FORBIDDEN' });
  });
  it('a professional (no integration role) may not submit', async () => {
    const r = await ingest(text(), 'paediatrician');
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'FORBIDDEN' });
  });
  it("straight to the health subgraph, without the gateway's identity: 401", async () => {
    const r = await postGraphQL(
      hub.subgraphs.health.url,
      INGEST_FHIR,
      { b: text() },
      { authorization: `Bearer ${await tokenFor('health-feed')}` },
    );
    expect(r.status).toBe(401);
  });
});

describe('the CLI splits a Bundle too big for one request without splitting a child', () => {
  it('each part holds whole patients, and the parts together hold every entry once', () => {
    const bundle = fhirBundle(population, { submissionId: 'split-test' });
    const parts = splitBundle(bundle, 20_000);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.flatMap((p) => p.bundle.entry!)).toHaveLength(bundle.entry!.length);
    for (const p of parts) {
      const patients = new Set(p.bundle.entry!.filter((e) => e.resource!.resourceType === 'Patient').map((e) => e.fullUrl));
      for (const e of p.bundle.entry!) {
        const r = e.resource as any;
        const ref = r.subject?.reference ?? r.patient?.reference;
        if (ref) expect(patients.has(ref)).toBe(true);
      }
    }
    expect(new Set(parts.map((p) => p.bundle.identifier!.value)).size).toBe(parts.length);
  });

  it('streaming a file gives parts of whole patients, under the limit, holding every entry once', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const bundle = fhirBundle(population, { submissionId: 'stream-test' });
    const file = join(mkdtempSync(join(tmpdir(), 'ingest-stream-')), 'b.json');
    writeFileSync(file, JSON.stringify(bundle));
    const parts: any[] = [];
    for await (const p of streamSplitBundle(file, 20_000)) parts.push(JSON.parse(p.text));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.flatMap((p) => p.entry)).toEqual(bundle.entry);
    for (const p of parts) {
      expect(requestBytes(JSON.stringify(p))).toBeLessThanOrEqual(20_000);
      expect(p).toMatchObject({ resourceType: 'Bundle', type: 'transaction' });
      const patients = new Set(p.entry.filter((e: any) => e.resource.resourceType === 'Patient').map((e: any) => e.fullUrl));
      for (const e of p.entry) {
        const ref = e.resource.subject?.reference ?? e.resource.patient?.reference;
        if (ref) expect(patients.has(ref)).toBe(true);
      }
    }
    expect(parts.map((p) => p.identifier.value)).toEqual(parts.map((_, k) => `stream-test.p${k + 1}`));
  });
});

describe('the child index registers a whole extract at once', () => {
  const REGISTER = 'mutation($i: [RegisterChildInput!]!) { registerChildren(inputs: $i) { index id conflict } }';
  it('links known identifiers, creates new ones once even when repeated, and reports a conflict per item', async () => {
    const upn = 'A937200116001'.slice(1);
    const { upnCheckLetter } = await import('@hub/schema');
    const fullUpn = upnCheckLetter(upn) + upn;
    const nhs = '9900001036';
    const a = await hub.query('health-feed', REGISTER, { i: [{ nhsNumber: nhs }, { nhsNumber: nhs }] });
    expect(a.body.errors).toBeUndefined();
    const [first, second] = a.body.data.registerChildren;
    expect(first.id).toBe(second.id);
    const b = await hub.query('health-feed', REGISTER, { i: [{ upn: fullUpn }] });
    expect(b.body.data.registerChildren[0].id).not.toBe(first.id);
    const c = await hub.query('health-feed', REGISTER, { i: [{ nhsNumber: nhs }, { nhsNumber: nhs, upn: fullUpn }] });
    expect(c.body.data.registerChildren).toEqual([
      { index: 0, id: first.id, conflict: false },
      { index: 1, id: null, conflict: true },
    ]);
    const refused = await hub.query('paediatrician', REGISTER, { i: [{ nhsNumber: nhs }] });
    expect(refused.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('governance allocates a whole extract at once', () => {
  const MANY = 'mutation($i: [AllocationBatchInput!]!) { allocateMany(inputs: $i) { id childId userSub createdAs org } }';
  it('creates each allocation once per key, in order, and refuses a bad item naming it, writing nothing', async () => {
    const [{ id: childId }] = await sql(hub.databases.governance, 'SELECT id FROM child ORDER BY id LIMIT 1');
    const items = [
      { childId, userSub: 'u-health-9', startDate: '2026-01-01', idempotencyKey: 'many-key-0001' },
      { childId, userSub: 'u-health-8', startDate: '2026-01-01', endDate: '2026-12-31', idempotencyKey: 'many-key-0002' },
    ];
    const first = await hub.query('health-team-manager', MANY, { i: items });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.allocateMany.map((r: any) => [r.userSub, r.createdAs, r.org])).toEqual([
      ['u-health-9', 'TEAM_MANAGER', 'RX1'],
      ['u-health-8', 'TEAM_MANAGER', 'RX1'],
    ]);
    const again = await hub.query('health-team-manager', MANY, { i: items });
    expect(again.body.data.allocateMany.map((r: any) => r.id)).toEqual(first.body.data.allocateMany.map((r: any) => r.id));
    const before = await sql(hub.databases.governance, 'SELECT count(*)::int AS n FROM relationship');
    const bad = await hub.query('health-team-manager', MANY, {
      i: [
        { ...items[0], idempotencyKey: 'many-key-0003' },
        { ...items[1], startDate: '2026-02-30', idempotencyKey: 'many-key-0004' },
      ],
    });
    expect(bad.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'inputs[1].startDate' });
    expect(await sql(hub.databases.governance, 'SELECT count(*)::int AS n FROM relationship')).toEqual(before);
    const refused = await hub.query('paediatrician', MANY, { i: items });
    expect(refused.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the CLI', () => {
  it('sends a folder of Bundles through the gateway and prints a summary; a rejected file makes it exit 1 with the issues', async () => {
    const { mkdtempSync, writeFileSync, copyFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ingest-cli-'));
    const v = JSON.parse(fixture('valid-transaction.json'));
    v.identifier.value = 'cli-0001';
    writeFileSync(join(dir, 'a.json'), JSON.stringify(v));
    const run = (args: string[]) => runIngestCli(hub.gateway.url, 'health', args);
    const ok = await run(['--dir', dir]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ files: 1, submissions: 1, rejected: 0, children: 1 });
    copyFileSync(join(FIXTURES, 'invalid-no-icd10.json'), join(dir, 'b.json'));
    const bad = await run(['--dir', dir]);
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ files: 2, submissions: 2, rejected: 1, replayed: 1 });
    expect(bad.stderr).toMatch(/entry 1 Condition\.code\.coding FHIR-ICD10/);
    // An agency with no feed yet (education now takes SEN2 returns) is refused before anything is sent.
    expect((await run(['--agency', 'commissioning', '--file', join(dir, 'a.json')])).status).toBe(2);

    // A file bigger than one request is split by patient as it streams, and every part is accepted.
    const others = [...generatePopulation({ children: 150, seed: 777 })].filter((c) => c.health && c.nhsNumber);
    const big = join(mkdtempSync(join(tmpdir(), 'ingest-cli-big-')), 'big.json');
    writeFileSync(big, JSON.stringify(fhirBundle(others, { submissionId: 'cli-big' })));
    const split = await run(['--file', big, '--max-bytes', '20000']);
    expect(split.status).toBe(0);
    const summary = JSON.parse(split.stdout);
    expect(summary.submissions).toBeGreaterThan(1);
    expect(summary).toMatchObject({ rejected: 0, children: others.length });
  });
});
