// Children counted by any combination of dimensions, with every subtotal.
import { TOTAL, type CommissioningDimension } from '@hub/schema';
import { DISCLOSURE_COLUMN, figure, toCsv } from '../csv';
import { DISCLOSURE_CONTROL, PERTURBED_CSV } from '../disclosure/cell-key';
import { checkSparsity } from '../disclosure/sparsity';
import { canonical, crossTab, fieldsFor } from '../dimensions';
import type { Population } from '../population';
import { cellAt, slice, type CommissioningQuery, type Measure, type PublishedCell } from '../query';

export interface CountCell {
  values: string[];
  count: number | null;
  suppressed: boolean;
  perturbed: boolean;
  percent?: number | null;
}

export interface CountTable {
  asAt: string;
  dimensions: CommissioningDimension[];
  filter: { dimension: CommissioningDimension; value: string }[];
  cells: CountCell[];
  total: CountCell;
  csv: string;
  disclosureControl: typeof DISCLOSURE_CONTROL;
}

/** The query's dimensions and its filters' dimensions: the table a filtered query is a slice of. */
export const allDimensions = (q: CommissioningQuery, output: CommissioningDimension[]) =>
  canonical([...output, ...(Object.keys(q.fixed) as CommissioningDimension[])]);

export function countTable(
  population: Population,
  q: CommissioningQuery,
  output: CommissioningDimension[],
): { cells: PublishedCell[]; table: Omit<CountTable, 'csv'> } {
  const lattice = crossTab(population, allDimensions(q, output));
  checkSparsity(lattice, output, q.fixed as Record<string, string>);
  const cells = slice(lattice, output, q.fixed as Record<string, string>);
  const strip = ({ values, count, suppressed, perturbed }: PublishedCell): CountCell => ({ values, count, suppressed, perturbed });
  return {
    cells,
    table: {
      asAt: q.asAt,
      dimensions: output,
      filter: Object.entries(q.fixed).map(([dimension, value]) => ({ dimension: dimension as CommissioningDimension, value: value! })),
      cells: cells.map(strip),
      // A dimension that is also filtered is never summed: the total is at the filter's value.
      total: strip(
        cellAt(
          cells,
          output.map((d) => q.fixed[d] ?? TOTAL),
        ),
      ),
      disclosureControl: DISCLOSURE_CONTROL,
    },
  };
}

export const childCounts: Measure<CountTable> = {
  name: 'childCounts',
  fields: (q) => fieldsFor(allDimensions(q, q.dimensions)),
  run(population, q) {
    const { table } = countTable(population, q, q.dimensions);
    return {
      ...table,
      csv: toCsv(
        [...table.dimensions, 'children', DISCLOSURE_COLUMN],
        table.cells.map((c) => [...c.values, figure(c.count, c.suppressed), disclosureFlag(c)]),
      ),
    };
  },
};

/** The CSV's disclosure column for a row whose figure is `c`. */
export const disclosureFlag = (c: { perturbed: boolean }) => (c.perturbed ? PERTURBED_CSV : '');
