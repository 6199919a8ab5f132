// Joint commissioning on a synthetic population: every figure against a recount from the
// generator's children (within the disclosure control's stated error), the same figure every time
// it is asked, roles, the absence of anything identifying, the query log, and the cost of an
// extract. The linear-programming attacker on a realistic population: commissioning-attack.test.ts.
import { authSettings } from '@hub/runtime/settings/auth';
import { identityCodec } from '@hub/guard/auth';
import { SQL_COUNT_HEADER } from '@hub/runtime/http';
import { generatePopulation } from '@hub/seed';
import { postGraphQL, startTestHub, type TestHub } from '../kit/hub';
import { differencing, linearAttack, type PublishedTable } from './commissioning/attack';
import { AS_AT, countWhere, median, p90, stored, truthOf, type Truth } from './commissioning/truth';

/** The stated error of the cell key method: figures are multiples of BASE, within BASE − 1 of the truth. */
const BASE = 5;
/** A published figure for a true count n: a multiple of BASE within BASE − 1 of n, 0 only for n < BASE. */
const roundedFrom = (n: number, v: number) => v % BASE === 0 && Math.abs(v - n) < BASE && (v > 0 || n < BASE) && (n > 0 || v === 0);

let hub: TestHub;
const population = [...generatePopulation({ children: 4000, seed: 7 })];
let truths: Truth[];

beforeAll(async () => {
  hub = await startTestHub({ children: population, label: 'commissioning', grant: false });
  // The population is every child known to at least one agency.
  truths = stored(population)
    .map((c) => truthOf(c))
    .filter((t) => t.AGENCIES !== '');
});
afterAll(() => hub?.stop());

const COUNTS = `query($d: [CommissioningDimension!]!, $f: CommissioningFilter) {
  childCounts(dimensions: $d, filter: $f) { asAt dimensions filter { dimension value } cells { values count suppressed perturbed } total { values count suppressed perturbed } csv disclosureControl { method note url maxAbsoluteError } }
}`;
const MIX = `query($d: [CommissioningDimension!]!, $f: CommissioningFilter) {
  placementMix(dimensions: $d, filter: $f) { dimensions cells { values count suppressed perturbed percent } csv }
}`;
const WAITS = `query($d: [CommissioningDimension!]!, $f: CommissioningFilter) {
  waits(dimensions: $d, filter: $f) { asAt periodStart dimensions rows { service values pathways suppressed perturbed medianDays p90Days } csv disclosureControl { method } }
}`;
const CAPACITY = `query($f: CommissioningFilter) {
  capacityDemand(filter: $f) { asAt services { serviceId agency capacity serviceArea demand suppressed perturbed demandPerPlace localities { locality demand suppressed perturbed } } csv disclosureControl { method } }
}`;

const TIMELINESS_QUERY = `query($d: [CommissioningDimension!]!, $f: CommissioningFilter) {
  timeliness(dimensions: $d, filter: $f) { asAt periodStart dimensions rows { step values outcomes { outcome count suppressed perturbed } total totalSuppressed perturbed percentInTime percentInTimeExcludingExceptions } csv disclosureControl { method } }
}`;

const FILTER_DIM: Record<string, string> = { ageBand: 'AGE_BAND', la: 'LA', locality: 'LOCALITY', senStatus: 'SEN_STATUS' };
const fixedOf = (f: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(f)
      .filter(([k]) => k !== 'asAt')
      .map(([k, v]) => [FILTER_DIM[k], v]),
  );

async function counts(dimensions: string[], filter: Record<string, string> = {}) {
  const res = await hub.query('commissioner', COUNTS, { d: dimensions, f: { asAt: AS_AT, ...filter } });
  expect(res.body.errors).toBeUndefined();
  const t = res.body.data.childCounts;
  return { ...t, fixed: fixedOf(filter), raw: JSON.stringify(res.body) } as PublishedTable & {
    asAt: string;
    total: any;
    csv: string;
    raw: string;
  };
}

/** Every combination of the dimensions' true values, at every level (TOTAL = summed), with its true count. */
function trueCells(dimensions: string[], fixed: Record<string, string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of truths) {
    if (!Object.entries(fixed).every(([d, v]) => t[d] === v)) continue;
    for (let mask = 0; mask < 1 << dimensions.length; mask++) {
      // A filtered dimension that is also an output dimension is never summed (the filter fixes it).
      if (dimensions.some((d, i) => d in fixed && !(mask & (1 << i)))) continue;
      const key = dimensions.map((d, i) => (mask & (1 << i) ? t[d] : 'TOTAL')).join('|');
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return out;
}

/**
 * Every published figure is its true count rounded (a multiple of 5, within 4, never 1–4), flagged
 * perturbed and not suppressed; only combinations with children are listed, and every one of 5 or
 * more is.
 */
function checkAgainstTruth(t: PublishedTable & { cells: { perturbed?: boolean; suppressed?: boolean }[] }) {
  const truth = trueCells(t.dimensions, t.fixed);
  const listed = new Set<string>();
  for (const c of t.cells) {
    const key = c.values.join('|');
    listed.add(key);
    const n = truth.get(key) ?? 0;
    expect({ key, n, count: c.count, ok: c.count !== null && c.count > 0 && roundedFrom(n, c.count) }).toEqual({
      key,
      n,
      count: c.count,
      ok: true,
    });
    expect([c.perturbed, c.suppressed]).toEqual([true, false]);
  }
  expect([...truth.entries()].filter(([k, n]) => n >= BASE && !listed.has(k))).toEqual([]);
  expect(t.cells.length).toBeGreaterThan(0);
}

describe('childCounts against the ground truth', () => {
  it.each([
    [['PRIMARY_SEN_TYPE', 'SOCIAL_CARE_STATUS'], {}],
    [['SEN_STATUS', 'SOCIAL_CARE_STATUS', 'WAIT_SALT'], {}],
    [['AGENCIES'], {}],
    [['AGE_BAND', 'LA'], {}],
    [['SEN_STATUS', 'WAIT_CAMHS'], { la: '937', ageBand: 'AGE_11_15' }],
    [['LOCALITY'], { la: '873' }],
    [['LA', 'SEN_STATUS'], { senStatus: 'EHC_PLAN' }],
  ])('%j filtered by %j', async (dimensions, filter) => {
    const t = await counts(dimensions as string[], filter as Record<string, string>);
    expect(t.asAt).toBe(AS_AT);
    checkAgainstTruth(t);
    expect(t.total.values).toEqual(dimensions.map((d) => t.fixed[d] ?? 'TOTAL'));
    expect(roundedFrom(countWhere(truths, t.fixed), t.total.count)).toBe(true);
    expect((t as any).disclosureControl).toEqual({
      method: 'CELL_KEY_ROUNDING_BASE_5',
      note: expect.stringContaining('within 4 of the true count'),
      url: expect.stringContaining('docs/commissioning.md'),
      maxAbsoluteError: 4,
    });
  });

  it('finds children known to more than one agency; of the small counts some round to 0 (not listed) and some to 5', async () => {
    let unlisted = 0;
    let five = 0;
    for (const dims of [
      ['PRIMARY_SEN_TYPE', 'SOCIAL_CARE_STATUS'],
      ['AGE_BAND', 'PRIMARY_SEN_TYPE'],
    ]) {
      const t = await counts(dims);
      const shown = new Map(t.cells.map((c) => [c.values.join('|'), c.count]));
      const small = [...trueCells(dims, {})].filter(([, n]) => n >= 1 && n <= 4);
      unlisted += small.filter(([k]) => !shown.has(k)).length;
      five += small.filter(([k]) => shown.get(k) === BASE).length;
      if (dims[1] === 'SOCIAL_CARE_STATUS')
        expect(t.cells.some((c) => c.values[1] === 'CIN' && c.values[0] !== 'TOTAL' && c.count !== null)).toBe(true);
    }
    expect(unlisted).toBeGreaterThan(5);
    expect(five).toBeGreaterThan(5);
  });

  it('refuses a table too sparse for its population, naming dimensions and why, and says what to do; smaller tables of the same children are published as before', async () => {
    const dims = ['PRIMARY_SEN_TYPE', 'PLACEMENT_TYPE', 'SOCIAL_CARE_STATUS', 'WAIT_SALT'];
    for (const [d, f] of [
      [dims, {}],
      [['AGE_BAND', 'WAIT_OT'], { locality: 'CB4' }],
    ] as const) {
      const res = await hub.query('commissioner', COUNTS, { d, f: { asAt: AS_AT, ...f } });
      expect(res.body.data).toBeNull();
      expect(res.body.errors).toHaveLength(1);
      const e = res.body.errors![0] as { message: string; extensions: Record<string, any> };
      expect(e.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'dimensions',
        reason: 'TABLE_TOO_SPARSE',
        minimumPerCell: 30,
      });
      // Figures in the refusal are published ones: the rounded total (a multiple of 5) and the count of combinations.
      expect(e.extensions.total % BASE).toBe(0);
      expect(e.extensions.total / e.extensions.cells).toBeLessThan(30);
      expect(e.message).toMatch(
        /^dimensions (with this filter )?make a table too sparse to publish safely: about \d+ children over \d+ combinations, fewer than 30 a combination on average\. Drop a dimension, or widen or remove the filter\.$/,
      );
      // The same refusal, in the same words, asked again in another order.
      const again = await hub.query('commissioner', COUNTS, { d: [...d].reverse(), f: { asAt: AS_AT, ...f } });
      expect(again.body.errors).toEqual(res.body.errors);
    }
    // Each area of a table is judged on its own: a locality (here the children education does not know) too small for the other dimension.
    const area = await hub.query('commissioner', COUNTS, { d: ['LOCALITY', 'WAIT_SALT'], f: { asAt: AS_AT, la: '937' } });
    expect(area.body.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'dimensions',
      reason: 'TABLE_TOO_SPARSE',
      area: { dimension: 'LOCALITY' },
    });
    expect(area.body.errors![0].message).toMatch(
      /too sparse to publish safely: in LOCALITY \w+, about \d+ children over \d+ combinations.*Drop a dimension, or leave LOCALITY out\.$/,
    );
    // Dropping dimensions gives an ordinary table, every figure its true count rounded as stated.
    checkAgainstTruth(await counts(['SOCIAL_CARE_STATUS', 'WAIT_SALT']));
    checkAgainstTruth(await counts(['WAIT_OT'], { locality: 'CB4' }));
  });

  it('rounds each figure on its own: totals are not the sums of their cells, so the tables cannot be solved exactly', async () => {
    const t = await counts(['AGE_BAND', 'PRIMARY_SEN_TYPE']);
    let lines = 0;
    let off = 0;
    for (const m of t.cells.filter((c) => c.values[0] !== 'TOTAL' && c.values[1] === 'TOTAL')) {
      const sum = t.cells.filter((c) => c.values[0] === m.values[0] && c.values[1] !== 'TOTAL').reduce((a, c) => a + c.count!, 0);
      lines++;
      if (sum !== m.count) off++;
    }
    expect(lines).toBeGreaterThan(3);
    expect(off).toBeGreaterThan(0);
  });
});

describe('the same figure every time', () => {
  it('asked again, with the dimensions in another order, or as a filtered slice', async () => {
    const a = await counts(['SEN_STATUS', 'WAIT_SALT', 'SOCIAL_CARE_STATUS']);
    const b = await counts(['SOCIAL_CARE_STATUS', 'SEN_STATUS', 'WAIT_SALT']);
    const c = await counts(['SEN_STATUS', 'WAIT_SALT', 'SOCIAL_CARE_STATUS']);
    const named = (t: PublishedTable) =>
      new Map(
        t.cells.map((x) => [
          t.dimensions
            .map((d, i) => `${d}=${x.values[i]}`)
            .sort()
            .join('&'),
          x.count,
        ]),
      );
    expect(named(b)).toEqual(named(a));
    expect(c.raw).toBe(a.raw);
  });

  it('shows a margin the same way whether asked directly or as part of a bigger table', async () => {
    const big = await counts(['SOCIAL_CARE_STATUS', 'SEN_STATUS', 'LA']);
    const small = await counts(['SEN_STATUS', 'SOCIAL_CARE_STATUS']);
    const asMargin = big.cells.filter((c: any) => c.values[2] === 'TOTAL').map((c: any) => [c.values[1], c.values[0], c.count]);
    const direct = small.cells.map((c: any) => [c.values[0], c.values[1], c.count]);
    const order = (xs: any[][]) => xs.map((x) => JSON.stringify(x)).sort();
    expect(order(asMargin)).toEqual(order(direct));
    const slice = await counts(['SEN_STATUS', 'SOCIAL_CARE_STATUS'], { la: '873' });
    const fromBig = big.cells.filter((c: any) => c.values[2] === '873').map((c: any) => [c.values[1], c.values[0], c.count]);
    expect(order(slice.cells.map((c: any) => [c.values[0], c.values[1], c.count]))).toEqual(order(fromBig));
  });

  it('the attacker itself finds a cell when suppression is only primary (it can fail)', () => {
    const t: PublishedTable = {
      dimensions: ['A', 'B'],
      fixed: {},
      cells: [
        { values: ['a1', 'b1'], count: null },
        { values: ['a1', 'b2'], count: 20 },
        { values: ['a1', 'TOTAL'], count: 23 },
        { values: ['a2', 'b1'], count: 30 },
        { values: ['a2', 'b2'], count: 40 },
        { values: ['a2', 'TOTAL'], count: 70 },
        { values: ['TOTAL', 'b1'], count: 33 },
        { values: ['TOTAL', 'b2'], count: 60 },
        { values: ['TOTAL', 'TOTAL'], count: 93 },
      ],
    };
    expect(differencing([t]).recovered).toEqual([{ cell: 'A=a1&B=b1', value: 3 }]);
    expect(linearAttack([t]).recovered).toEqual([{ cell: 'A=a1&B=b1', value: 3 }]);
  });
});

describe('measures against the ground truth', () => {
  it('placement mix: counts and shares of the group, from the rounded figures', async () => {
    const res = await hub.query('commissioner', MIX, { d: ['LA'], f: { asAt: AS_AT } });
    expect(res.body.errors).toBeUndefined();
    const t = res.body.data.placementMix;
    expect(t.dimensions).toEqual(['LA', 'PLACEMENT_TYPE']);
    checkAgainstTruth({ ...t, fixed: {} });
    let shares = 0;
    for (const c of t.cells) {
      if (c.values[1] === 'TOTAL') continue;
      const group = countWhere(truths, { LA: c.values[0] });
      const groupCell = t.cells.find((g: any) => g.values[0] === c.values[0] && g.values[1] === 'TOTAL');
      expect(roundedFrom(group, groupCell.count)).toBe(true);
      expect(c.percent).toBeCloseTo(Math.min(100, Math.round((1000 * c.count) / groupCell.count) / 10), 5);
      shares++;
    }
    expect(shares).toBeGreaterThan(5);
  });

  it('waits: completed pathways, median and 90th percentile by service and LA', async () => {
    const res = await hub.query('commissioner', WAITS, { d: ['LA'], f: { asAt: AS_AT } });
    expect(res.body.errors).toBeUndefined();
    const t = res.body.data.waits;
    expect(t.periodStart).toBe('2025-10-01');
    const samples = (service: string, la: string) =>
      truths.filter((x) => la === 'TOTAL' || x.LA === la).flatMap((x) => x.completed.filter(([s]) => s === service).map(([, d]) => d));
    let stats = 0;
    for (const service of ['SALT', 'OT', 'PHYSIO', 'CAMHS', 'COMMUNITY_PAEDIATRICS']) {
      for (const la of ['937', '873', 'TOTAL']) {
        const xs = samples(service, la);
        const row = t.rows.find((r: any) => r.service === service && r.values[0] === la);
        if (!row) {
          expect(xs.length).toBeLessThan(BASE);
          continue;
        }
        expect([row.suppressed, row.perturbed]).toEqual([false, true]);
        expect({ service, la, n: xs.length, ok: roundedFrom(xs.length, row.pathways) }).toEqual({ service, la, n: xs.length, ok: true });
        if (xs.length < 10 || row.pathways < 10) expect([row.medianDays, row.p90Days]).toEqual([null, null]);
        else {
          expect([row.medianDays, row.p90Days]).toEqual([median(xs), p90(xs)]);
          stats++;
        }
      }
    }
    expect(stats).toBeGreaterThan(5);
  });

  it('capacity against demand, by service and locality, and for one LA', async () => {
    for (const filter of [{}, { la: '873' }]) {
      const res = await hub.query('commissioner', CAPACITY, { f: { asAt: AS_AT, ...filter } });
      expect(res.body.errors).toBeUndefined();
      const services = res.body.data.capacityDemand.services;
      expect(services.map((s: any) => s.serviceId).sort()).toHaveLength(14);
      const inScope = truths.filter((x) => !('la' in filter) || x.LA === (filter as any).la);
      expect(res.body.data.capacityDemand.disclosureControl.method).toBe('CELL_KEY_ROUNDING_BASE_5');
      for (const s of services) {
        const users = inScope.filter((x) => x.uses.includes(s.serviceId));
        expect({
          id: s.serviceId,
          n: users.length,
          demand: s.demand,
          ok: roundedFrom(users.length, s.demand) && s.perturbed && !s.suppressed,
        }).toEqual({ id: s.serviceId, n: users.length, demand: s.demand, ok: true });
        const byLocality = new Map<string, number>();
        for (const u of users) byLocality.set(u.LOCALITY, (byLocality.get(u.LOCALITY) ?? 0) + 1);
        // Listed: the localities whose figure did not round to 0 (every one of 5 or more).
        for (const l of s.localities)
          expect({ l: l.locality, ok: roundedFrom(byLocality.get(l.locality) ?? 0, l.demand) && l.demand > 0 && l.perturbed }).toEqual({
            l: l.locality,
            ok: true,
          });
        const listed = new Set(s.localities.map((l: any) => l.locality));
        expect([...byLocality].filter(([l, n]) => n >= BASE && !listed.has(l))).toEqual([]);
      }
      expect(services.some((s: any) => s.demand > 0 && s.demandPerPlace > 0)).toBe(true);
    }
  });
});

describe('timeliness against the ground truth', () => {
  const STEPS = [
    [
      'FINAL_PLAN',
      ['IN_TIME', 'LATE', 'LATE_WITH_EXCEPTION'],
      (x: Truth) => (['IN_TIME', 'LATE', 'LATE_WITH_EXCEPTION'].includes(x.plan!) ? [x.plan!] : []),
    ],
    [
      'FINAL_PLAN_UNDER_WAY',
      ['NOT_YET_DUE', 'OVERDUE', 'OVERDUE_WITH_EXCEPTION'],
      (x: Truth) => (['NOT_YET_DUE', 'OVERDUE', 'OVERDUE_WITH_EXCEPTION'].includes(x.plan!) ? [x.plan!] : []),
    ],
    ['HEALTH_ADVICE', ['IN_TIME', 'LATE', 'LATE_WITH_EXCEPTION', 'OVERDUE', 'OVERDUE_WITH_EXCEPTION'], (x: Truth) => x.healthAdvice],
  ] as const;

  it.each([
    [[], {}, AS_AT],
    [['LA'], {}, AS_AT],
    [['AGE_BAND'], {}, AS_AT],
    [['PRIMARY_SEN_TYPE'], { la: '937' }, AS_AT],
    [['LA'], {}, '2025-12-31'],
  ])('%j filtered by %j as at %s', async (dimensions, filter, asAt) => {
    const res = await hub.query('commissioner', TIMELINESS_QUERY, { d: dimensions, f: { asAt, ...filter } });
    expect(res.body.errors).toBeUndefined();
    const t = res.body.data.timeliness;
    expect(t.periodStart).toBe(asAt === AS_AT ? '2025-10-01' : '2025-01-01');
    const fixed = fixedOf(filter as Record<string, string>);
    const scope = (
      asAt === AS_AT
        ? truths
        : stored(population)
            .map((c) => truthOf(c, asAt))
            .filter((x) => x.AGENCIES !== '')
    ).filter((x) => Object.entries(fixed).every(([d, v]) => x[d] === v));
    let shares = 0;
    for (const [step, outcomes, unitsOf] of STEPS) {
      const rows = t.rows.filter((r: any) => r.step === step);
      // Every group with something counted has a row, and no other group does.
      const truthGroups = new Map<string, string[]>();
      for (const x of scope) {
        const units = unitsOf(x);
        if (!units.length) continue;
        for (let mask = 0; mask < 1 << dimensions.length; mask++) {
          const values = (dimensions as string[]).map((d, i) => (mask & (1 << i) ? x[d] : (fixed[d] ?? 'TOTAL')));
          if ((dimensions as string[]).some((d, i) => d in fixed && values[i] !== fixed[d])) continue;
          const key = values.join('|');
          truthGroups.set(key, [...(truthGroups.get(key) ?? []), ...units]);
        }
      }
      // A row for every group whose total did not round to 0 (every group of 5 or more), none for a group without units.
      const rowKeys = rows.map((r: any) => r.values.join('|'));
      expect(rowKeys.filter((k: string) => !truthGroups.has(k))).toEqual([]);
      expect([...truthGroups].filter(([k, u]) => u.length >= BASE && !rowKeys.includes(k)).map(([k]) => k)).toEqual([]);
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        const units = truthGroups.get(r.values.join('|'))!;
        const n = (o: string) => units.filter((u) => u === o).length;
        expect(r.outcomes.map((o: any) => o.outcome)).toEqual(outcomes);
        for (const o of r.outcomes) {
          const ok = roundedFrom(n(o.outcome), o.count) && o.perturbed && !o.suppressed;
          expect({ step, group: r.values, outcome: o.outcome, n: n(o.outcome), count: o.count, ok }).toEqual({
            step,
            group: r.values,
            outcome: o.outcome,
            n: n(o.outcome),
            count: o.count,
            ok: true,
          });
        }
        expect({ group: r.values, ok: r.total > 0 && roundedFrom(units.length, r.total) && r.perturbed && !r.totalSuppressed }).toEqual({
          group: r.values,
          ok: true,
        });
        const exceptions = ['LATE_WITH_EXCEPTION', 'OVERDUE_WITH_EXCEPTION'];
        const shown = (o: string) => r.outcomes.find((x: any) => x.outcome === o).count as number;
        // Shares come from the rounded figures only (capped at 100: each figure is rounded on its own).
        const pct = (a: number, d: number) => (d <= 0 ? null : Math.min(100, Math.round((1000 * a) / d) / 10));
        if (step === 'FINAL_PLAN_UNDER_WAY') expect([r.percentInTime, r.percentInTimeExcludingExceptions]).toEqual([null, null]);
        else {
          const regular = outcomes.filter((o) => !exceptions.includes(o));
          expect(r.percentInTime).toBe(pct(shown('IN_TIME'), r.total));
          expect(r.percentInTimeExcludingExceptions).toBe(
            pct(
              shown('IN_TIME'),
              regular.reduce((a, o) => a + shown(o), 0),
            ),
          );
          if (r.percentInTime !== null) shares++;
        }
      }
    }
    // One LA of the small test population has too few plans in a year for any share to be published.
    if (!Object.keys(fixed).length) expect(shares).toBeGreaterThan(0);
  });

  it('counts late plans, exception cases and overdue advice in the population, and gives the table as CSV', async () => {
    const all = truths.flatMap((x) => [x.plan, ...x.healthAdvice]);
    for (const o of ['IN_TIME', 'LATE', 'LATE_WITH_EXCEPTION', 'OVERDUE'])
      expect({ o, present: all.includes(o) }).toEqual({ o, present: true });
    const res = await hub.query('commissioner', TIMELINESS_QUERY, { d: ['LA', 'AGE_BAND'], f: { asAt: AS_AT } });
    expect(res.body.errors).toBeUndefined();
    const rows = res.body.data.timeliness.rows;
    expect(res.body.data.timeliness.disclosureControl.method).toBe('CELL_KEY_ROUNDING_BASE_5');
    const csv: string = res.body.data.timeliness.csv;
    expect(csv.split('\r\n')[0]).toBe(
      'step,LA,AGE_BAND,in_time,late,late_with_exception,not_yet_due,overdue,overdue_with_exception,total,percent_in_time,percent_in_time_excluding_exceptions,disclosure',
    );
    expect(csv.trimEnd().split('\r\n')).toHaveLength(rows.length + 1);
  });
});

describe('CSV', () => {
  it('gives the same table as CSV, each rounded figure marked perturbed', async () => {
    const t = await counts(['AGE_BAND', 'SOCIAL_CARE_STATUS']);
    const lines = t.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('AGE_BAND,SOCIAL_CARE_STATUS,children,disclosure');
    expect(lines.length).toBe(t.cells.length + 1);
    t.cells.forEach((c: any, i: number) => expect(lines[i + 1]).toBe([...c.values, c.count, 'perturbed'].join(',')));
    expect(t.cells.every((c) => c.count! >= BASE && c.count! % BASE === 0)).toBe(true);
  });
});

describe('protection', () => {
  it('refuses everyone but commissioners (FORBIDDEN, ROLE)', async () => {
    for (const user of ['coordinator', 'paediatrician', 'social-worker', 'privacy-officer', 'dco']) {
      const res = await hub.query(user, COUNTS, { d: ['LA'], f: { asAt: AS_AT } });
      expect(res.body.data).toBeNull();
      expect(res.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
    }
  });

  it('answers nothing that identifies a child: no id, name, NHS number, UPN or date of birth anywhere in the JSON', async () => {
    const bodies = [
      (await counts(['PRIMARY_SEN_TYPE', 'SOCIAL_CARE_STATUS'])).raw,
      (await counts(['LOCALITY'], { la: '937' })).raw,
      // A refusal too (this one is too sparse).
      JSON.stringify(
        (
          await hub.query('commissioner', COUNTS, {
            d: ['PRIMARY_SEN_TYPE', 'PLACEMENT_TYPE', 'SOCIAL_CARE_STATUS', 'WAIT_SALT', 'LOCALITY'],
            f: { asAt: AS_AT },
          })
        ).body,
      ),
      JSON.stringify((await hub.query('commissioner', MIX, { d: ['AGE_BAND'], f: { asAt: AS_AT } })).body),
      JSON.stringify((await hub.query('commissioner', WAITS, { d: ['LOCALITY'], f: { asAt: AS_AT } })).body),
      JSON.stringify((await hub.query('commissioner', CAPACITY, { f: { asAt: AS_AT } })).body),
      JSON.stringify((await hub.query('commissioner', TIMELINESS_QUERY, { d: ['LOCALITY'], f: { asAt: AS_AT } })).body),
    ].join('\n');
    expect(bodies.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i)).toBeNull();
    expect(new Set(bodies.match(/\d{4}-\d{2}-\d{2}/g))).toEqual(new Set([AS_AT, '2025-10-01']));
    const words = new Set(bodies.split(/[^A-Za-z0-9']+/));
    for (const c of population.slice(0, 500)) {
      for (const v of [c.givenName, c.familyName, c.nhsNumber, c.upn])
        if (v) expect({ v, found: words.has(v) }).toEqual({ v, found: false });
    }
  });

  it('keeps the extracts away from the gateway: the field is not in the public graph', async () => {
    const res = await hub.query('commissioner', `{ educationCommissioningExtract(nonce: "${'0'.repeat(32)}", asAt: "${AS_AT}") }`);
    expect(res.body.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  describe('an agency extract, asked for directly', () => {
    const codec = identityCodec(authSettings().internalSecret);
    const commissioner = { sub: 'u-comm-1', name: 'x', org: 'QUE', roles: ['commissioner' as const] };
    const ask = async (subgraph: 'education' | 'health' | 'social-care', token: string, nonce = 'ab'.repeat(16), fields?: string[]) => {
      const field = {
        education: 'educationCommissioningExtract',
        health: 'healthCommissioningExtract',
        'social-care': 'socialCareCommissioningExtract',
      }[subgraph];
      return postGraphQL(
        hub.subgraphs[subgraph].url,
        `query($n: String!, $a: String!, $f: [String!]) { x: ${field}(nonce: $n, asAt: $a, fields: $f) }`,
        { n: nonce, a: AS_AT, f: fields },
        { 'x-hub-identity': token },
      );
    };

    it('is refused unless the commissioning service asks, for a commissioner', async () => {
      const viaGateway = await ask('education', await codec.sign(commissioner, 'r1'));
      expect(viaGateway.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
      const otherService = await ask('health', await codec.sign(commissioner, 'r2', 'DIRECT_CARE', 'education'));
      expect(otherService.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
      const notCommissioner = await ask(
        'social-care',
        await codec.sign({ ...commissioner, roles: ['ehc_coordinator'], agency: 'EDUCATION' }, 'r3', 'DIRECT_CARE', 'commissioning'),
      );
      expect(notCommissioner.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
    });

    it('is one SQL statement, carries pseudonyms and bands only, and a new nonce gives unlinkable pseudonyms', async () => {
      const token = await codec.sign(commissioner, 'r4', 'DIRECT_CARE', 'commissioning');
      for (const s of ['education', 'health', 'social-care'] as const) {
        const a = await ask(s, token);
        expect(a.body.errors).toBeUndefined();
        expect(a.headers.get(SQL_COUNT_HEADER)).toBe('1');
        const all: string = a.body.data.x;
        expect(all).not.toMatch(/\d{4}-\d{2}-\d{2}|[0-9a-f]{8}-[0-9a-f]{4}/);
        // Sections are separated by an empty line: the children, then (education) their timeliness.
        const [text, ...more] = all.split('\n\n');
        const first = new Set(text.split('\n').map((l) => l.split('|')[0]));
        expect(first.size).toBe(text.split('\n').length);
        expect(more.length).toBe(s === 'education' ? 1 : 0);
        for (const section of more) {
          const lines = section.split('\n');
          expect(lines.length).toBeGreaterThan(10);
          // pseudonym|plan|healthAdvice|annualReviews|phaseTransfers (TIMELINESS_FIELDS)
          for (const l of lines) expect(l).toMatch(/^[A-Za-z0-9+/]{11}\|[0-6]?\|[0-6]*\|[0-6]*\|[0-6]*$/);
          expect(lines.filter((l) => !first.has(l.split('|')[0]))).toEqual([]);
        }
        const b = await ask(s, token, 'cd'.repeat(16));
        const second = new Set(
          (b.body.data.x as string)
            .split('\n\n')[0]
            .split('\n')
            .map((l) => l.split('|')[0]),
        );
        expect(second.size).toBe(first.size);
        expect([...second].filter((p) => first.has(p))).toEqual([]);
      }
    });

    it('refuses a malformed nonce or date as bad input', async () => {
      const token = await codec.sign(commissioner, 'r5', 'DIRECT_CARE', 'commissioning');
      expect((await ask('education', token, 'xyz')).body.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'nonce',
      });
      expect((await ask('education', token, undefined, ['la', 'r.child_id'])).body.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'fields',
      });
    });

    it('sends only the fields asked for, in the layout order, and the timeliness section only when asked', async () => {
      const token = await codec.sign(commissioner, 'r6', 'DIRECT_CARE', 'commissioning');
      const some = (await ask('education', token, undefined, ['senStatus', 'la'])).body.data.x as string;
      expect(some).not.toContain('\n\n');
      for (const line of some.split('\n')) expect(line).toMatch(/^[A-Za-z0-9+/]{11}\|[0-9]{3}\|(NONE|SEN_SUPPORT|EHC_PLAN)$/);
      const bare = (await ask('health', token, undefined, [])).body.data.x as string;
      for (const line of bare.split('\n')) expect(line).toMatch(/^[A-Za-z0-9+/]{11}$/);
    });
  });
});

describe('arguments and the query log', () => {
  it('refuses an "as at" date that is not a quarter end, and repeated dimensions, naming the argument; nothing is logged', async () => {
    const before = await logCount();
    const bad = await hub.query('commissioner', COUNTS, { d: ['LA'], f: { asAt: '2026-09-29' } });
    expect(bad.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.asAt' });
    const twice = await hub.query('commissioner', COUNTS, { d: ['LA', 'LA'] });
    expect(twice.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'dimensions' });
    const la = await hub.query('commissioner', COUNTS, { d: ['LA'], f: { la: '93' } });
    expect(la.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.la' });
    expect(await logCount()).toBe(before);
  });

  it('logs who ran which query, for privacy officers only', async () => {
    await counts(['WAIT_OT', 'AGE_BAND'], { la: '873' });
    const LOG = '{ commissioningQueries(limit: 5) { at actorSub actorOrg measure dimensions filter } }';
    const log = await hub.query('privacy-officer', LOG);
    expect(log.body.errors).toBeUndefined();
    expect(log.body.data.commissioningQueries[0]).toMatchObject({
      actorSub: 'u-comm-1',
      actorOrg: 'QUE',
      measure: 'childCounts',
      dimensions: ['WAIT_OT', 'AGE_BAND'],
    });
    expect(JSON.parse(log.body.data.commissioningQueries[0].filter)).toEqual({ asAt: AS_AT, LA: '873' });
    const denied = await hub.query('commissioner', LOG);
    expect(denied.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
  });
});

async function logCount(): Promise<number> {
  const res = await hub.query('privacy-officer', '{ commissioningQueries(limit: 1000) { at } }');
  return res.body.data.commissioningQueries.length;
}
