// A linear-programming attacker, written from what a commissioner sees and the published method,
// not from the service's code. Every figure of every table asked becomes a constraint over one
// unknown per distinct figure (the same combination in two tables, or in a filtered slice, is one
// unknown): a subtotal is the sum of the cells of its line, including the combinations the table
// does not list; each unknown is non-negative and lies in the range its published figure allows
// (FigureModel: exact figures and suppressed ones under the old line rule; "within ±k, never
// listed when 0" under rounding). For each target it finds the smallest and largest value the
// whole system allows, with HiGHS (linear programming).
import { appendFileSync } from 'node:fs';
import highsLoader, { type Highs } from 'highs';
import { identity, type PublishedTable } from './attack';

/** What a published figure tells about the true count: a range. */
export interface FigureModel {
  listed(count: number | null): [number, number];
  /** A combination a table does not list. */
  unlisted: [number, number];
}

/** The line rule: a shown figure is exact, a suppressed one is any count, an unlisted one is 0. */
export const EXACT_FIGURES: FigureModel = { listed: (c) => (c === null ? [0, Infinity] : [c, c]), unlisted: [0, 0] };

/** Figures within ±maxError of the truth, never listed when they round to 0 (so a listed figure is at least 1). */
export function roundedFigures(maxError: number): FigureModel {
  return {
    listed: (c) => (c === null ? [0, Infinity] : c === 0 ? [0, maxError] : [Math.max(1, c - maxError), c + maxError]),
    unlisted: [0, maxError],
  };
}

export interface LinearSystem {
  ids: string[];
  index: Map<string, number>;
  lower: number[];
  upper: number[];
  /** Each line: [total, ...parts], as unknowns' indices: total − Σ parts = 0. */
  lines: number[][];
}

/**
 * Every figure of every table, listed or not, as unknowns with ranges, and every line as an
 * equation. `codes`: each dimension's values as the public code lists give them (a value no table
 * lists may still have children, when its figures are hidden or round to 0).
 */
export function linearSystem(tables: PublishedTable[], model: FigureModel, codes: Record<string, readonly string[]> = {}): LinearSystem {
  const domain = new Map<string, Set<string>>(Object.entries(codes).map(([d, vs]) => [d, new Set(vs)]));
  const values = (d: string) => domain.get(d) ?? domain.set(d, new Set()).get(d)!;
  for (const t of tables) {
    for (const [d, v] of Object.entries(t.fixed)) values(d).add(v);
    for (const c of t.cells) c.values.forEach((v, i) => v !== 'TOTAL' && values(t.dimensions[i]).add(v));
  }
  const sys: LinearSystem = { ids: [], index: new Map(), lower: [], upper: [], lines: [] };
  const unknown = (id: string, [lo, hi]: [number, number]) => {
    let j = sys.index.get(id);
    if (j === undefined) {
      sys.index.set(id, (j = sys.ids.length));
      sys.ids.push(id);
      sys.lower.push(lo);
      sys.upper.push(hi);
    } else {
      sys.lower[j] = Math.max(sys.lower[j], lo);
      sys.upper[j] = Math.min(sys.upper[j], hi);
    }
    return j;
  };
  const seenLines = new Set<string>();
  for (const t of tables) {
    const shown = new Map(t.cells.map((c) => [c.values.join('\u001f'), c.count]));
    // Each output dimension: TOTAL or one of its values (a filtered output dimension only its filter value).
    const choices = t.dimensions.map((d) => (d in t.fixed ? [t.fixed[d]] : ['TOTAL', ...[...values(d)].sort()]));
    const combos: string[][] = [[]];
    for (const cs of choices) {
      const next: string[][] = [];
      for (const c of combos) for (const v of cs) next.push([...c, v]);
      combos.splice(0, combos.length, ...next);
    }
    for (const c of combos) {
      const key = c.join('\u001f');
      unknown(identity(t, c), shown.has(key) ? model.listed(shown.get(key)!) : model.unlisted);
    }
    for (const c of combos) {
      c.forEach((v, d) => {
        if (v !== 'TOTAL') return;
        const total = identity(t, c);
        const lineKey = `${total}/${t.dimensions[d]}`;
        if (seenLines.has(lineKey)) return;
        seenLines.add(lineKey);
        const parts = choices[d]
          .filter((x) => x !== 'TOTAL')
          .map((x) =>
            sys.index.get(
              identity(
                t,
                c.map((y, i) => (i === d ? x : y)),
              ),
            )!,
          );
        sys.lines.push([sys.index.get(total)!, ...parts]);
      });
    }
  }
  return sys;
}

/** The lines and bounds a point breaks (the true counts must break none, or the model is wrong). */
export function violations(sys: LinearSystem, point: Map<string, number>): string[] {
  const x = (j: number) => point.get(sys.ids[j]) ?? 0;
  const out: string[] = [];
  sys.ids.forEach((id, j) => {
    if (x(j) < sys.lower[j] || x(j) > sys.upper[j]) out.push(`${id}: ${x(j)} outside [${sys.lower[j]}, ${sys.upper[j]}]`);
  });
  for (const [t, ...parts] of sys.lines) {
    const sum = parts.reduce((a, j) => a + x(j), 0);
    if (sum !== x(t)) out.push(`${sys.ids[t]} is ${x(t)} but its parts sum to ${sum}`);
  }
  return out;
}

let loaded: Promise<Highs> | undefined;

export interface Range {
  id: string;
  min: number;
  max: number;
}

/**
 * The smallest and largest value of each target the system allows, each solved on its own (warm
 * started from the last basis, so each solve is quick). `known` are points already known to satisfy
 * the system (the true counts do): where they, and the points found on the way, already show a
 * target spans at least `enough`, its solves are skipped (its range is at least that wide: the
 * feasible set is convex), so a reported range narrower than `enough` is always the exact one.
 */
export async function feasibleRanges(
  sys: LinearSystem,
  targets: string[],
  opts: { enough: number; known?: Map<string, number>[]; progress?: string },
): Promise<{ ranges: Range[]; solves: number; feasible: boolean }> {
  const highs = await (loaded ??= highsLoader());
  const n = sys.ids.length;
  const starts = [0];
  const indices: number[] = [];
  const coeffs: number[] = [];
  for (const l of sys.lines) {
    l.forEach((j, k) => {
      indices.push(j);
      coeffs.push(k === 0 ? 1 : -1);
    });
    starts.push(indices.length);
  }
  const inf = highs.infinity;
  const model = highs.createModel({
    numCols: n,
    numRows: sys.lines.length,
    colCost: new Float64Array(n),
    colLower: sys.lower.map((x) => (x === -Infinity ? -inf : x)),
    colUpper: sys.upper.map((x) => (x === Infinity ? inf : x)),
    rowLower: new Float64Array(sys.lines.length),
    rowUpper: new Float64Array(sys.lines.length),
    matrix: { format: 'csr', numRows: sys.lines.length, numCols: n, starts, indices, values: coeffs },
  });
  try {
    model.options.set('output_flag', false);
    // The interior-point solver: on these systems (thousands of unknowns, every one bounded) the
    // WebAssembly build's simplex takes seconds to tens of seconds a solve, IPM a fraction of that.
    model.options.set('solver', 'ipm');
    const cols = targets.map((t) => {
      const j = sys.index.get(t);
      if (j === undefined) throw new Error(`target ${t} is not a figure of the system`);
      return j;
    });
    const lo = cols.map(() => Infinity);
    const hi = cols.map(() => -Infinity);
    const see = (x: (j: number) => number | undefined) =>
      cols.forEach((j, k) => {
        const v = x(j);
        if (v === undefined) return;
        lo[k] = Math.min(lo[k], v);
        hi[k] = Math.max(hi[k], v);
      });
    for (const p of opts.known ?? []) see((j) => p.get(sys.ids[j]));
    let solves = 0;
    const solve = (cost: Map<number, number>, sense: 'minimize' | 'maximize'): Float64Array | null => {
      const at = [...cost.keys()].sort((a, b) => a - b);
      model.changeColsCost(
        { kind: 'set', indices: at },
        at.map((j) => cost.get(j)!),
      );
      model.changeObjectiveSense(highs.constants.objectiveSense[sense]);
      const t0 = Date.now();
      model.run();
      solves++;
      if (opts.progress) appendFileSync(opts.progress, `solve ${solves} ${sense} ${Date.now() - t0} ms\n`);
      const x = model.getModelStatus() === highs.constants.modelStatus.optimal ? model.getSolution().colValue : null;
      model.changeColsCost(
        { kind: 'set', indices: at },
        at.map(() => 0),
      );
      return x;
    };
    for (let k = 0; k < cols.length; k++) {
      if (hi[k] - lo[k] >= opts.enough) continue;
      for (const sense of ['minimize', 'maximize'] as const) {
        if (hi[k] - lo[k] >= opts.enough) break;
        const x = solve(new Map([[cols[k], 1]]), sense);
        // Infeasible: the published figures contradict the attacker's model of them.
        if (!x) return { ranges: [], solves, feasible: false };
        see((j) => x[j]);
      }
    }
    return { ranges: targets.map((id, k) => ({ id, min: lo[k], max: hi[k] })), solves, feasible: true };
  } finally {
    model.dispose();
  }
}

/**
 * Treating the figures as noisy measurements: the counts closest to the published ones (least
 * squares) that satisfy every line and every range, by projecting onto one line at a time and
 * clipping to the ranges, sweep after sweep (Kaczmarz). `start` is the published figure (0 where
 * not listed). Returns the estimate of every unknown.
 */
export function leastSquares(sys: LinearSystem, start: (id: string) => number, sweeps = 200): Map<string, number> {
  const x = Float64Array.from(sys.ids, start);
  for (let s = 0; s < sweeps; s++) {
    for (const [t, ...parts] of sys.lines) {
      // total − Σ parts = 0; the row has 1 + parts.length entries of ±1.
      const r = x[t] - parts.reduce((a, j) => a + x[j], 0);
      const step = r / (1 + parts.length);
      x[t] -= step;
      for (const j of parts) x[j] += step;
    }
    for (let j = 0; j < x.length; j++) x[j] = Math.min(sys.upper[j], Math.max(sys.lower[j], x[j]));
  }
  return new Map(sys.ids.map((id, j) => [id, x[j]]));
}
