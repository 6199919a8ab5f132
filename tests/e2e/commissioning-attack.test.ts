// The commissioner as attacker, on a small population (5,000 children, every count checked) and a
// realistic one (30,000, every 4th; the bench runs 100,000: HUB_ATTACK_CHILDREN). It asks 40 ordinary tables through the gateway (every set of up to four of
// five dimensions, filtered slices, placement mix), writes every published figure into one linear
// system (lp-attack.ts) and, for every figure whose true count is 1–4, finds the range of values
// the whole system allows. The stated guarantee (docs/commissioning.md) must hold for each.
// Tables the sparsity check refuses publish nothing: the attacker has only the others.
// A control run publishes the same tables under the old line rule (from the true counts, in
// process) and shows this attacker pins cells down there: it can fail.
import { Lattice } from '../../subgraphs/commissioning/src/lattice';
import { suppressLines } from '../../subgraphs/commissioning/src/disclosure/line-rule';
import { slice } from '../../subgraphs/commissioning/src/query';
import { generatePopulation, LAS } from '@hub/seed';
import { startTestHub, type TestHub } from '../kit/hub';
import { identity, type PublishedTable } from './commissioning/attack';
import { writeFileSync } from 'node:fs';
import { AGE_BANDS, PLACEMENT_TYPES, SEN_STATUSES, SEN_TYPES, SOCIAL_CARE_STATUSES, WAIT_STATES } from '@hub/schema';
import {
  EXACT_FIGURES,
  feasibleRanges,
  leastSquares,
  linearSystem,
  roundedFigures,
  violations,
  type Range,
} from './commissioning/lp-attack';
import { AS_AT, stored, truthOf, type Truth } from './commissioning/truth';

/**
 * [children, check every n-th count of 1–4] per run. npm test: 5,000 children, every count; 30,000,
 * every 4th (the LP takes ~0.5 s a count there). The bench (npm run bench:attack) sets
 * HUB_ATTACK_CHILDREN and HUB_ATTACK_SAMPLE for one run.
 */
/** A third figure keeps only every n-th child of LA 873: a small LA beside a large one (HUB_ATTACK_SMALL_LA=n for the bench). */
const RUNS: [number, number, number][] = process.env.HUB_ATTACK_CHILDREN
  ? [[Number(process.env.HUB_ATTACK_CHILDREN), Number(process.env.HUB_ATTACK_SAMPLE ?? 1), Number(process.env.HUB_ATTACK_SMALL_LA ?? 1)]]
  : [
      [5_000, 1, 1],
      [30_000, 4, 1],
    ];
/** The guarantee: a true count of 1–4 is never narrowed to a range of fewer than GUARANTEE_WIDTH + 1 values. */
const GUARANTEE_WIDTH = Number(process.env.HUB_ATTACK_GUARANTEE ?? 3);

// Dimensions with short code lists, so that the 40 tables make a system HiGHS (WebAssembly) solves in
// a few minutes on a busy machine; placement mix adds PLACEMENT_TYPE.
// HUB_ATTACK_DIMS swaps in another five (from CODES), to try the guarantee on other tables by hand.
const DIMS = process.env.HUB_ATTACK_DIMS?.split(',') ?? ['AGE_BAND', 'LA', 'SEN_STATUS', 'SOCIAL_CARE_STATUS', 'WAIT_SALT'];
/** The public code lists of the dimensions (UNKNOWN: the agency holding it does not know the child). */
const CODES: Record<string, readonly string[]> = {
  AGE_BAND: [...AGE_BANDS.map((b) => b.code), 'UNKNOWN'],
  LA: [...LAS.map((l) => l.code), 'UNKNOWN'],
  PRIMARY_SEN_TYPE: [...SEN_TYPES, 'NONE', 'UNKNOWN'],
  PLACEMENT_TYPE: [...PLACEMENT_TYPES, 'NONE', 'UNKNOWN'],
  SOCIAL_CARE_STATUS: SOCIAL_CARE_STATUSES,
  SEN_STATUS: [...SEN_STATUSES, 'UNKNOWN'],
  WAIT_SALT: WAIT_STATES,
  WAIT_CAMHS: WAIT_STATES,
};
const FILTER_DIM: Record<string, string> = { ageBand: 'AGE_BAND', la: 'LA', locality: 'LOCALITY', senStatus: 'SEN_STATUS' };

interface Ask {
  measure: 'childCounts' | 'placementMix';
  dimensions: string[];
  filter: Record<string, string>;
}

/** Every set of one to four of the five dimensions, filtered slices, and placement mix: 40 tables. */
function asks(): Ask[] {
  const out: Ask[] = [];
  for (let m = 1; m < 1 << DIMS.length; m++) {
    const dims = DIMS.filter((_, i) => m & (1 << i));
    if (dims.length <= 4) out.push({ measure: 'childCounts', dimensions: dims, filter: {} });
  }
  for (const la of ['937', '873']) {
    out.push({ measure: 'childCounts', dimensions: ['SEN_STATUS', 'SOCIAL_CARE_STATUS'], filter: { la } });
    out.push({ measure: 'childCounts', dimensions: ['AGE_BAND', 'SEN_STATUS', 'WAIT_SALT'], filter: { la } });
  }
  out.push({ measure: 'childCounts', dimensions: ['AGE_BAND', 'SOCIAL_CARE_STATUS'], filter: { senStatus: 'EHC_PLAN' } });
  out.push({ measure: 'childCounts', dimensions: ['LA', 'WAIT_SALT'], filter: { senStatus: 'EHC_PLAN' } });
  out.push({ measure: 'childCounts', dimensions: ['SOCIAL_CARE_STATUS', 'WAIT_SALT'], filter: { ageBand: 'AGE_11_15' } });
  out.push({ measure: 'placementMix', dimensions: ['LA'], filter: { senStatus: 'EHC_PLAN' } });
  out.push({ measure: 'placementMix', dimensions: ['AGE_BAND'], filter: {} });
  out.push({ measure: 'placementMix', dimensions: ['SOCIAL_CARE_STATUS'], filter: {} });
  return out;
}

const fixedOf = (f: Record<string, string>) => Object.fromEntries(Object.entries(f).map(([k, v]) => [FILTER_DIM[k], v]));

type Answer =
  | (PublishedTable & { disclosureControl: { maxAbsoluteError: number } })
  | { refused: { message: string; extensions: Record<string, unknown> } };
const isRefused = (a: Answer): a is Extract<Answer, { refused: unknown }> => 'refused' in a;

/** A table as published, or the sparsity check's refusal (the only error an ordinary table may get). */
async function ask(hub: TestHub, a: Ask): Promise<Answer> {
  const q = `query($d: [CommissioningDimension!]!, $f: CommissioningFilter) { t: ${a.measure}(dimensions: $d, filter: $f) { dimensions cells { values count } disclosureControl { method maxAbsoluteError } } }`;
  const res = await hub.query('commissioner', q, { d: a.dimensions, f: { asAt: AS_AT, ...a.filter } });
  if (res.body.errors) {
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'dimensions', reason: 'TABLE_TOO_SPARSE' });
    return { refused: { message: res.body.errors[0].message, extensions: res.body.errors[0].extensions ?? {} } };
  }
  return { ...res.body.data.t, fixed: fixedOf(a.filter) };
}

/** True counts of every figure the tables can show (by identity), from the generator's children. */
function trueCounts(truths: Truth[], tables: { dimensions: string[]; fixed: Record<string, string> }[]): Map<string, number> {
  const used = Object.keys(CODES);
  const groups = new Map<string, { t: Truth; n: number }>();
  for (const t of truths) {
    const k = used.map((d) => t[d]).join('|');
    const g = groups.get(k);
    if (g) g.n++;
    else groups.set(k, { t, n: 1 });
  }
  const out = new Map<string, number>();
  for (const table of tables) {
    const mine = new Map<string, number>();
    for (const { t, n } of groups.values()) {
      if (!Object.entries(table.fixed).every(([d, v]) => t[d] === v)) continue;
      for (let m = 0; m < 1 << table.dimensions.length; m++) {
        const values = table.dimensions.map((d, i) => (d in table.fixed ? table.fixed[d] : m & (1 << i) ? t[d] : 'TOTAL'));
        const id = identity(table as PublishedTable, values);
        mine.set(id, (mine.get(id) ?? 0) + n);
      }
    }
    for (const [id, n] of mine) out.set(id, n);
  }
  return out;
}

/** The same tables as the old line rule published them (in process, from the true counts). */
function lineRuleTables(truths: Truth[], specs: Ask[]): PublishedTable[] {
  return specs.map((a) => {
    const fixed = fixedOf(a.filter);
    const output =
      a.measure === 'placementMix' && !a.dimensions.includes('PLACEMENT_TYPE') ? [...a.dimensions, 'PLACEMENT_TYPE'] : a.dimensions;
    const dims = [...new Set([...output, ...Object.keys(fixed)])].sort();
    const lattice = new Lattice(dims);
    for (const t of truths) lattice.add(dims.map((d) => t[d]));
    const cells = slice(suppressLines(lattice.build()), output, fixed);
    return { dimensions: output, fixed, cells: cells.map((c) => ({ values: c.values, count: c.count })) };
  });
}

function summary(ranges: Range[], truth: Map<string, number>, width: number) {
  const narrow = ranges.filter((r) => r.max - r.min < width - 1e-6);
  const pinned = ranges.filter((r) => r.max - r.min < 1e-6);
  const outside = ranges.filter((r) => truth.get(r.id)! < r.min - 1e-6 || truth.get(r.id)! > r.max + 1e-6);
  return {
    small: ranges.length,
    narrow: narrow.length,
    pinned: pinned.length,
    outside: outside.length,
    examples: narrow.slice(0, 5).map((r) => ({ ...r, truth: truth.get(r.id) })),
  };
}

describe.each(RUNS)(
  'linear-programming attacker, %i children (every %i-th small count checked; 1 in %i kept in LA 873)',
  (CHILDREN, SAMPLE, KEEP_873) => {
    const NAME = KEEP_873 > 1 ? `${CHILDREN} children, 1 in ${KEEP_873} kept in LA 873` : `${CHILDREN} children`;
    let hub: TestHub;
    let truths: Truth[];
    let answers: Answer[];
    let published: PublishedTable[];
    let truth: Map<string, number>;
    const specs = asks();

    beforeAll(async () => {
      const population = [...generatePopulation({ children: CHILDREN, seed: 7 })].filter(
        (c, i) => c.laCode !== '873' || i % KEEP_873 === 0,
      );
      hub = await startTestHub({ children: population, label: `commissioning_attack_${CHILDREN}_${KEEP_873}`, grant: false });
      truths = stored(population)
        .map((c) => truthOf(c))
        .filter((t) => t.AGENCIES !== '');
      answers = [];
      for (const a of specs) answers.push(await ask(hub, a));
      published = answers.filter((a): a is Exclude<Answer, { refused: unknown }> => !isRefused(a));
      truth = trueCounts(truths, published);
      const refused = specs.filter((_, i) => isRefused(answers[i]));
      console.log(
        `sparsity check, ${NAME}: ${refused.length} of ${specs.length} tables refused:`,
        JSON.stringify(refused.map((a) => `${a.measure} ${a.dimensions.join('×')} ${JSON.stringify(a.filter)}`)),
      );
    }, 900_000);
    afterAll(() => hub?.stop());

    it('asks at least 40 tables, and the same question asked again or reordered gets the identical answer', async () => {
      expect(specs.length).toBeGreaterThanOrEqual(40);
      // Refusals too: the same refusal, in the same words, whatever the order.
      const figures = (t: Answer) => (isRefused(t) ? t.refused : new Map(t.cells.map((c) => [identity(t, c.values), c.count])));
      for (const i of [3, 20, 28, 29, 32, 33]) {
        const a = specs[i];
        const again = await ask(hub, a);
        const reordered = await ask(hub, { ...a, dimensions: [...a.dimensions].reverse() });
        expect(figures(again)).toEqual(figures(answers[i]));
        if (isRefused(answers[i])) expect(isRefused(reordered)).toBe(true);
        else expect(figures(reordered)).toEqual(figures(answers[i]));
      }
    });

    it(`cannot narrow any count of 1–4 to fewer than ${GUARANTEE_WIDTH + 1} possible values, combining every figure`, async () => {
      const maxError = (published[0] as any).disclosureControl.maxAbsoluteError;
      const sys = linearSystem(published, roundedFigures(maxError), CODES);
      const small = sys.ids.filter((id) => (truth.get(id) ?? 0) >= 1 && (truth.get(id) ?? 0) <= 4);
      const targets = small.filter((_, i) => i % SAMPLE === 0);
      // Every unknown's true count is known to the test (a point of the system): the attacker's model must admit it.
      const truePoint = new Map(sys.ids.map((id) => [id, truth.get(id) ?? 0]));
      expect(violations(sys, truePoint).slice(0, 5)).toEqual([]);
      if (process.env.HUB_ATTACK_DUMP)
        writeFileSync(
          process.env.HUB_ATTACK_DUMP,
          JSON.stringify({
            published,
            truth: [...truth],
            line: lineRuleTables(truths, specs),
            lineTruth: [...trueCounts(truths, lineRuleTables(truths, specs))],
          }),
        );
      const started = Date.now();
      const { ranges, solves, feasible } = await feasibleRanges(sys, targets, {
        enough: GUARANTEE_WIDTH,
        known: [truePoint],
        progress: process.env.HUB_ATTACK_PROGRESS,
      });
      const s = summary(ranges, truth, GUARANTEE_WIDTH);
      console.log(`LP ${Date.now() - started} ms`);
      console.log(
        `cell key rounding, ${NAME}: ${published.length} tables, ${sys.ids.length} unknowns, ${sys.lines.length} equations, ${small.length} true counts of 1–4, ${targets.length} checked, ${solves} LP solves:`,
        JSON.stringify(s),
      );
      expect(feasible).toBe(true);
      expect(small.length).toBeGreaterThan(100);
      expect(s.outside).toBe(0);
      expect(s.examples).toEqual([]);
    });

    it('least squares (the figures as noisy measurements) does not recover the small counts either', () => {
      const sys = linearSystem(published, roundedFigures((published[0] as any).disclosureControl.maxAbsoluteError), CODES);
      const shown = new Map<string, number>();
      for (const t of published) for (const c of t.cells) shown.set(identity(t, c.values), c.count!);
      const estimate = leastSquares(sys, (id) => shown.get(id) ?? 0);
      const small = sys.ids.filter((id) => (truth.get(id) ?? 0) >= 1 && (truth.get(id) ?? 0) <= 4);
      const exact = small.filter((id) => Math.round(estimate.get(id)!) === truth.get(id));
      const mae = small.reduce((a, id) => a + Math.abs(estimate.get(id)! - truth.get(id)!), 0) / small.length;
      const ones = small.filter((id) => truth.get(id) === 1).length;
      console.log(
        `least squares, ${NAME}: ${small.length} counts of 1–4, ${exact.length} estimated exactly (rounded), mean absolute error ${mae.toFixed(2)}; guessing 1 every time is right for ${ones}`,
      );
      // A guess, not a disclosure: most small counts come out wrong (and the attacker cannot tell which are right).
      expect(exact.length / small.length).toBeLessThan(0.5);
      expect(mae).toBeGreaterThan(0.5);
    });

    it('utility: mean absolute error per cell, and the largest relative error on figures above 100', () => {
      // Every distinct figure of the 40 tables with children in it (unlisted = published 0).
      const shown = new Map<string, number>();
      for (const t of published) for (const c of t.cells) shown.set(identity(t, c.values), c.count!);
      const errors = [...truth].filter(([, n]) => n > 0).map(([id, n]) => ({ n, e: Math.abs((shown.get(id) ?? 0) - n) }));
      const mae = errors.reduce((a, x) => a + x.e, 0) / errors.length;
      const big = errors.filter((x) => x.n > 100);
      const worst = Math.max(...big.map((x) => x.e / x.n));
      console.log(
        `utility, ${NAME}: ${errors.length} figures, mean absolute error ${mae.toFixed(2)}, largest error ${Math.max(...errors.map((x) => x.e))}; ${big.length} figures above 100, largest relative error ${(100 * worst).toFixed(2)}%`,
      );
      expect(Math.max(...errors.map((x) => x.e))).toBeLessThanOrEqual(4);
      expect(mae).toBeLessThan(2);
      expect(worst).toBeLessThanOrEqual(4 / 101);
    });

    it('control: the same attacker pins down cells the old line rule hid (so it can fail)', async () => {
      const tables = lineRuleTables(truths, specs);
      const sys = linearSystem(tables, EXACT_FIGURES, CODES);
      const hidden = new Set(tables.flatMap((t) => t.cells.filter((c) => c.count === null).map((c) => identity(t, c.values))));
      const lineTruth = trueCounts(truths, tables);
      const targets = [...hidden]
        .filter((id) => (lineTruth.get(id) ?? 0) >= 1 && (lineTruth.get(id) ?? 0) <= 4)
        .filter((_, i) => i % SAMPLE === 0);
      const truePoint = new Map(sys.ids.map((id) => [id, lineTruth.get(id) ?? 0]));
      expect(violations(sys, truePoint).slice(0, 5)).toEqual([]);
      const { ranges, feasible } = await feasibleRanges(sys, targets, { enough: GUARANTEE_WIDTH, known: [truePoint] });
      expect(feasible).toBe(true);
      const s = summary(ranges, lineTruth, GUARANTEE_WIDTH);
      console.log(
        `old line rule, ${NAME}: ${hidden.size} distinct suppressed figures, ${targets.length} of 1–4 checked (1 in ${SAMPLE}):`,
        JSON.stringify({ ...s, examples: undefined }),
      );
      expect(s.outside).toBe(0);
      expect(s.pinned).toBeGreaterThan(0);
    });
  },
);
