// The writers against real PostgreSQL (the jest globalSetup server): every row the generator
// implies lands in the right agency's database, the constraints hold, and the same seed always
// gives the same databases.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { identifierHash } from '@hub/guard/linkage';
import { linkageKey } from '@hub/runtime/settings/secrets';
import { adviceRequestGrantsAccess, SUBGRAPHS } from '@hub/schema';
import { CATALOGUE } from './catalogue';
import { dropDatabase, prepareDatabases } from './cli';
import type { PopulationChild } from './model';
import { createProgress, formatBar } from './progress';
import { generatePopulation } from './synthetic';
import { countRows, isEmpty, StorageMapper, truncateAll, writeCatalogue, writePopulation, type DatabaseUrls } from './writers';

const CHILDREN = 2000;
const SEED = 7;

function serverUrl(): string {
  const url = process.env.HUB_TEST_POSTGRES_URL;
  if (!url) throw new Error('HUB_TEST_POSTGRES_URL is not set: run through jest (tests/kit/global-setup.mjs)');
  return url;
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** What the databases must hold for a population, counted straight from the model. */
function expectedCounts(children: Iterable<PopulationChild>): Record<string, number> {
  const n: Record<string, number> = {};
  const add = (k: string, v: number) => (n[k] = (n[k] ?? 0) + v);
  for (const a of ['EDUCATION', 'HEALTH', 'SOCIAL_CARE'] as const) {
    add(
      `${a === 'EDUCATION' ? 'education' : a === 'HEALTH' ? 'health' : 'social-care'}.commissioned_service`,
      CATALOGUE.filter((s) => s.agency === a).length,
    );
  }
  for (const c of children) {
    add('governance.child', 1);
    add('governance.child_identifier', (c.nhsNumber ? 1 : 0) + (c.upn ? 1 : 0) + (c.socialCare ? 1 : 0));
    const e = c.education;
    if (e) {
      add('education.education_record', 1);
      add('education.sen_need', e.needs.length);
      add('education.placement', e.placements.length);
      add('education.attendance_term', e.attendance?.length ?? 0);
      add('education.exclusion', e.exclusions?.length ?? 0);
      add('education.ehc_plan', e.plan ? 1 : 0);
      add(
        'education.plan_item',
        e.plan ? e.plan.sectionB.length + e.plan.outcomes.length + e.plan.provision.length + (e.plan.sectionI ? 1 : 0) : 0,
      );
      add('education.service_use', e.services.length);
      for (const a of e.assessments) {
        add('education.needs_assessment', 1);
        add('education.assessment_exception', a.exceptions.length);
        for (const r of a.adviceRequests) {
          add('education.advice_request', 1);
          if (r.existing) continue;
          if (adviceRequestGrantsAccess(r, c.laCode)) add('governance.relationship', 1);
          const db = r.agency === 'HEALTH' ? 'health' : r.agency === 'SOCIAL_CARE' ? 'social-care' : null;
          if (!db) continue;
          add(`${db}.advice_request`, 1);
          add(`${db}.advice`, r.versions.length);
        }
      }
    }
    const h = c.health;
    if (h) {
      add('health.health_record', 1);
      add('health.diagnosis', h.diagnoses.length);
      add('health.plan_item', h.needs.length + h.provision.length);
      add('health.referral', h.referrals.length);
      add('health.therapy_episode', h.episodes.length);
      add('health.service_use', h.services.length);
    }
    const s = c.socialCare;
    if (s) {
      add('social-care.social_care_record', 1);
      add('social-care.cin_episode', s.cin.length);
      add('social-care.cp_plan', s.cp.length);
      add('social-care.cla_period', s.cla.length);
      add('social-care.disability', s.disabilities.length);
      add('social-care.short_break', s.shortBreaks.length);
      add('social-care.plan_item', s.needs.length + s.provision.length);
      add('social-care.service_use', s.services.length);
    }
  }
  return n;
}

/** One digest per table of its whole content (ids included), to compare two databases. */
async function fingerprint(urls: DatabaseUrls): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const s of SUBGRAPHS) {
    await withClient(urls[s.name], async (c) => {
      const tables = await c.query<{ t: string }>(
        `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY 1`,
      );
      for (const { t } of tables.rows) {
        // created_at is the time of writing, and a relationship's public id is random: the columns that may differ.
        const cols =
          t === 'child'
            ? 'x.id::text'
            : t === 'relationship'
              ? '(x.child_id, x.kind, x.agency, x.org, x.user_sub, x.start_date, x.end_date, x.source_key)::text'
              : 'x::text';
        const r = await c.query<{ d: string }>(`SELECT md5(coalesce(string_agg(${cols}, '|' ORDER BY ${cols}), '')) AS d FROM "${t}" x`);
        out[`${s.name}.${t}`] = r.rows[0].d;
      }
    });
  }
  return out;
}

describe('writePopulation', () => {
  const tag = `seedtest_${randomBytes(4).toString('hex')}_`;
  let a: DatabaseUrls;
  let b: DatabaseUrls;
  const progress: number[] = [];

  beforeAll(async () => {
    [a, b] = await Promise.all([
      prepareDatabases(serverUrl(), { prefix: `${tag}a_` }),
      prepareDatabases(serverUrl(), { prefix: `${tag}b_` }),
    ]);
  });

  afterAll(async () => {
    for (const urls of [a, b]) {
      if (!urls) continue;
      for (const url of Object.values(urls)) await dropDatabase(serverUrl(), decodeURIComponent(new URL(url).pathname.slice(1)));
    }
  });

  it('writes every row the generator implies, each in its agency database', async () => {
    expect(await isEmpty(a)).toBe(true);
    await writeCatalogue(a);
    await writeCatalogue(a); // ON CONFLICT DO NOTHING: a second run adds nothing
    const result = await writePopulation(generatePopulation({ children: CHILDREN, seed: SEED }), a, {
      batchSize: 500,
      onProgress: (n) => progress.push(n),
    });
    expect(await isEmpty(a)).toBe(false);
    expect(result.children).toBe(CHILDREN);
    expect(progress).toEqual([500, 1000, 1500, 2000]);

    const expected = expectedCounts(generatePopulation({ children: CHILDREN, seed: SEED }));
    const actual = await countRows(a);
    // Tables the population does not write (audit, consent) start empty, or hold their seed row.
    const written = Object.fromEntries(Object.entries(actual).filter(([k, n]) => k in expected || n > (k.endsWith('audit_head') ? 1 : 0)));
    expect(written).toEqual(expected);
    // The writer's own tally agrees with the databases (catalogue rows aside).
    for (const [k, v] of Object.entries(result.rows)) expect(actual[k]).toBe(v);
    // Sanity: the sample is big enough to exercise every table.
    for (const [k, v] of Object.entries(expected)) expect([k, v > 0]).toEqual([k, true]);
  });

  it('stores the identifiers as keyed hashes and the NHS number in social care only when known', async () => {
    const population = [...generatePopulation({ children: CHILDREN, seed: SEED })];
    const key = linkageKey();
    const c = population.find((x) => x.nhsNumber && x.upn && x.socialCare)!;
    await withClient(a.governance, async (db) => {
      const r = await db.query(`SELECT kind, hash FROM child_identifier WHERE child_id = $1 ORDER BY kind`, [c.id]);
      expect(r.rows).toEqual([
        { kind: 'LA', hash: identifierHash(key, 'LA', `${c.laCode}:${c.socialCare!.laChildId}`) },
        { kind: 'NHS', hash: identifierHash(key, 'NHS', c.nhsNumber!) },
        { kind: 'UPN', hash: identifierHash(key, 'UPN', c.upn!) },
      ]);
      const raw = await db.query(`SELECT count(*)::int AS n FROM child_identifier WHERE hash = $1 OR hash = $2`, [c.nhsNumber, c.upn]);
      expect(raw.rows[0].n).toBe(0);
    });
    const known = population.filter((x) => x.socialCare?.nhsNumberKnown).length;
    await withClient(a['social-care'], async (db) => {
      const r = await db.query(`SELECT count(nhs_number)::int AS n FROM social_care_record`);
      expect(r.rows[0].n).toBe(known);
    });
  });

  it('is deterministic: the same seed gives the same child ids and the same rows', async () => {
    await writeCatalogue(b);
    await writePopulation(generatePopulation({ children: CHILDREN, seed: SEED }), b);
    const ids = async (urls: DatabaseUrls) =>
      withClient(urls.governance, async (db) => (await db.query<{ id: string }>('SELECT id FROM child ORDER BY id')).rows.map((r) => r.id));
    const expectedIds = [...generatePopulation({ children: CHILDREN, seed: SEED })].map((c) => c.id).sort();
    expect(await ids(a)).toEqual(expectedIds);
    expect(await ids(b)).toEqual(expectedIds);
    // Different batch sizes, same rows (ids included).
    expect(await fingerprint(b)).toEqual(await fingerprint(a));
    const other = [...generatePopulation({ children: 5, seed: SEED + 1 })].map((c) => c.id);
    expect(expectedIds.filter((id) => other.includes(id))).toEqual([]);
  });

  it('maps children that break a constraint instead of failing', async () => {
    await truncateAll(b);
    expect(await isEmpty(b)).toBe(true);
    await writeCatalogue(b);
    const [first, second] = [...generatePopulation({ children: 400, seed: 3 })]
      .filter((c) => c.education && c.health && c.socialCare)
      .slice(0, 2);
    expect(second).toBeDefined();
    const twin: PopulationChild = {
      ...second,
      upn: first.upn, // a repeated UPN
      laCode: first.laCode,
      nhsNumber: second.nhsNumber,
      education: {
        ...second.education!,
        uln: '1234567890',
        placements: [
          { settingName: 'Both', urn: '123456', settingCode: 'OTH', placementType: 'MAINSTREAM', startDate: '2024-01-01', endDate: null },
          { settingName: 'Neither', urn: null, settingCode: null, placementType: 'EHE', startDate: '2023-01-01', endDate: '2022-12-01' },
        ],
        plan: {
          issuedOn: '2024-02-01',
          status: 'CEASED',
          ceaseReason: null,
          sectionB: ['b'],
          outcomes: [{ description: 'e', targetDate: '2027-01-01' }],
          provision: [{ description: 'f', provider: '', hoursPerWeek: 3 }],
          sectionI: 'i',
        },
      },
      socialCare: {
        ...second.socialCare!,
        laChildId: first.socialCare!.laChildId,
        nhsNumberKnown: false,
        cin: [
          { startDate: '2024-01-01', endDate: null, primaryNeed: 'N1' },
          { startDate: '2025-01-01', endDate: null, primaryNeed: 'N2' },
        ],
        cp: [],
        cla: [],
      },
    };
    const noNhs: PopulationChild = {
      ...first,
      id: '00000000-0000-4000-8000-00000000beef',
      nhsNumber: null,
      upn: null,
      education: null,
      socialCare: null,
    };
    const firstWithUln: PopulationChild = { ...first, education: { ...first.education!, uln: '1234567890' } };
    const result = await writePopulation([firstWithUln, twin, noNhs], b, { batchSize: 2 });
    expect(result.adjustments).toMatchObject({
      'upn.reissued_duplicate': 1,
      'uln.reissued_duplicate': 1,
      'placement.urn_or_setting_code': 2,
      'placement.end_before_start': 1,
      'ehc_plan.cease_reason': 1,
      'plan_item.f_provider_or_hours': 1,
      'la_child_id.reissued_duplicate': 1,
      'cin_episode.closed_extra_open': 1,
      'health.dropped_without_nhs_number': 1,
    });
    await withClient(b.education, async (db) => {
      const r = await db.query(`SELECT upn, uln FROM education_record WHERE child_id = $1`, [twin.id]);
      expect(r.rows[0].upn).not.toBe(first.upn);
      expect(r.rows[0].upn).toMatch(/^[A-Z][0-9]{12}$/);
      expect(r.rows[0].uln).toBe('1234567891');
      const p = await db.query(`SELECT urn, setting_code FROM placement WHERE child_id = $1 ORDER BY id`, [twin.id]);
      expect(p.rows).toEqual([
        { urn: '123456', setting_code: null },
        { urn: null, setting_code: 'EHE' },
      ]);
      const plan = await db.query(`SELECT status, cease_reason FROM ehc_plan WHERE child_id = $1`, [twin.id]);
      expect(plan.rows).toEqual([{ status: 'CEASED', cease_reason: '9' }]);
    });
    await withClient(b['social-care'], async (db) => {
      const r = await db.query(`SELECT la_child_id, nhs_number FROM social_care_record WHERE child_id = $1`, [twin.id]);
      expect(r.rows).toEqual([{ la_child_id: `${first.socialCare!.laChildId}-2`, nhs_number: null }]);
      const open = await db.query(`SELECT count(*)::int AS n FROM cin_episode WHERE child_id = $1 AND end_date IS NULL`, [twin.id]);
      expect(open.rows[0].n).toBe(1);
    });
    await withClient(b.health, async (db) => {
      const r = await db.query(`SELECT count(*)::int AS n FROM health_record WHERE child_id = $1`, [noNhs.id]);
      expect(r.rows[0].n).toBe(0);
    });
  });

  it('StorageMapper leaves a clean synthetic child untouched', () => {
    const mapper = new StorageMapper();
    const children = [...generatePopulation({ children: 300, seed: SEED })];
    expect(children.map((c) => mapper.map(c))).toEqual(children);
    expect(mapper.adjustments).toEqual({});
  });
});

describe('progress', () => {
  it('draws a bar on a terminal and a line every 10% otherwise', () => {
    expect(formatBar(45_000, 100_000, 12_300, 10)).toBe('[#####.....] 45% 45000/100000 12.3s');
    let t = 0;
    const lines: string[] = [];
    const plain = createProgress(100, {
      stream: { write: (s: string) => lines.push(s) },
      tty: false,
      now: () => (t += 100),
      label: 'seed',
    });
    for (let i = 5; i <= 100; i += 5) plain.update(i);
    plain.finish();
    expect(lines.length).toBe(10);
    expect(lines[0]).toMatch(/^seed: 10% 10\/100 \d+\.\ds\n$/);
    const tty: string[] = [];
    const bar = createProgress(10, { stream: { write: (s: string) => tty.push(s), isTTY: true }, width: 10, now: () => (t += 100) });
    bar.update(5);
    bar.finish();
    expect(tty[0]).toMatch(/^\r\[#####\.\.\.\.\.\] 50% 5\/10/);
    expect(tty.at(-1)).toBe('\n');
  });
});
