// The commissioner's dashboard: every commissioning measure the API has, filtered, each as a chart
// with its table and CSV. Aggregates only; the API rounds figures (and refuses tables too sparse for
// the population asked about) before they arrive.
import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { CAPACITY, COUNTS, MIX, TIMELINESS, WAITS } from './queries';
import { Filters, type DashboardFilter } from './Filters';
import { Measure, Refused, figure, refusalOf } from './Measure';
import { bars } from './charts';
import { badInput, errorsOf, unavailableServices } from '../api/errors';
import { words } from '../govuk/Tag';
import { longDate } from '../assessment/clock';
import { usePageTitle } from '../app/usePageTitle';
import { Loading } from '../govuk/Loading';

const TOTAL = 'TOTAL';
const pct = (n: number | null | undefined) => (n == null ? 'c' : `${Math.round(n * 10) / 10}%`);

export function Dashboard() {
  const [filter, setFilter] = useState<DashboardFilter>({});
  const [dims, setDims] = useState<string[]>(['PRIMARY_SEN_TYPE']);
  const counts = useQuery(COUNTS, { variables: { dimensions: dims, filter } });
  const mix = useQuery(MIX, { variables: { filter } });
  const waitsQ = useQuery(WAITS, { variables: { filter } });
  const tlQ = useQuery(TIMELINESS, { variables: { filter } });
  const capQ = useQuery(CAPACITY, { variables: { filter } });
  const others = [mix, waitsQ, tlQ, capQ];
  const all = [counts, ...others];
  const errors = all.flatMap((q) => errorsOf(q.error));
  const loading = all.some((q) => q.loading);
  // The count table's dimensions are the caller's choice: its refusal or bad input belongs to the form.
  const bad = badInput(errorsOf(counts.error)) ?? badInput(errors.filter((e) => !refusalOf([e])));
  usePageTitle('Joint commissioning', !!bad);
  const apiErrors = bad
    ? [
        {
          field: bad.argument.includes('la') ? 'filter-la' : 'dimensions',
          message: bad.message.replace(/^dimensions (with this filter )?make a table/, 'The chosen dimensions $1make a table'),
        },
      ]
    : [];
  const data = {
    childCounts: counts.data?.childCounts,
    placementMix: mix.data?.placementMix,
    waits: waitsQ.data?.waits,
    timeliness: tlQ.data?.timeliness,
    capacityDemand: capQ.data?.capacityDemand,
  };
  const refused = (q: (typeof all)[number]) => refusalOf(errorsOf(q.error));
  const cc = data?.childCounts;
  const first = cc?.dimensions?.[0];
  const ccBars = (cc?.cells ?? [])
    .filter((c: any) => c.values.slice(1).every((v: string) => v === TOTAL) && c.values[0] !== TOTAL && !c.suppressed)
    .map((c: any) => ({ label: words(c.values[0]), value: c.count, text: c.count.toLocaleString('en-GB') }));
  const pm = data?.placementMix;
  const pmCells = (pm?.cells ?? []).filter((c: any) => c.values[0] !== TOTAL);
  const waits = data?.waits;
  const tl = data?.timeliness;
  const cap = data?.capacityDemand;
  return (
    <>
      <h1 className="govuk-heading-l">Joint commissioning</h1>
      <p className="govuk-body">
        Children and young people with SEND across education, health and social care, counted together. Aggregates only: no child can be
        identified.{cc && <> Figures as at {longDate(cc.asAt)}.</>}
      </p>
      <Filters
        initial={filter}
        dimensions={dims}
        apiErrors={apiErrors}
        onApply={(f, d) => {
          setFilter(f);
          setDims(d);
        }}
      />
      {loading && <Loading text="Loading figures…" />}
      {unavailableServices(errors).length > 0 && (
        <div className="govuk-inset-text">Some figures are unavailable: {unavailableServices(errors).join(', ')} did not answer.</div>
      )}
      {refused(counts) && <Refused id="child-counts" title="Children by chosen dimensions" message={refused(counts)!} />}
      {cc && (
        <Measure
          id="child-counts"
          title="Children by chosen dimensions"
          description={
            <>
              By {cc.dimensions.map(words).join(', ').toLowerCase()}, with every subtotal. Total:{' '}
              {figure(cc.total.count, cc.total.suppressed)}.
            </>
          }
          chart={bars(ccBars, `Children by ${words(first).toLowerCase()}`)}
          chartLabel={`Bar chart of children by ${words(first)}: ${ccBars.map((b: any) => `${b.label} ${b.text}`).join(', ')}`}
          head={[...cc.dimensions.map(words), 'Children']}
          numeric={[cc.dimensions.length]}
          rows={cc.cells.map((c: any) => [...c.values.map(words), figure(c.count, c.suppressed)])}
          csv={cc.csv}
          disclosure={cc.disclosureControl}
          hasSuppressed={cc.cells.some((c: any) => c.suppressed)}
        />
      )}
      {refused(mix) && <Refused id="placement-mix" title="Placement mix" message={refused(mix)!} />}
      {pm && (
        <Measure
          id="placement-mix"
          title="Placement mix"
          description="Children by type of placement, with each type's share."
          chart={bars(
            pmCells
              .filter((c: any) => !c.suppressed)
              .map((c: any) => ({ label: words(c.values[0]), value: c.count, text: `${c.count} (${pct(c.percent)})` })),
            'Children',
          )}
          chartLabel={`Bar chart of placement mix: ${pmCells.map((c: any) => `${words(c.values[0])} ${c.suppressed ? 'suppressed' : c.count}`).join(', ')}`}
          head={['Placement type', 'Children', 'Share']}
          numeric={[1, 2]}
          rows={pmCells.map((c: any) => [
            words(c.values[0]),
            figure(c.count, c.suppressed),
            c.suppressed ? figure(null, true) : pct(c.percent),
          ])}
          csv={pm.csv}
          disclosure={pm.disclosureControl}
          hasSuppressed={pmCells.some((c: any) => c.suppressed)}
        />
      )}
      {refused(waitsQ) && <Refused id="waits" title="Waits for health services" message={refused(waitsQ)!} />}
      {waits && (
        <Measure
          id="waits"
          title="Waits for health services"
          description={
            <>
              Days from referral to first treatment, pathways completed from {longDate(waits.periodStart)} to {longDate(waits.asAt)}. Median
              and 90th percentile are shown for groups of 10 or more.
            </>
          }
          chart={bars(
            waits.rows
              .filter((r: any) => r.medianDays != null)
              .map((r: any) => ({ label: words(r.service), value: r.medianDays, text: `median ${r.medianDays} d` })),
            'Median days to first treatment',
          )}
          chartLabel={`Bar chart of median waits: ${waits.rows.map((r: any) => `${words(r.service)} ${r.medianDays ?? 'not published'}`).join(', ')}`}
          head={['Service', 'Pathways', 'Median days', '90th percentile days']}
          numeric={[1, 2, 3]}
          rows={waits.rows.map((r: any) => [
            words(r.service),
            figure(r.pathways, r.suppressed),
            r.medianDays ?? (r.suppressed ? figure(null, true) : 'fewer than 10'),
            r.p90Days ?? (r.suppressed ? figure(null, true) : 'fewer than 10'),
          ])}
          csv={waits.csv}
          disclosure={waits.disclosureControl}
          hasSuppressed={waits.rows.some((r: any) => r.suppressed)}
        />
      )}
      {refused(tlQ) && <Refused id="timeliness" title="EHC timeliness" message={refused(tlQ)!} />}
      {tl && (
        <Measure
          id="timeliness"
          title="EHC timeliness"
          description={
            <>
              Final plans within 20 weeks and health advice within 6 weeks, {longDate(tl.periodStart)} to {longDate(tl.asAt)}.
            </>
          }
          chart={bars(
            tl.rows
              .filter((r: any) => r.percentInTime != null)
              .map((r: any) => ({ label: words(r.step), value: r.percentInTime, text: pct(r.percentInTime) })),
            '% in time',
          )}
          chartLabel={`Bar chart of the share in time: ${tl.rows.map((r: any) => `${words(r.step)} ${pct(r.percentInTime)}`).join(', ')}`}
          head={['Step', 'Counted', 'In time', 'In time excluding exceptions', ...['IN_TIME', 'LATE', 'OVERDUE'].map(words)]}
          numeric={[1, 2, 3, 4, 5, 6]}
          rows={tl.rows.map((r: any) => {
            const o = (k: string) => {
              const x = r.outcomes.find((y: any) => y.outcome === k);
              return x ? figure(x.count, x.suppressed) : 0;
            };
            return [
              words(r.step),
              figure(r.total, r.totalSuppressed),
              pct(r.percentInTime),
              pct(r.percentInTimeExcludingExceptions),
              o('IN_TIME'),
              o('LATE'),
              o('OVERDUE'),
            ];
          })}
          csv={tl.csv}
          disclosure={tl.disclosureControl}
          hasSuppressed={tl.rows.some((r: any) => r.totalSuppressed || r.outcomes.some((x: any) => x.suppressed))}
        />
      )}
      {refused(capQ) && <Refused id="capacity" title="Capacity and demand" message={refused(capQ)!} />}
      {cap && (
        <Measure
          id="capacity"
          title="Capacity and demand"
          description="Places each commissioned service provides against the children using it."
          chart={bars(
            cap.services
              .filter((s: any) => !s.suppressed && s.demand != null)
              .map((s: any) => ({ label: s.name, value: s.demand, text: `${s.demand} of ${s.capacity}` })),
            'Children using the service',
          )}
          chartLabel={`Bar chart of demand against capacity: ${cap.services.map((s: any) => `${s.name} ${s.suppressed ? 'suppressed' : s.demand} of ${s.capacity}`).join(', ')}`}
          head={['Service', 'Organisation', 'Capacity', 'Children', 'Per place']}
          numeric={[2, 3, 4]}
          rows={cap.services.map((s: any) => [
            s.name,
            s.organisation,
            s.capacity,
            figure(s.demand, s.suppressed),
            s.demandPerPlace == null ? (s.suppressed ? figure(null, true) : '') : s.demandPerPlace.toFixed(2),
          ])}
          csv={cap.csv}
          disclosure={cap.disclosureControl}
          hasSuppressed={cap.services.some((s: any) => s.suppressed)}
        />
      )}
    </>
  );
}
