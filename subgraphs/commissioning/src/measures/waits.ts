// Waits: days from referral to first treatment, for pathways completed (first treatment) in the
// year to the "as at" date, by health service and any dimensions. The number of pathways is
// suppressed like any count; the median and 90th percentile are given only for published groups
// of at least MIN_GROUP_FOR_STATISTICS pathways.
import { addDays, COMMISSIONING_DIMENSIONS, MIN_GROUP_FOR_STATISTICS, TOTAL, WAITS_PERIOD_DAYS, type CommissioningDimension, type HealthService } from '@hub/schema';
import { figure, toCsv } from '../csv';
import { canonical, DIMENSION_VALUE } from '../dimensions';
import { Lattice, medianAndP90 } from '../lattice';
import { slice, type Measure } from '../query';

export interface WaitRow {
  service: HealthService;
  values: string[];
  pathways: number | null;
  suppressed: boolean;
  medianDays: number | null;
  p90Days: number | null;
}

export interface WaitTable {
  asAt: string;
  periodStart: string;
  dimensions: CommissioningDimension[];
  filter: { dimension: CommissioningDimension; value: string }[];
  rows: WaitRow[];
  csv: string;
}

const SERVICE = 'HEALTH_SERVICE';

export const waits: Measure<WaitTable> = {
  name: 'waits',
  run(population, q) {
    const dims = canonical([SERVICE, ...q.dimensions, ...(Object.keys(q.fixed) as CommissioningDimension[])], [SERVICE, ...COMMISSIONING_DIMENSIONS]);
    const read = dims.slice(1).map((d) => DIMENSION_VALUE[d as CommissioningDimension]);
    const lattice = new Lattice(dims);
    for (const c of population.children) {
      if (!c.completedWaits.length) continue;
      const values = read.map((f) => f(c));
      for (const [service, days] of c.completedWaits) lattice.add([service, ...values], days);
    }
    lattice.build();
    const rows: WaitRow[] = slice(lattice, [SERVICE, ...q.dimensions], q.fixed as Record<string, string>)
      .filter((c) => c.values[0] !== TOTAL)
      .map((c) => {
        const stats = !c.suppressed && c.count !== null && c.count >= MIN_GROUP_FOR_STATISTICS ? medianAndP90(c.samples!) : null;
        return { service: c.values[0] as HealthService, values: c.values.slice(1), pathways: c.count, suppressed: c.suppressed, medianDays: stats?.median ?? null, p90Days: stats?.p90 ?? null };
      });
    return {
      asAt: q.asAt,
      periodStart: addDays(q.asAt, 1 - WAITS_PERIOD_DAYS),
      dimensions: q.dimensions,
      filter: Object.entries(q.fixed).map(([dimension, value]) => ({ dimension: dimension as CommissioningDimension, value: value! })),
      rows,
      csv: toCsv(['health_service', ...q.dimensions, 'completed_pathways', 'median_days', 'p90_days'], rows.map((r) => [r.service, ...r.values, figure(r.pathways, r.suppressed), r.medianDays ?? '', r.p90Days ?? ''])),
    };
  },
};
