// SEN support fed from a school's MIS as a Common Transfer File (its SEN entries, the school
// census's SEN data), through the gateway, on real PostgreSQL: what the file said is what the joint
// view shows; replay changes nothing; a corrected file changes only what changed and closes what it
// stopped sending; rejected files write nothing and name the rule; only an education source may send.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commonTransferFile, ctfSupportStart, fitsCtf, generatePopulation } from '@hub/seed';
import { postGraphQL, startTestHub, tokenFor, type TestHub } from '../../kit/hub';
import { sql } from '../../kit/databases';
import { runIngestCli } from '../../kit/ingest-cli';
import { INGEST_CTF, postCtf, type CtfIngestSummary } from '../../../scripts/ingest/client';

const FIXTURES = join(__dirname, '../../fixtures/ingest/ctf');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'ingctf', children: [] });
});
afterAll(() => hub?.stop());

async function ingest(text: string, user = 'edu-feed') {
  return postCtf(hub.gateway.url, await tokenFor(user), text);
}
async function accepted(text: string): Promise<CtfIngestSummary> {
  const r = await ingest(text);
  if (!r.ok) throw new Error(`rejected: ${JSON.stringify(r.errors)}`);
  return r.result;
}
async function footprint() {
  const [e] = await sql(
    hub.databases.education,
    `SELECT (SELECT count(*) FROM ingest_submission) s, (SELECT count(*) FROM education_record) r, (SELECT count(*) FROM sen_support) p,
    (SELECT count(*) FROM sen_support_need) n, (SELECT max(source_at) FROM sen_support) t`,
  );
  const [g] = await sql(hub.databases.governance, 'SELECT (SELECT count(*) FROM child) c');
  return { ...e, ...g };
}
const VIEW = `query($ids: [ID!]!) { children(ids: $ids) { education { upn senStatus postcodeDistrict laCode
  senSupport { startOn endOn needs { rank senType } provision nextReviewOn reviewTimeliness } } } }`;

describe('a school feeds SEN support as a Common Transfer File', () => {
  let ids: string[];
  it('round trip: the SEN entries become SEN support records with ranked needs; a pupil with no SEN history is skipped', async () => {
    const r = await accepted(fixture('valid-ctf.xml'));
    expect(r).toMatchObject({
      replayed: false,
      pupils: 2,
      skipped: 1,
      created: 2 + 3,
      updated: 0,
      closed: 0,
      submissionId: 'CTF-9372001-2026-07-20T10:00:00',
    });
    ids = r.linked.map((l) => l.childId);
    const view = await hub.query('edu-feed', VIEW, { ids });
    expect(view.body.errors).toBeUndefined();
    expect(view.body.data.children.map((c: any) => c.education)).toEqual([
      {
        upn: 'V937200115101',
        senStatus: 'SEN_SUPPORT',
        postcodeDistrict: 'CV1',
        laCode: '937',
        senSupport: [
          {
            startOn: '2025-09-01',
            endOn: null,
            needs: [{ rank: 1, senType: 'ASD' }],
            provision: [],
            nextReviewOn: null,
            reviewTimeliness: 'NOT_APPLICABLE',
          },
          {
            startOn: '2024-09-02',
            endOn: '2025-09-01',
            needs: [
              { rank: 1, senType: 'SLCN' },
              { rank: 2, senType: 'ASD' },
            ],
            provision: [],
            nextReviewOn: null,
            reviewTimeliness: 'NOT_APPLICABLE',
          },
        ],
      },
      {
        upn: 'V937200116102',
        senStatus: 'NONE',
        postcodeDistrict: 'CV3',
        laCode: '937',
        senSupport: [
          {
            startOn: '2023-09-04',
            endOn: '2025-01-06',
            needs: [{ rank: 1, senType: 'MLD' }],
            provision: [],
            nextReviewOn: null,
            reviewTimeliness: 'NOT_APPLICABLE',
          },
        ],
      },
    ]);
    // Linked by UPN in governance's child index.
    expect((await sql(hub.databases.governance, 'SELECT count(*)::int AS n FROM child'))[0].n).toBe(2);
  });

  it('replaying the same file changes nothing, and says so', async () => {
    const before = await footprint();
    expect(await accepted(fixture('valid-ctf.xml'))).toMatchObject({ replayed: true, created: 0, updated: 0, closed: 0 });
    expect(await footprint()).toEqual(before);
  });

  it('a corrected file changes only what changed and closes (not deletes) what it stopped sending', async () => {
    const untouched = await sql(hub.databases.education, 'SELECT id, source_at FROM sen_support WHERE child_id = $1 ORDER BY id', [ids[1]]);
    // The first pupil's current support now ranks a secondary need, and the older entry is gone from the history.
    const fixed = fixture('valid-ctf.xml')
      .replace(
        '<SENneeds><SENneed><SENtypeRank>1</SENtypeRank><SENtype>ASD</SENtype></SENneed></SENneeds>',
        '<SENneeds><SENneed><SENtypeRank>1</SENtypeRank><SENtype>ASD</SENtype></SENneed><SENneed><SENtypeRank>2</SENtypeRank><SENtype>SEMH</SENtype></SENneed></SENneeds>',
      )
      .replace(/<SEN>\s*<StartDate>2024-09-02<\/StartDate>[\s\S]*?<\/SEN>/, '')
      .replace('2026-07-20T10:00:00', '2026-07-21T10:00:00');
    const r = await accepted(fixed);
    expect(r).toMatchObject({ replayed: false, created: 0, updated: 1, closed: 1 });
    const view = await hub.query('edu-feed', VIEW, { ids: [ids[0]] });
    expect(view.body.data.children[0].education.senSupport).toEqual([
      expect.objectContaining({
        startOn: '2025-09-01',
        endOn: null,
        needs: [
          { rank: 1, senType: 'ASD' },
          { rank: 2, senType: 'SEMH' },
        ],
      }),
    ]);
    const [kept] = await sql(
      hub.databases.education,
      "SELECT count(*)::int AS n FROM sen_support WHERE child_id = $1 AND closed_at IS NOT NULL AND start_on = '2024-09-02'",
      [ids[0]],
    );
    expect(kept.n).toBe(1);
    expect(await sql(hub.databases.education, 'SELECT id, source_at FROM sen_support WHERE child_id = $1 ORDER BY id', [ids[1]])).toEqual(
      untouched,
    );
  });

  it.each([
    ['invalid-upn-check-letter.xml', '1510', 1, 'UPN'],
    ['invalid-sen-type.xml', 'CTF-SEN-TYPE', 1, 'SENhistory.SEN[0].SENneeds.SENneed[0].SENtype'],
    ['invalid-sen-provision.xml', 'CTF-SEN-PROVISION', 1, 'SENhistory.SEN[1].SENprovision'],
    ['invalid-rank.xml', 'CTF-SEN-RANK', 0, 'SENhistory.SEN[0].SENneeds.SENneed[1].SENtypeRank'],
    ['invalid-date.xml', 'CTF-DATE', 0, 'SENhistory.SEN[1].StartDate'],
    ['invalid-duplicate-upn.xml', 'CTF-UPN-DUPLICATE', 1, 'UPN'],
    ['invalid-no-need.xml', 'CTF-SEN-NEED', 1, 'SENhistory.SEN[0].SENneeds'],
    ['invalid-not-xml.xml', 'CTF-XML', null, ''],
  ])('%s is rejected whole, naming %s, and writes nothing', async (file, code, record, field) => {
    const before = await footprint();
    const text = fixture(file);
    const r = await ingest(text);
    expect(!r.ok && r.errors[0].code).toBe('BAD_USER_INPUT');
    expect(!r.ok && r.errors[0].issues).toContainEqual(expect.objectContaining({ severity: 'error', code, record, field }));
    const report = JSON.stringify(r);
    for (const v of text.match(/>([^<>\s]{4,})</g) ?? []) if (/\d/.test(v)) expect(report).not.toContain(v.slice(1, -1));
    expect(await footprint()).toEqual(before);
  });
  it('each fed SEN support record shows where it came from ("from: <system>, <date>"); one entered in the hub shows none', async () => {
    // A record a coordinator entered in the hub, long ended: no source.
    await sql(
      hub.databases.education,
      `INSERT INTO sen_support (id, child_id, start_on, end_on, provision, next_review_on, recorded_by, idempotency_key)
       VALUES (gen_random_uuid(), $1, '2020-01-06', '2020-06-01', '[]', '2020-03-01', 'u-coord-test', 'provenance-test')`,
      [ids[0]],
    );
    const held = await sql(
      hub.databases.education,
      `SELECT to_char(start_on, 'YYYY-MM-DD') AS "startOn", source_system, source_at FROM sen_support WHERE child_id = $1 AND closed_at IS NULL ORDER BY start_on DESC`,
      [ids[0]],
    );
    const view = await hub.query(
      'edu-feed',
      `query($ids: [ID!]!) { children(ids: $ids) { education { senSupport { startOn source { system submittedAt } } } } }`,
      {
        ids: [ids[0]],
      },
    );
    expect(view.body.errors).toBeUndefined();
    const shown = view.body.data.children[0].education.senSupport;
    expect(shown).toEqual(
      held.map((h) => ({
        startOn: h.startOn,
        source: h.source_system ? { system: h.source_system, submittedAt: new Date(h.source_at).toISOString() } : null,
      })),
    );
    expect(shown.filter((s: { source: unknown }) => s.source).map((s: { source: { system: string } }) => s.source.system)).toEqual(
      expect.arrayContaining(['svc-edu-feed']),
    );
    expect(shown.find((s: { startOn: string }) => s.startOn === '2020-01-06').source).toBeNull();
  });
});

describe('a synthetic school population as a CTF', () => {
  it('round trip: generate, ingest, and the joint view shows exactly the SEN entries the file held', async () => {
    const pupils = [...generatePopulation({ children: 2000, seed: 1515 })].filter((c) => fitsCtf(c, '937')).slice(0, 25);
    expect(pupils.length).toBe(25);
    const r = await accepted(commonTransferFile(pupils, { lea: '937', dateTime: '2026-07-22T09:00:00' }));
    expect(r).toMatchObject({ replayed: false, pupils: 25, skipped: 0, created: 50 });
    const view = await hub.query('edu-feed', VIEW, { ids: r.linked.map((l) => l.childId) });
    expect(view.body.errors).toBeUndefined();
    // Expected from the population, not from the parser.
    expect(view.body.data.children.map((c: any) => c.education)).toEqual(
      pupils.map((p) => ({
        upn: p.upn,
        senStatus: 'SEN_SUPPORT',
        postcodeDistrict: p.postcodeDistrict,
        laCode: '937',
        senSupport: [
          {
            startOn: ctfSupportStart(p),
            endOn: null,
            needs: p.education!.needs.slice(0, 2).map((senType, k) => ({ rank: k + 1, senType })),
            provision: [],
            nextReviewOn: null,
            reviewTimeliness: 'NOT_APPLICABLE',
          },
        ],
      })),
    );
  });
});

describe('who may submit a CTF', () => {
  it('a social care source system may not', async () => {
    const r = await ingest(fixture('valid-ctf.xml'), 'sc-feed');
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'FORBIDDEN' });
  });
  it("straight to the education subgraph, without the gateway's identity: 401", async () => {
    const r = await postGraphQL(
      hub.subgraphs.education.url,
      INGEST_CTF,
      { d: fixture('valid-ctf.xml') },
      { authorization: `Bearer ${await tokenFor('edu-feed')}` },
    );
    expect(r.status).toBe(401);
  });
  it('a coordinator (no integration role) may not', async () => {
    const r = await ingest(fixture('valid-ctf.xml'), 'coordinator');
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the CLI', () => {
  it('sends a CTF as edu-feed and prints a summary; a rejected one makes it exit 1 with its issues', async () => {
    const ok = await runIngestCli(hub.gateway.url, 'education', ['--ctf', join(FIXTURES, 'valid-ctf.xml')]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ submissions: 1, rejected: 0, pupils: 2, skipped: 1 });
    const bad = await runIngestCli(hub.gateway.url, 'education', ['--ctf', join(FIXTURES, 'invalid-sen-type.xml')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/error Pupil 1 SENhistory\.SEN\[0\]\.SENneeds\.SENneed\[0\]\.SENtype CTF-SEN-TYPE/);
  });
});
