// A commissioning query's arguments, checked, and the shape every measure module has.
import { badInput } from '@hub/guard/errors';
import {
  asAtProblem,
  COMMISSIONING_DIMENSIONS,
  isCode,
  latestQuarterEnd,
  MAX_DIMENSIONS,
  TOTAL,
  UNKNOWN,
  type CommissioningDimension,
} from '@hub/schema';
import { canonical } from './dimensions';
import type { Lattice } from './lattice';
import type { FieldRequest, Population } from './population';

export interface FilterInput {
  asAt?: string | null;
  ageBand?: string | null;
  la?: string | null;
  locality?: string | null;
  senStatus?: string | null;
}

export interface CommissioningQuery {
  asAt: string;
  /** As asked, in the caller's order. */
  dimensions: CommissioningDimension[];
  /** Filters are fixed values of dimensions: a filtered table is a slice of the bigger table. */
  fixed: Partial<Record<CommissioningDimension, string>>;
}

/** One measure: a small module that turns the joined population into a published result. */
export interface Measure<R> {
  name: string;
  /** Needs the commissioned services catalogue. */
  catalogue?: boolean;
  /** The extract fields the query needs from each agency (only these are asked for). */
  fields(query: CommissioningQuery): FieldRequest;
  run(population: Population, query: CommissioningQuery): R;
}

const FILTER_DIMENSION: Record<Exclude<keyof FilterInput, 'asAt'>, CommissioningDimension> = {
  ageBand: 'AGE_BAND',
  la: 'LA',
  locality: 'LOCALITY',
  senStatus: 'SEN_STATUS',
};

export function parseQuery(
  dimensions: readonly string[] | null | undefined,
  filter: FilterInput | null | undefined,
  today = new Date().toISOString().slice(0, 10),
): CommissioningQuery {
  const dims = [...(dimensions ?? [])];
  for (const d of dims) if (!isCode(COMMISSIONING_DIMENSIONS, d)) throw badInput('dimensions', `has an unknown dimension`);
  if (new Set(dims).size !== dims.length) throw badInput('dimensions', 'names a dimension twice');
  const f = filter ?? {};
  const asAt = f.asAt ?? latestQuarterEnd(today);
  const problem = asAtProblem(asAt, today);
  if (problem) throw badInput('filter.asAt', problem);
  if (f.la != null && !/^[0-9]{3}$/.test(f.la)) throw badInput('filter.la', 'must be a 3-digit local authority code');
  if (f.locality != null && !/^[A-Z]{1,2}[0-9][0-9A-Z]?$/.test(f.locality))
    throw badInput('filter.locality', 'must be a postcode district such as CB4');
  const fixed: CommissioningQuery['fixed'] = {};
  for (const [name, dim] of Object.entries(FILTER_DIMENSION) as [keyof typeof FILTER_DIMENSION, CommissioningDimension][]) {
    const v = f[name];
    if (v != null) fixed[dim] = v;
  }
  if (canonical([...dims, ...(Object.keys(fixed) as CommissioningDimension[])]).length > MAX_DIMENSIONS) {
    throw badInput('dimensions', `with the filters may name at most ${MAX_DIMENSIONS} dimensions`);
  }
  return { asAt, dimensions: dims as CommissioningDimension[], fixed };
}

export interface PublishedCell {
  /** Values of the output dimensions, in output order; TOTAL where summed. */
  values: string[];
  count: number | null;
  suppressed: boolean;
  /** The figure is perturbed by the disclosure control (every published count is). */
  perturbed: boolean;
  samples?: number[];
}

/**
 * The published part of a lattice: cells whose fixed dimensions hold the filter's values, projected
 * onto `output` (the other lattice dimensions must all be fixed). Sorted, TOTAL and UNKNOWN last.
 * A cell published as 0 is not listed, like a combination with no children: the reader cannot tell
 * them apart.
 */
export function slice(lattice: Lattice, output: readonly string[], fixed: Record<string, string>): PublishedCell[] {
  const pos = output.map((d) => lattice.dims.indexOf(d));
  const fixedPos = Object.entries(fixed).map(([d, v]) => [lattice.dims.indexOf(d), v] as const);
  const out: PublishedCell[] = [];
  for (const c of lattice.cells.values()) {
    if (!fixedPos.every(([i, v]) => c.values[i] === v)) continue;
    if (lattice.dims.some((d, i) => !output.includes(d) && !(d in fixed) && c.values[i] !== TOTAL)) continue;
    if (!c.suppressed && c.published === 0) continue;
    out.push({
      values: pos.map((i) => c.values[i]),
      count: c.suppressed ? null : c.published,
      suppressed: c.suppressed,
      perturbed: c.perturbed,
      samples: c.samples,
    });
  }
  return out.sort((a, b) => compareValues(a.values, b.values));
}

const rank = (v: string) => (v === TOTAL ? 2 : v === UNKNOWN ? 1 : 0);
export function compareValues(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    const r = rank(a[i]) - rank(b[i]);
    if (r) return r;
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

/** The published cell for `values` (in output order), or a zero when it is not listed (published as 0). */
export function cellAt(cells: PublishedCell[], values: string[]): PublishedCell {
  return cells.find((c) => c.values.every((v, i) => v === values[i])) ?? { values, count: 0, suppressed: false, perturbed: true };
}
