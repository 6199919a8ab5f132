import { gql } from '../api/gql';

// One operation per measure: a table the API refuses (too sparse for the population asked about)
// must not take the other measures with it (each root field is non-null, so one error nulls the
// whole answer of a shared operation).
const NOTE = 'disclosureControl { method note url }';

export const COUNTS = gql`
  query DashboardCounts($dimensions: [CommissioningDimension!]!, $filter: CommissioningFilter) {
    childCounts(dimensions: $dimensions, filter: $filter) { asAt dimensions cells { values count suppressed } total { count suppressed } csv ${NOTE} }
  }
`;
export const MIX = gql`
  query DashboardPlacementMix($filter: CommissioningFilter) {
    placementMix(dimensions: [], filter: $filter) { asAt cells { values count suppressed percent } csv ${NOTE} }
  }
`;
export const WAITS = gql`
  query DashboardWaits($filter: CommissioningFilter) {
    waits(dimensions: [], filter: $filter) { asAt periodStart rows { service values pathways suppressed medianDays p90Days } csv ${NOTE} }
  }
`;
export const TIMELINESS = gql`
  query DashboardTimeliness($filter: CommissioningFilter) {
    timeliness(dimensions: [], filter: $filter) { asAt periodStart rows { step values total totalSuppressed percentInTime percentInTimeExcludingExceptions outcomes { outcome count suppressed } } csv ${NOTE} }
  }
`;
export const CAPACITY = gql`
  query DashboardCapacity($filter: CommissioningFilter) {
    capacityDemand(filter: $filter) { asAt services { serviceId name organisation capacity demand suppressed demandPerPlace } csv ${NOTE} }
  }
`;
