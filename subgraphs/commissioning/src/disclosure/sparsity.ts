// Table-level sparsity check, the second half of the method (ONS Census 2021 did the same: cell key
// perturbation on every table, plus disclosure checks that block a table too sparse for the
// population it is asked for). Perturbation protects each figure; in a sparse table many lines have
// small totals, and a linear attacker combining lines can narrow a small count below the guarantee
// (docs/commissioning.md, "Sparse tables"). So a table is refused when it has, on average, fewer
// than MIN_CHILDREN_PER_CELL children per combination of its dimensions.
//
// The check reads only figures the table would publish (its rounded total, and which values its
// rounded one-way margins list), never a true count: a refusal tells the caller no more than that
// inequality between rounded figures, so refusing cannot itself leak a small count.
import { badInput } from '@hub/common';
import { MIN_CHILDREN_PER_CELL, TOTAL } from '@hub/schema';
import type { Lattice } from '../lattice';

export interface Sparsity {
  /** The table's rounded total (the filtered population, as published). */
  total: number;
  /** Combinations: per output dimension not fixed by the filter, the values its one-way margin lists, multiplied. */
  cells: number;
  /** total ÷ cells. */
  perCell: number;
}

/** The sparsity of the slice of `lattice` a query publishes (`output` dimensions, `fixed` filter values). */
export function sparsity(lattice: Lattice, output: readonly string[], fixed: Readonly<Record<string, string>>): Sparsity {
  const base = lattice.dims.map((d) => fixed[d] ?? TOTAL);
  const free = output.map((d) => lattice.dims.indexOf(d)).filter((i) => !(lattice.dims[i] in fixed));
  const listed = new Map(free.map((i) => [i, 0]));
  let total = 0;
  for (const c of lattice.cells.values()) {
    if (c.published <= 0) continue;
    // Cells that differ from the slice's grand total in at most one free dimension: the total and the one-way margins.
    let off = -1;
    let margin = true;
    for (let i = 0; i < base.length && margin; i++) {
      if (c.values[i] === base[i]) continue;
      if (off === -1 && listed.has(i) && base[i] === TOTAL) off = i;
      else margin = false;
    }
    if (!margin) continue;
    if (off === -1) total = c.published;
    else listed.set(off, listed.get(off)! + 1);
  }
  const cells = [...listed.values()].reduce((a, k) => a * Math.max(1, k), 1);
  return { total, cells, perCell: total / cells };
}

/** Refuses (BAD_USER_INPUT on `dimensions`, reason TABLE_TOO_SPARSE) a table sparser than the rule allows, saying why and what to do. */
export function checkSparsity(lattice: Lattice, output: readonly string[], fixed: Readonly<Record<string, string>>): Sparsity {
  const s = sparsity(lattice, output, fixed);
  if (s.perCell >= MIN_CHILDREN_PER_CELL) return s;
  throw badInput(
    'dimensions',
    `${Object.keys(fixed).length ? 'with this filter make' : 'make'} a table too sparse to publish safely: about ${s.total} children over ${s.cells} combinations, ` +
      `fewer than ${MIN_CHILDREN_PER_CELL} a combination on average. Drop a dimension, or widen or remove the filter.`,
    { reason: 'TABLE_TOO_SPARSE', total: s.total, cells: s.cells, minimumPerCell: MIN_CHILDREN_PER_CELL },
  );

}
