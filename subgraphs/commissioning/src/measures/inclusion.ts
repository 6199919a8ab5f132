// Inclusion: absence, persistent absence, suspensions and permanent exclusions of pupils in the
// academic year to the date (education's `inclusion` extract field), for children with SEN against
// all pupils the hub knows: SEN_STATUS is always one of the table's dimensions, so each group has a
// row per SEN status and the TOTAL row is all pupils. Counts go through the same cell key method
// as every measure (one cross-tab, each indicator a value of its lead dimension); the percentages
// are computed only from published (rounded) counts, capped at 100; the average absence is given
// only for groups of at least MIN_GROUP_FOR_STATISTICS pupils, counted and as published.
import {
  academicYearOf,
  COMMISSIONING_DIMENSIONS,
  INCLUSION_INDICATORS,
  MIN_GROUP_FOR_STATISTICS,
  type CommissioningDimension,
  type InclusionIndicator,
} from '@hub/schema';
import { DISCLOSURE_COLUMN, figure, toCsv } from '../csv';
import { DISCLOSURE_CONTROL } from '../disclosure/cell-key';
import { canonical, crossTab, fieldsFor } from '../dimensions';
import type { Population } from '../population';
import { slice, type CommissioningQuery, type Measure, type PublishedCell } from '../query';
import { disclosureFlag } from './counts';

export interface IndicatorCount {
  count: number | null;
  suppressed: boolean;
  /** Of the group's pupils, from the published figures; null for PUPILS and when either is not published. */
  percentOfPupils: number | null;
}

export interface InclusionRow {
  values: string[];
  pupils: IndicatorCount;
  persistentlyAbsent: IndicatorCount;
  suspended: IndicatorCount;
  permanentlyExcluded: IndicatorCount;
  /** Mean share of possible sessions missed, in percent, over the group's pupils with attendance recorded. */
  averageAbsencePercent: number | null;
  perturbed: boolean;
}

export interface InclusionTable {
  asAt: string;
  periodStart: string;
  dimensions: CommissioningDimension[];
  filter: { dimension: CommissioningDimension; value: string }[];
  rows: InclusionRow[];
  csv: string;
  disclosureControl: typeof DISCLOSURE_CONTROL;
}

const LEAD = 'INDICATOR';

interface ChildFacts {
  absence: number | null;
  persistent: boolean;
  suspensions: number;
  permanent: boolean;
}

/** Each distinct extract value read once (the column is dictionary-coded): `absence:persistent:suspensions:permanent`. */
function facts(population: Population): (ChildFacts | null)[] {
  const col = population.columns.education?.inclusion;
  if (!col) return [];
  return col.values.map((v) => {
    if (!v) return null;
    const [absence, persistent, suspensions, permanent] = v.split(':');
    return {
      absence: absence === '' ? null : Number(absence),
      persistent: persistent === '1',
      suspensions: Number(suspensions),
      permanent: permanent === '1',
    };
  });
}

const percent = (n: number | null, d: number | null) =>
  n === null || d === null || d <= 0 ? null : Math.min(100, Math.round((1000 * n) / d) / 10);

export const inclusion: Measure<InclusionTable> = {
  name: 'inclusion',
  fields: (q) => fieldsFor(outputAndFixed(q), { education: ['inclusion'] }),
  run(population, q) {
    const output = q.dimensions.includes('SEN_STATUS') ? q.dimensions : [...q.dimensions, 'SEN_STATUS' as const];
    const byValue = facts(population);
    const codes = population.columns.education?.inclusion?.codes;
    const lattice = crossTab(population, outputAndFixed(q), {
      name: LEAD,
      values: INCLUSION_INDICATORS,
      units(i, emit) {
        const f = codes ? byValue[codes[i]] : null;
        if (!f) return;
        emit(0, f.absence ?? undefined);
        if (f.persistent) emit(1);
        if (f.suspensions > 0) emit(2);
        if (f.permanent) emit(3);
      },
    });
    const groups = new Map<string, Map<string, PublishedCell>>();
    for (const cell of slice(lattice, [LEAD, ...output], q.fixed as Record<string, string>)) {
      const key = cell.values.slice(1).join('\u001f');
      let g = groups.get(key);
      if (!g) groups.set(key, (g = new Map()));
      g.set(cell.values[0], cell);
    }
    const rows: InclusionRow[] = [];
    for (const g of groups.values()) {
      const pupils = g.get('PUPILS');
      if (!pupils) continue;
      const count = (k: InclusionIndicator): IndicatorCount => {
        const c = g.get(k);
        const shown = c ? c.count : 0;
        return { count: shown, suppressed: c?.suppressed ?? false, percentOfPupils: k === 'PUPILS' ? null : percent(shown, pupils.count) };
      };
      const samples = pupils.samples ?? [];
      const big = pupils.count !== null && pupils.count >= MIN_GROUP_FOR_STATISTICS && samples.length >= MIN_GROUP_FOR_STATISTICS;
      rows.push({
        values: pupils.values.slice(1),
        pupils: count('PUPILS'),
        persistentlyAbsent: count('PERSISTENTLY_ABSENT'),
        suspended: count('SUSPENDED'),
        permanentlyExcluded: count('PERMANENTLY_EXCLUDED'),
        averageAbsencePercent: big ? Math.round((10 * samples.reduce((a, b) => a + b, 0)) / samples.length) / 10 : null,
        perturbed: pupils.perturbed,
      });
    }
    const indicators = ['persistentlyAbsent', 'suspended', 'permanentlyExcluded'] as const;
    return {
      asAt: q.asAt,
      periodStart: `${academicYearOf(q.asAt)}-08-01`,
      dimensions: output,
      filter: Object.entries(q.fixed).map(([dimension, value]) => ({ dimension: dimension as CommissioningDimension, value: value! })),
      rows,
      csv: toCsv(
        [
          ...output,
          'pupils',
          'average_absence_percent',
          ...indicators.flatMap((k) => [snake(k), `percent_${snake(k)}`]),
          DISCLOSURE_COLUMN,
        ],
        rows.map((r) => [
          ...r.values,
          figure(r.pupils.count, r.pupils.suppressed),
          r.averageAbsencePercent ?? '',
          ...indicators.flatMap((k) => [figure(r[k].count, r[k].suppressed), r[k].percentOfPupils ?? '']),
          disclosureFlag(r),
        ]),
      ),
      disclosureControl: DISCLOSURE_CONTROL,
    };
  },
};

/** The query's dimensions, SEN_STATUS, and its filters' dimensions: the table a filtered query is a slice of. */
function outputAndFixed(q: CommissioningQuery): CommissioningDimension[] {
  return canonical([...q.dimensions, 'SEN_STATUS', ...(Object.keys(q.fixed) as CommissioningDimension[])], COMMISSIONING_DIMENSIONS);
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
