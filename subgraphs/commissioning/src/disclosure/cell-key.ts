// The cell key method (ONS, Census 2021), with a perturbation table that rounds to base 5.
//
// Every child has a persistent record key (0..255, computed by the agencies from a keyed hash of
// the hub child id: packages/agency-kit/src/commissioning RECORD_KEY_SQL). A cell's key is the sum of its
// units' record keys mod 256, so it depends only on which children are in the cell: the same cell
// shows the same figure in every table, query and order, and repeating a query gains nothing.
//
// The perturbation table: a count n = 5q + r is published as 5q when the cell key is at least
// 256·r/5, else 5q + 5 (random rounding to base 5, unbiased over the keys). So no figure is ever
// 1–4, every figure is within 4 of the truth, and any published figure v is consistent with every
// true count from v − 4 to v + 4 (0 … 4 for 0): a small count looks like anything from 0 to 9.
// It applies to every cell, subtotals and the grand total included, each rounded on its own key,
// so tables do not add up exactly and the equations an attacker writes have no exact solution.
import { DISCLOSURE_CONTROL_URL, MIN_CHILDREN_PER_CELL, RECORD_KEY_RANGE, ROUNDING_BASE } from '@hub/schema';
import type { Lattice } from '../lattice';

/** Up-rounding thresholds by remainder: round up when the cell key is below ROUND_UP_BELOW[n mod 5]. */
const ROUND_UP_BELOW = Array.from({ length: ROUNDING_BASE }, (_, r) => Math.round((RECORD_KEY_RANGE * r) / ROUNDING_BASE));

/** The published figure for a true count with this cell key. */
export function perturb(count: number, cellKey: number): number {
  const r = count % ROUNDING_BASE;
  if (r === 0) return count;
  return count - r + (cellKey < ROUND_UP_BELOW[r] ? ROUNDING_BASE : 0);
}

/** Publishes every cell of the lattice through the cell key method. */
export function applyCellKey(lattice: Lattice): Lattice {
  for (const c of lattice.cells.values()) {
    c.published = perturb(c.count, c.cellKey);
    c.perturbed = true;
  }
  return lattice;
}

/** The note each published table carries (API `disclosureControl`, and the CSV's `disclosure` column). */
export const DISCLOSURE_CONTROL = {
  method: 'CELL_KEY_ROUNDING_BASE_5',
  note:
    `Counts are rounded to a multiple of ${ROUNDING_BASE}, up or down by a cell key (the ONS cell key method): ` +
    `each figure is within ${ROUNDING_BASE - 1} of the true count, never 1–${ROUNDING_BASE - 1}, and the same every time it is asked. ` +
    `Totals are rounded on their own, so cells need not add up to them; shares are computed from the rounded figures. ` +
    `Combinations not listed rounded to 0 (fewer than ${ROUNDING_BASE} counted). ` +
    `Tables of children by dimensions with fewer than ${MIN_CHILDREN_PER_CELL} children a combination, in the table or in any LA or locality in it, are not published.`,
  url: DISCLOSURE_CONTROL_URL,
  maxAbsoluteError: ROUNDING_BASE - 1,
} as const;

/** The CSV's per-row flag for a perturbed figure. */
export const PERTURBED_CSV = 'perturbed';
