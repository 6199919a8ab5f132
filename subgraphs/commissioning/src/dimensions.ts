// How each dimension a commissioner may group by is read off a child's joined facts.
import { COMMISSIONING_DIMENSIONS, HEALTH_SERVICES, WAIT_STATES, type CommissioningDimension } from '@hub/schema';
import { agenciesOf, type ChildFacts } from './population';

export const DIMENSION_VALUE: Record<CommissioningDimension, (c: ChildFacts) => string> = {
  AGE_BAND: (c) => c.ageBand,
  LA: (c) => c.la,
  LOCALITY: (c) => c.locality,
  AGENCIES: agenciesOf,
  SEN_STATUS: (c) => c.senStatus,
  PRIMARY_SEN_TYPE: (c) => c.primarySenType,
  PLACEMENT_TYPE: (c) => c.placementType,
  SOCIAL_CARE_STATUS: (c) => c.socialCareStatus,
  ...(Object.fromEntries(HEALTH_SERVICES.map((s, i) => [`WAIT_${s}`, (c: ChildFacts) => WAIT_STATES[Number(c.waitStates[i])]])) as Record<`WAIT_${(typeof HEALTH_SERVICES)[number]}`, (c: ChildFacts) => string>),
};

/** A stable order for any set of dimensions: suppression depends on the set, never on how it was asked. */
export function canonical<D extends string>(dims: Iterable<D>, order: readonly string[] = COMMISSIONING_DIMENSIONS): D[] {
  return [...new Set(dims)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}
