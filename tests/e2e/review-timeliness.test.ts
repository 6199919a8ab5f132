// Review timeliness in joint commissioning, on a synthetic population with annual reviews and
// amended plans written here in plain SQL: every figure against a recount (the pure review clock run
// in this test over the plans read back with plain SQL, so the extract, the pseudonyms, the join and
// the rounding are what is checked; the clock itself has its worked cases in review-clock.test.ts),
// the same figures every time, commissioners only.
import { addDays, reviewDeadlinesIn, type ClockPlan } from '@hub/schema';
import { generatePopulation } from '@hub/seed';
import { startTestHub, type TestHub } from '../kit/hub';
import { sql } from '../kit/databases';

const BASE = 5;
const roundedFrom = (n: number, v: number) => v % BASE === 0 && Math.abs(v - n) < BASE && (v > 0 || n < BASE) && (n > 0 || v === 0);
const AS_AT = '2026-09-30';
const FROM = addDays(AS_AT, 1 - 365);

let hub: TestHub;
const population = [...generatePopulation({ children: 4000, seed: 31 })];

beforeAll(async () => {
  hub = await startTestHub({ children: population, label: 'reviewtime', grant: false });
  // A review meeting for two plans in three, 11 to 13 months after the plan was made (some in time,
  // some late); an amended final plan in February 2026 for one plan in two (the phase transfer done).
  await sql(
    hub.databases.education,
    `
    INSERT INTO annual_review (id, plan_id, child_id, meeting_on, decision, decided_on, recorded_by, idempotency_key)
    SELECT gen_random_uuid(), e.id, e.child_id, m, 'AMEND', m + 14, 'test', 'test-' || e.id
    FROM ehc_plan e CROSS JOIN LATERAL (SELECT (e.issued_on + make_interval(months => 11 + get_byte(uuid_send(e.child_id), 2) % 3))::date AS m) x
    WHERE e.status = 'FINAL' AND get_byte(uuid_send(e.child_id), 1) % 3 <> 0 AND m <= '${AS_AT}'`,
  );
  await sql(
    hub.databases.education,
    `
    INSERT INTO plan_issue (id, plan_id, version, kind, issued_on, recorded_by, idempotency_key)
    SELECT gen_random_uuid(), e.id, 2, 'AMENDED_FINAL', ('2026-02-0' || (1 + get_byte(uuid_send(e.child_id), 4) % 9))::date, 'test', 'issue-' || e.id
    FROM ehc_plan e WHERE e.status = 'FINAL' AND e.issued_on < '2025-09-01' AND get_byte(uuid_send(e.child_id), 4) % 2 = 0`,
  );
});
afterAll(() => hub?.stop());

const QUERY = `query($d: [CommissioningDimension!]!, $f: CommissioningFilter) { reviewTimeliness(dimensions: $d, filter: $f) {
  asAt periodStart rows { step values total perturbed percentInTime outcomes { outcome count } } csv disclosureControl { method } } }`;

/** The truth: the plans read back in plain SQL, judged by the pure clock as on AS_AT. */
async function truth() {
  const plans = await sql(
    hub.databases.education,
    `SELECT e.issued_on AS "madeOn", r.date_of_birth AS "dateOfBirth", e.ceased_on AS "ceasedOn",
    (SELECT coalesce(json_agg(json_build_object('id', a.id, 'meetingOn', a.meeting_on, 'reportOn', a.report_on, 'decision', a.decision, 'decidedOn', a.decided_on, 'pfaAreas', a.pfa_areas)), '[]') FROM annual_review a WHERE a.plan_id = e.id) AS reviews,
    (SELECT coalesce(json_agg(json_build_object('kind', i.kind, 'issuedOn', i.issued_on)), '[]') FROM plan_issue i WHERE i.plan_id = e.id) AS issues
    FROM ehc_plan e JOIN education_record r USING (child_id) WHERE e.status <> 'DRAFT'`,
  );
  const tally = { ANNUAL_REVIEW: new Map<string, number>(), PHASE_TRANSFER: new Map<string, number>() };
  for (const p of plans as ClockPlan[]) {
    const d = reviewDeadlinesIn({ ...p, transfers: [] }, FROM, AS_AT);
    for (const t of d.reviews) tally.ANNUAL_REVIEW.set(t, (tally.ANNUAL_REVIEW.get(t) ?? 0) + 1);
    for (const t of d.transfers) tally.PHASE_TRANSFER.set(t, (tally.PHASE_TRANSFER.get(t) ?? 0) + 1);
  }
  return tally;
}

describe('review timeliness for commissioners', () => {
  let table: any;
  beforeAll(async () => {
    const res = await hub.query('commissioner', QUERY, { d: [], f: { asAt: AS_AT } });
    expect(res.body.errors).toBeUndefined();
    table = res.body.data.reviewTimeliness;
  });

  it('annual reviews and phase transfers, each outcome the truth rounded by the cell key method', async () => {
    expect(table).toMatchObject({ asAt: AS_AT, periodStart: FROM, disclosureControl: { method: expect.any(String) } });
    expect(table.rows.map((r: any) => r.step).sort()).toEqual(['ANNUAL_REVIEW', 'PHASE_TRANSFER']);
    const t = await truth();
    for (const r of table.rows) {
      const want = t[r.step as 'ANNUAL_REVIEW' | 'PHASE_TRANSFER'];
      for (const o of r.outcomes)
        expect([r.step, o.outcome, roundedFrom(want.get(o.outcome) ?? 0, o.count)]).toEqual([r.step, o.outcome, true]);
      const all = [...want.values()].reduce((a, b) => a + b, 0);
      expect([r.step, roundedFrom(all, r.total)]).toEqual([r.step, true]);
      expect(r.percentInTime).toBe(
        Math.min(100, Math.round((1000 * r.outcomes.find((o: any) => o.outcome === 'IN_TIME').count) / r.total) / 10),
      );
      expect(r.perturbed).toBe(true);
    }
    // The population has all three outcomes for reviews, and transfers done and not done.
    expect([...t.ANNUAL_REVIEW.keys()].sort()).toEqual(['IN_TIME', 'LATE', 'OVERDUE']);
    expect(t.PHASE_TRANSFER.get('IN_TIME')).toBeGreaterThan(0);
    expect(t.PHASE_TRANSFER.get('OVERDUE')).toBeGreaterThan(0);
  });

  it("the same every time; by LA the TOTAL row is the whole table's", async () => {
    expect((await hub.query('commissioner', QUERY, { d: [], f: { asAt: AS_AT } })).body.data.reviewTimeliness).toEqual(table);
    const byLa = (await hub.query('commissioner', QUERY, { d: ['LA'], f: { asAt: AS_AT } })).body.data.reviewTimeliness;
    for (const step of ['ANNUAL_REVIEW', 'PHASE_TRANSFER']) {
      expect(byLa.rows.find((r: any) => r.step === step && r.values[0] === 'TOTAL').total).toBe(
        table.rows.find((r: any) => r.step === step).total,
      );
    }
    expect(byLa.csv.split(/\r?\n/)[0]).toBe('step,LA,in_time,late,overdue,total,percent_in_time,disclosure');
  });

  it('is for commissioners only', async () => {
    for (const user of ['coordinator', 'privacy-officer']) {
      expect((await hub.query(user, QUERY, { d: [], f: { asAt: AS_AT } })).body.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'ROLE',
      });
    }
  });
});
