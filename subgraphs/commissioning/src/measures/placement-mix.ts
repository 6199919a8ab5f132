// Placement mix: children by placement type within each group, with the share of the group. The
// counts are the same rounded cross-tab as childCounts with PLACEMENT_TYPE added; a share is
// computed from the rounded cell and the rounded group total (rounded on its own, so a share can
// come out above 100: capped), never from true counts, so it says nothing the counts do not.
import { TOTAL } from '@hub/schema';
import { DISCLOSURE_COLUMN, figure, toCsv } from '../csv';
import type { Measure } from '../query';
import { fieldsFor } from '../dimensions';
import { allDimensions, countTable, disclosureFlag, type CountTable } from './counts';

export const placementMix: Measure<CountTable> = {
  name: 'placementMix',
  fields: (q) => fieldsFor(allDimensions(q, [...q.dimensions, 'PLACEMENT_TYPE'])),
  run(population, q) {
    const output = q.dimensions.includes('PLACEMENT_TYPE') ? q.dimensions : [...q.dimensions, 'PLACEMENT_TYPE' as const];
    const { table } = countTable(population, q, output);
    const p = output.indexOf('PLACEMENT_TYPE');
    const groups = new Map(table.cells.filter((c) => c.values[p] === TOTAL).map((c) => [groupKey(c.values, p), c]));
    const cells = table.cells.map((c) => {
      const group = groups.get(groupKey(c.values, p));
      const percent =
        c.values[p] === TOTAL || c.count === null || !group || group.count === null || group.count === 0
          ? null
          : Math.min(100, Math.round((1000 * c.count) / group.count) / 10);
      return { ...c, percent };
    });
    return {
      ...table,
      cells,
      csv: toCsv(
        [...output, 'children', 'percent_of_group', DISCLOSURE_COLUMN],
        cells.map((c) => [...c.values, figure(c.count, c.suppressed), c.percent ?? '', disclosureFlag(c)]),
      ),
    };
  },
};

function groupKey(values: string[], p: number): string {
  return values.map((v, i) => (i === p ? '' : v)).join('\u001f');
}
