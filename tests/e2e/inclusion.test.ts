// Attendance and exclusions: guarded fields of the education record, and the commissioning
// inclusion measure on a synthetic population (with the generator's attendance and exclusions),
// every figure checked against a recount in plain SQL (within the disclosure control's stated error), SEN
// status always a dimension (TOTAL: all pupils), percentages only from published figures.
import { generatePopulation } from '@hub/seed';
import { startTestHub, type TestHub } from '../kit/hub';
import { sql } from '../kit/databases';

const BASE = 5;
/** A published figure for a true count n: a multiple of BASE within BASE − 1 of n, 0 only for n < BASE. */
const roundedFrom = (n: number, v: number) => v % BASE === 0 && Math.abs(v - n) < BASE && (v > 0 || n < BASE) && (n > 0 || v === 0);
const AS_AT = '2026-09-30';

let hub: TestHub;
const population = [...generatePopulation({ children: 3000, seed: 99 })];

beforeAll(async () => {
  // The synthetic population carries attendance and exclusions (seed/src/synthetic-attendance.ts).
  hub = await startTestHub({ children: population, label: 'inclusion' });
});
afterAll(() => hub?.stop());

const INCLUSION = `query($d: [CommissioningDimension!]!, $f: CommissioningFilter) { inclusion(dimensions: $d, filter: $f) {
  asAt periodStart dimensions rows { values perturbed averageAbsencePercent pupils { count suppressed percentOfPupils }
  persistentlyAbsent { count percentOfPupils } suspended { count percentOfPupils } permanentlyExcluded { count percentOfPupils } } csv disclosureControl { method } } }`;

/** The truth, by SEN status and in total, straight from the education database. */
async function truth() {
  const rows = await sql(
    hub.databases.education,
    `
    WITH a AS (SELECT child_id, sum(sessions_possible) p, sum(authorised_absence + unauthorised_absence) m FROM attendance_term
               WHERE term_start BETWEEN '2026-08-01' AND $1 GROUP BY child_id),
         x AS (SELECT child_id, count(*) FILTER (WHERE kind = 'SUSPENSION') s, bool_or(kind = 'PERMANENT') pe FROM exclusion
               WHERE start_on BETWEEN '2026-08-01' AND $1 GROUP BY child_id),
         k AS (SELECT r.sen_status, a.p, a.m, x.s, x.pe FROM education_record r LEFT JOIN a USING (child_id) LEFT JOIN x USING (child_id)
               WHERE a.child_id IS NOT NULL OR x.child_id IS NOT NULL)
    SELECT coalesce(sen_status, 'TOTAL') AS sen, count(*)::int pupils, count(*) FILTER (WHERE 10 * m >= p AND p > 0)::int persistent,
      count(*) FILTER (WHERE s > 0)::int suspended, count(*) FILTER (WHERE pe)::int excluded,
      round(avg(round(100.0 * m / p)) FILTER (WHERE p > 0), 1)::float AS average
    FROM k GROUP BY ROLLUP (sen_status)`,
    [AS_AT],
  );
  return new Map(rows.map((r: any) => [r.sen, r]));
}

describe('the inclusion measure', () => {
  let table: any;
  beforeAll(async () => {
    const res = await hub.query('commissioner', INCLUSION, { d: [], f: { asAt: AS_AT } });
    expect(res.body.errors).toBeUndefined();
    table = res.body.data.inclusion;
  });

  it('has a row per SEN status and the TOTAL of all pupils, for the academic year to the date', () => {
    expect(table).toMatchObject({
      asAt: AS_AT,
      periodStart: '2026-08-01',
      dimensions: ['SEN_STATUS'],
      disclosureControl: { method: expect.any(String) },
    });
    expect(table.rows.map((r: any) => r.values[0]).sort()).toEqual(['EHC_PLAN', 'NONE', 'SEN_SUPPORT', 'TOTAL']);
  });

  it('every count is the truth rounded by the cell key method; percentages from the published figures; the average only for 10 or more', async () => {
    const t = await truth();
    for (const r of table.rows) {
      const want = t.get(r.values[0]);
      expect([r.values[0], roundedFrom(want.pupils, r.pupils.count)]).toEqual([r.values[0], true]);
      expect([r.values[0], 'persistent', roundedFrom(want.persistent, r.persistentlyAbsent.count)]).toEqual([
        r.values[0],
        'persistent',
        true,
      ]);
      expect([r.values[0], 'suspended', roundedFrom(want.suspended, r.suspended.count)]).toEqual([r.values[0], 'suspended', true]);
      expect([r.values[0], 'excluded', roundedFrom(want.excluded, r.permanentlyExcluded.count)]).toEqual([r.values[0], 'excluded', true]);
      const pct = (n: number) => (r.pupils.count ? Math.min(100, Math.round((1000 * n) / r.pupils.count) / 10) : null);
      expect(r.persistentlyAbsent.percentOfPupils).toBe(pct(r.persistentlyAbsent.count));
      expect(r.suspended.percentOfPupils).toBe(pct(r.suspended.count));
      expect(r.averageAbsencePercent).toBe(r.pupils.count >= 10 && want.pupils >= 10 ? want.average : null);
      expect(r.perturbed).toBe(true);
    }
    // Children with SEN miss more (as the generator draws them): the measure shows it.
    const by = new Map(table.rows.map((r: any) => [r.values[0], r]));
    expect((by.get('EHC_PLAN') as any).averageAbsencePercent).toBeGreaterThan((by.get('NONE') as any).averageAbsencePercent);
  });

  it('gives the same figures every time, and by LA the rows are a cross-tab with SEN status', async () => {
    const again = await hub.query('commissioner', INCLUSION, { d: [], f: { asAt: AS_AT } });
    expect(again.body.data.inclusion).toEqual(table);
    const byLa = (await hub.query('commissioner', INCLUSION, { d: ['LA'], f: { asAt: AS_AT } })).body.data.inclusion;
    expect(byLa.dimensions).toEqual(['LA', 'SEN_STATUS']);
    expect(byLa.rows.find((r: any) => r.values.join() === 'TOTAL,TOTAL').pupils).toEqual(
      table.rows.find((r: any) => r.values[0] === 'TOTAL').pupils,
    );
    expect(byLa.csv.split(/\r?\n/)[0]).toBe(
      'LA,SEN_STATUS,pupils,average_absence_percent,persistently_absent,percent_persistently_absent,suspended,percent_suspended,permanently_excluded,percent_permanently_excluded,disclosure',
    );
  });

  it('is for commissioners only, and a bad date names the argument', async () => {
    for (const user of ['coordinator', 'social-worker', 'privacy-officer']) {
      expect((await hub.query(user, INCLUSION, { d: [], f: { asAt: AS_AT } })).body.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'ROLE',
      });
    }
    expect((await hub.query('commissioner', INCLUSION, { d: [], f: { asAt: '2026-09-31' } })).body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'filter.asAt',
    });
  });
});

describe('attendance and exclusions on the education record', () => {
  const ATTENDANCE = `query($id: ID!) { child(id: $id) { education { attendance { termStart term sessionsPossible sessionsAttended authorisedAbsence unauthorisedAbsence } exclusions { kind startOn sessions } } } }`;

  it('the coordinator with need-to-know sees them, newest first, as the database holds them', async () => {
    const [row] = await sql(hub.databases.education, "SELECT child_id FROM exclusion WHERE kind = 'SUSPENSION' LIMIT 1");
    const res = await hub.query('coordinator', ATTENDANCE, { id: row.child_id });
    expect(res.body.errors).toBeUndefined();
    const terms = await sql(
      hub.databases.education,
      `SELECT to_char(term_start, 'YYYY-MM-DD') AS "termStart", term, sessions_possible AS "sessionsPossible", sessions_attended AS "sessionsAttended",
      authorised_absence AS "authorisedAbsence", unauthorised_absence AS "unauthorisedAbsence" FROM attendance_term WHERE child_id = $1 ORDER BY term_start DESC`,
      [row.child_id],
    );
    expect(res.body.data.child.education.attendance).toEqual(terms);
    const exclusions = await sql(
      hub.databases.education,
      `SELECT kind, to_char(start_on, 'YYYY-MM-DD') AS "startOn", sessions FROM exclusion WHERE child_id = $1 ORDER BY start_on DESC, id`,
      [row.child_id],
    );
    expect(res.body.data.child.education.exclusions).toEqual(exclusions);
    expect(exclusions.length).toBeGreaterThan(0);
  });

  it('someone without need-to-know gets nothing of them', async () => {
    const [row] = await sql(hub.databases.education, 'SELECT child_id FROM exclusion LIMIT 1');
    const stranger = { sub: 'u-ehc-9', name: 'Other Coordinator', org: 'LA937', roles: ['ehc_coordinator' as const] };
    const res = await hub.query(stranger as any, ATTENDANCE, { id: row.child_id });
    expect(res.body.data?.child ?? null).toBeNull();
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
