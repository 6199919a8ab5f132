import { gql } from '../api/gql';

export const DASHBOARD = gql`
  query Dashboard($dimensions: [CommissioningDimension!]!, $filter: CommissioningFilter) {
    childCounts(dimensions: $dimensions, filter: $filter) { asAt dimensions cells { values count suppressed } total { count suppressed } csv }
    placementMix(dimensions: [], filter: $filter) { asAt cells { values count suppressed percent } csv }
    waits(dimensions: [], filter: $filter) { asAt periodStart rows { service values pathways suppressed medianDays p90Days } csv }
    timeliness(dimensions: [], filter: $filter) { asAt periodStart rows { step values total totalSuppressed percentInTime percentInTimeExcludingExceptions outcomes { outcome count suppressed } } csv }
    capacityDemand(filter: $filter) { asAt services { serviceId name organisation capacity demand suppressed demandPerPlace } csv }
  }
`;
