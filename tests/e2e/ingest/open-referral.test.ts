// Each agency's commissioned services fed from its service directory as Open Referral UK (HSDS UK
// profile) JSON, through the gateway, on real PostgreSQL: what the directory lists is what the
// agency's services query shows; replay changes nothing; a corrected directory changes only what
// changed and closes what it stopped listing; a directory with errors writes nothing; only the
// agency's own source system may send it; the CLI fetches a paged /services endpoint.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { CATALOGUE, openReferralServices } from '@hub/seed';
import { postGraphQL, startTestHub, tokenFor, type TestHub } from '../../kit/hub';
import { sql } from '../../kit/databases';
import { runIngestCli } from '../../kit/ingest-cli';
import { postServices, type ServicesIngestSummary } from '../../../scripts/ingest/client';

const FIXTURES = join(__dirname, '../../fixtures/ingest/open-referral');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'ingoruk', children: [] });
});
afterAll(() => hub?.stop());

async function ingest(text: string, user = 'health-feed', agency: 'health' | 'social-care' | 'education' = 'health') {
  return postServices(hub.gateway.url, await tokenFor(user), agency, text);
}
async function accepted(text: string): Promise<ServicesIngestSummary> {
  const r = await ingest(text);
  if (!r.ok) throw new Error(`rejected: ${JSON.stringify(r.errors)}`);
  return r.result;
}
const footprint = async () =>
  (
    await sql(
      hub.databases.health,
      'SELECT (SELECT count(*) FROM ingest_submission) s, (SELECT count(*) FROM commissioned_service) n, (SELECT max(source_at) FROM commissioned_service) t',
    )
  )[0];
const LIST = '{ healthServices { id agency organisation name description eligibility capacity serviceArea taxonomy } }';
const fed = async () => (await hub.query('health-feed', LIST)).body.data.healthServices.filter((s: any) => s.id.startsWith('rx1-'));

describe('a trust feeds its commissioned services from its service directory', () => {
  it('what the directory lists as active is what healthServices shows', async () => {
    const r = await accepted(fixture('valid-services.json'));
    expect(r).toMatchObject({ replayed: false, services: 2, created: 2, updated: 0, unchanged: 0, closed: 0 });
    expect(r.warnings).toEqual([
      expect.objectContaining({ severity: 'warning', record: 0, field: 'service_areas[2].service_area', code: 'ORUK-AREA' }),
    ]);
    expect(await fed()).toEqual([
      {
        id: 'rx1-ot-sensory',
        agency: 'HEALTH',
        organisation: 'RX1',
        name: 'Sensory occupational therapy clinic',
        description: 'Occupational therapy for sensory processing needs.',
        eligibility: 'Sensory processing needs',
        capacity: 0,
        serviceArea: ['CV3'],
        taxonomy: 'health:ot',
      },
      {
        id: 'rx1-salt-community',
        agency: 'HEALTH',
        organisation: 'RX1',
        name: "Children's speech and language therapy (community)",
        description: 'Assessment and therapy for children with speech, language, communication or swallowing needs.',
        eligibility: 'Speech, language or swallowing needs, ages 0-18',
        capacity: 400,
        serviceArea: ['CV1', 'CV2'],
        taxonomy: 'health:salt',
      },
    ]);
  });

  it('the same directory again changes nothing, and says so', async () => {
    const before = await footprint();
    expect(await accepted(fixture('valid-services.json'))).toMatchObject({ replayed: true, created: 0, updated: 0, closed: 0 });
    expect(await footprint()).toEqual(before);
  });

  it('a corrected directory changes only what changed and closes (not deletes) what it stopped listing', async () => {
    const doc = JSON.parse(fixture('valid-services.json'));
    doc.content[0].name = 'Speech and language therapy';
    doc.content.splice(1, 1);
    const untouchedSeeded = await sql(
      hub.databases.health,
      "SELECT id, source_at FROM commissioned_service WHERE id NOT LIKE 'rx1-%' ORDER BY id",
    );
    const r = await accepted(JSON.stringify(doc));
    expect(r).toMatchObject({ replayed: false, services: 1, created: 0, updated: 1, closed: 1 });
    expect((await fed()).map((s: any) => [s.id, s.name])).toEqual([['rx1-salt-community', 'Speech and language therapy']]);
    const [closed] = await sql(
      hub.databases.health,
      "SELECT closed_at IS NOT NULL AS closed FROM commissioned_service WHERE id = 'rx1-ot-sensory'",
    );
    expect(closed.closed).toBe(true);
    // Services the seed wrote (no source) are left alone.
    expect(await sql(hub.databases.health, "SELECT id, source_at FROM commissioned_service WHERE id NOT LIKE 'rx1-%' ORDER BY id")).toEqual(
      untouchedSeeded,
    );
  });

  it.each([
    ['invalid-services.json', 'ORUK-NAME', 0, 'name'],
    ['invalid-services.json', 'ORUK-CAPACITY', 1, 'service_capacities[0].maximum'],
    ['invalid-services.json', 'ORUK-DUPLICATE', 2, 'id'],
    ['invalid-services.json', 'ORUK-ID', 3, 'id'],
    ['invalid-services.json', 'ORUK-STATUS', 3, 'status'],
    ['invalid-partial-page.json', 'ORUK-PARTIAL', null, 'totalPages'],
  ])('%s is rejected whole, naming %s, and writes nothing', async (file, code, record, field) => {
    const before = await footprint();
    const r = await ingest(fixture(file));
    expect(!r.ok && r.errors[0].code).toBe('BAD_USER_INPUT');
    expect(!r.ok && r.errors[0].issues).toContainEqual(expect.objectContaining({ severity: 'error', code, record, field }));
    expect(await footprint()).toEqual(before);
  });

  it("only the agency's own source system may send its directory", async () => {
    const sc = await ingest(fixture('valid-services.json'), 'sc-feed');
    expect(!sc.ok && sc.errors[0]).toMatchObject({ code: 'FORBIDDEN' });
    const person = await ingest(fixture('valid-services.json'), 'paediatrician');
    expect(!person.ok && person.errors[0]).toMatchObject({ code: 'FORBIDDEN' });
    // Straight to the health subgraph, without the gateway's identity: 401.
    const direct = await postGraphQL(
      hub.subgraphs.health.url,
      'mutation($d: String!) { ingestHealthServices(document: $d) { services } }',
      { d: fixture('valid-services.json') },
      { authorization: `Bearer ${await tokenFor('health-feed')}` },
    );
    expect(direct.status).toBe(401);
    // Social care's own directory goes to social care.
    const own = await ingest(fixture('valid-services.json'), 'sc-feed', 'social-care');
    expect(own.ok && own.result).toMatchObject({ services: 2, created: 2 });
    // And education's to education, where the LA's organisation is the commissioner.
    const edu = await ingest(fixture('valid-services.json'), 'edu-feed', 'education');
    expect(edu.ok && edu.result).toMatchObject({ services: 2, created: 2 });
    const listed = await hub.query('edu-feed', '{ educationServices { id organisation } }');
    expect(listed.body.data.educationServices.filter((s: any) => s.id.startsWith('rx1-'))).toEqual([
      { id: 'rx1-ot-sensory', organisation: 'LA937' },
      { id: 'rx1-salt-community', organisation: 'LA937' },
    ]);
  });
});

describe('the catalogue as a directory', () => {
  it("round trip: social care's commissioned services, written as Open Referral UK, are what socialCareServices shows", async () => {
    const services = CATALOGUE.filter((s) => s.agency === 'SOCIAL_CARE' && s.organisation === 'LA937');
    const r = await ingest(JSON.stringify(openReferralServices(services)), 'sc-feed', 'social-care');
    expect(r.ok && r.result).toMatchObject({ services: services.length, warnings: [] });
    const listed = (
      await hub.query(
        'sc-feed',
        '{ socialCareServices { id agency organisation name description eligibility capacity serviceArea taxonomy } }',
      )
    ).body.data.socialCareServices;
    expect(listed.filter((s: any) => services.some((c) => c.id === s.id))).toEqual(
      services
        .map((s) => ({
          id: s.id,
          agency: 'SOCIAL_CARE',
          organisation: s.organisation,
          name: s.name,
          description: s.description,
          eligibility: s.eligibility,
          capacity: s.capacity,
          serviceArea: s.serviceArea,
          taxonomy: s.taxonomy,
        }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    );
  });
});

describe('the CLI fetches a paged /services endpoint', () => {
  let server: Server;
  let requests: string[] = [];
  beforeAll(async () => {
    const services = JSON.parse(fixture('valid-services.json')).content;
    server = createServer((req, res) => {
      const u = new URL(req.url!, 'http://x');
      requests.push(u.search);
      const page = Number(u.searchParams.get('page'));
      // Two pages of this fictional directory: one service each (the third is inactive, on page 2).
      const content = page === 1 ? services.slice(0, 1) : services.slice(1);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ totalElements: 3, totalPages: 2, number: page, size: 100, first: page === 1, last: page === 2, content }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('joins every page into one submission', async () => {
    requests = [];
    const port = (server.address() as { port: number }).port;
    const run = await runIngestCli(hub.gateway.url, 'health', ['--services-url', `http://127.0.0.1:${port}/services`]);
    expect(run.status).toBe(0);
    expect(requests).toEqual(['?page=1&per_page=100', '?page=2&per_page=100']);
    expect(JSON.parse(run.stdout)).toMatchObject({ submissions: 1, rejected: 0, services: 2, replayed: false });
    expect((await fed()).map((s: any) => s.id)).toEqual(['rx1-ot-sensory', 'rx1-salt-community']);
  });
});
