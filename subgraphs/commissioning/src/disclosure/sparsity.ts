// Table-level sparsity check, the second half of the method (ONS Census 2021 did the same: cell key
// perturbation on every table, plus disclosure checks that block a table too sparse for the
// population it is asked for). Perturbation protects each figure; in a sparse table many lines have
// small totals, and a linear attacker combining lines can narrow a small count below the guarantee
// (docs/commissioning.md, "Sparse tables"). So a table is refused when it has, on average, fewer
// than MIN_CHILDREN_PER_CELL children per combination of its dimensions; and, like ONS's table
// builder, each area of it (AREA_DIMENSIONS) is judged on its own too, so that a small LA is not
// let through by a large one beside it.
//
// The check reads only figures the table would publish (its rounded total and margins, and which
// values they list), never a true count: a refusal tells the caller no more than an inequality
// between rounded figures, so refusing cannot itself leak a small count.
import { badInput } from '@hub/guard/errors';
import { AREA_DIMENSIONS, MIN_CHILDREN_PER_CELL, TOTAL } from '@hub/schema';
import type { Lattice } from '../lattice';

export interface Sparsity {
  /** The rounded total of what is judged (the filtered population, or one area of it), as published. */
  total: number;
  /** Combinations: per free output dimension (not fixed by the filter, nor the area), the values its rounded margin lists, multiplied. */
  cells: number;
  /** total ÷ cells. */
  perCell: number;
  /** Set where one area of the table is judged on its own. */
  area?: { dimension: string; value: string };
}

interface Tally {
  total: number;
  listed: Map<number, number>;
}

const judged = (t: Tally): Sparsity => {
  const cells = [...t.listed.values()].reduce((a, k) => a * Math.max(1, k), 1);
  return { total: t.total, cells, perCell: t.total / cells };
};

/**
 * The slice of `lattice` a query publishes (`output` dimensions, `fixed` filter values) as the rule
 * judges it: the whole table first, then each area of it when the table has another free dimension
 * (an area with no other dimension is a single figure, which rounding protects on its own).
 */
export function sparsity(lattice: Lattice, output: readonly string[], fixed: Readonly<Record<string, string>>): Sparsity[] {
  const base = lattice.dims.map((d) => fixed[d] ?? TOTAL);
  const free = output.map((d) => lattice.dims.indexOf(d)).filter((i) => !(lattice.dims[i] in fixed));
  const areas = free.length > 1 ? free.filter((i) => AREA_DIMENSIONS.includes(lattice.dims[i])) : [];
  const table: Tally = { total: 0, listed: new Map(free.map((i) => [i, 0])) };
  const byArea = new Map<string, Tally & { dim: number; value: string }>();
  const areaOf = (a: number, value: string) => {
    const key = `${a}\u001f${value}`;
    let t = byArea.get(key);
    if (!t) byArea.set(key, (t = { dim: a, value, total: 0, listed: new Map(free.filter((j) => j !== a).map((j) => [j, 0])) }));
    return t;
  };
  for (const c of lattice.cells.values()) {
    if (c.published <= 0) continue;
    // Only the slice's total, one-way margins, and (for areas) two-way margins with an area are read.
    const off: number[] = [];
    let inSlice = true;
    for (let i = 0; i < base.length && inSlice && off.length <= 2; i++) {
      if (c.values[i] === base[i]) continue;
      if (table.listed.has(i)) off.push(i);
      else inSlice = false; // a fixed dimension at another value, or one summed over that the table does not show
    }
    if (!inSlice || off.length > 2) continue;
    if (off.length === 0) table.total = c.published;
    else if (off.length === 1) {
      table.listed.set(off[0], table.listed.get(off[0])! + 1);
      if (areas.includes(off[0])) areaOf(off[0], c.values[off[0]]).total = c.published;
    } else {
      for (const [a, j] of [
        [off[0], off[1]],
        [off[1], off[0]],
      ]) {
        if (!areas.includes(a)) continue;
        const t = areaOf(a, c.values[a]);
        t.listed.set(j, t.listed.get(j)! + 1);
      }
    }
  }
  return [judged(table), ...[...byArea.values()].map((t) => ({ ...judged(t), area: { dimension: lattice.dims[t.dim], value: t.value } }))];
}

/** Refuses (BAD_USER_INPUT on `dimensions`, reason TABLE_TOO_SPARSE) a table sparser than the rule allows, saying why and what to do. */
export function checkSparsity(lattice: Lattice, output: readonly string[], fixed: Readonly<Record<string, string>>): Sparsity {
  const all = sparsity(lattice, output, fixed);
  const s = all.find((x) => x.perCell < MIN_CHILDREN_PER_CELL);
  if (!s) return all[0];
  const where = s.area ? `in ${s.area.dimension} ${s.area.value}, ` : '';
  const advice = s.area ? `Drop a dimension, or leave ${s.area.dimension} out.` : 'Drop a dimension, or widen or remove the filter.';
  throw badInput(
    'dimensions',
    `${Object.keys(fixed).length ? 'with this filter make' : 'make'} a table too sparse to publish safely: ${where}about ${s.total} children over ${s.cells} combinations, ` +
      `fewer than ${MIN_CHILDREN_PER_CELL} a combination on average. ${advice}`,
    {
      reason: 'TABLE_TOO_SPARSE',
      total: s.total,
      cells: s.cells,
      minimumPerCell: MIN_CHILDREN_PER_CELL,
      ...(s.area ? { area: s.area } : {}),
    },
  );
}
