import { gql } from '../api/gql';

export const DASHBOARD = gql`
  query Dashboard($dimensions: [CommissioningDimension!]!, $filter: CommissioningFilter) {
    childCounts(dimensions: $dimensions, filter: $filter) { asAt dimensions cells { values count suppressed } total { count suppressed } csv disclosureControl { method note url } }
    placementMix(dimensions: [], filter: $filter) { asAt cells { values count suppressed percent } csv disclosureControl { method note url } }
    waits(dimensions: [], filter: $filter) { asAt periodStart rows { service values pathways suppressed medianDays p90Days } csv disclosureControl { method note url } }
    timeliness(dimensions: [], filter: $filter) { asAt periodStart rows { step values total totalSuppressed percentInTime percentInTimeExcludingExceptions outcomes { outcome count suppressed } } csv disclosureControl { method note url } }
    capacityDemand(filter: $filter) { asAt services { serviceId name organisation capacity demand suppressed demandPerPlace } csv disclosureControl { method note url } }
  }
`;
