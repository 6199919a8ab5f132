// Waits: days from referral to first treatment, for pathways completed (first treatment) in the
// year to the "as at" date, by health service and any dimensions. The number of pathways is
// rounded like any count; the median and 90th percentile are given only for groups of at least
// MIN_GROUP_FOR_STATISTICS pathways, counted and as published.
import {
  addDays,
  COMMISSIONING_DIMENSIONS,
  HEALTH_SERVICES,
  MIN_GROUP_FOR_STATISTICS,
  TOTAL,
  WAITS_PERIOD_DAYS,
  type CommissioningDimension,
  type HealthService,
} from '@hub/schema';
import { DISCLOSURE_COLUMN, figure, toCsv } from '../csv';
import { DISCLOSURE_CONTROL } from '../disclosure/cell-key';
import { disclosureFlag } from './counts';
import { canonical, crossTab, fieldsFor } from '../dimensions';
import { medianAndP90 } from '../lattice';
import { slice, type Measure } from '../query';

export interface WaitRow {
  service: HealthService;
  values: string[];
  pathways: number | null;
  suppressed: boolean;
  perturbed: boolean;
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
  disclosureControl: typeof DISCLOSURE_CONTROL;
}

const SERVICE = 'HEALTH_SERVICE';

export const waits: Measure<WaitTable> = {
  name: 'waits',
  fields: (q) => fieldsFor([...q.dimensions, ...(Object.keys(q.fixed) as CommissioningDimension[])], { health: ['completedWaits'] }),
  run(population, q) {
    const dims = canonical([...q.dimensions, ...(Object.keys(q.fixed) as CommissioningDimension[])], COMMISSIONING_DIMENSIONS);
    const serviceCode = new Map(HEALTH_SERVICES.map((s, i) => [s, i]));
    const lattice = crossTab(population, dims, {
      name: SERVICE,
      values: HEALTH_SERVICES,
      units(i, emit) {
        for (const [service, days] of population.completedWaits[i] ?? []) emit(serviceCode.get(service)!, days);
      },
    });
    const rows: WaitRow[] = slice(lattice, [SERVICE, ...q.dimensions], q.fixed as Record<string, string>)
      .filter((c) => c.values[0] !== TOTAL)
      .map((c) => {
        const big = c.count !== null && c.count >= MIN_GROUP_FOR_STATISTICS && c.samples!.length >= MIN_GROUP_FOR_STATISTICS;
        const stats = !c.suppressed && big ? medianAndP90(c.samples!) : null;
        return {
          service: c.values[0] as HealthService,
          values: c.values.slice(1),
          pathways: c.count,
          suppressed: c.suppressed,
          perturbed: c.perturbed,
          medianDays: stats?.median ?? null,
          p90Days: stats?.p90 ?? null,
        };
      });
    return {
      asAt: q.asAt,
      periodStart: addDays(q.asAt, 1 - WAITS_PERIOD_DAYS),
      dimensions: q.dimensions,
      filter: Object.entries(q.fixed).map(([dimension, value]) => ({ dimension: dimension as CommissioningDimension, value: value! })),
      rows,
      csv: toCsv(
        ['health_service', ...q.dimensions, 'completed_pathways', 'median_days', 'p90_days', DISCLOSURE_COLUMN],
        rows.map((r) => [r.service, ...r.values, figure(r.pathways, r.suppressed), r.medianDays ?? '', r.p90Days ?? '', disclosureFlag(r)]),
      ),
      disclosureControl: DISCLOSURE_CONTROL,
    };
  },
};
