import { defineAgencySubgraph } from '@hub/agency-kit/agency-subgraph';
import { HEALTH_ADVICE } from '@hub/advice/config';
import { migrations } from './migrations';
import { loaders } from './repository';
import { resolvers } from './resolvers';
import { planSectionResolvers, planSectionsSdl } from './plan-sections';
import { COMMISSIONING_EXTRACT } from './commissioning-extract';
import { fhirIngestResolvers } from './ingest/fhir/resolvers';
import { fhirIngestSdl } from './ingest/fhir/sdl';

export const health = defineAgencySubgraph({
  name: 'health',
  agency: 'HEALTH',
  dir: __dirname,
  sdlFiles: ['schema.graphql', 'ingest/fhir/schema.graphql'],
  sdl: [planSectionsSdl, fhirIngestSdl],
  enums: ['Agency', 'HealthService', 'AdviceType', 'AdviceStatus', 'Timeliness'],
  recordField: 'health',
  advice: HEALTH_ADVICE,
  extract: COMMISSIONING_EXTRACT,
  resolvers: [resolvers, planSectionResolvers, fhirIngestResolvers],
  migrations,
  loaders,
});
export const sdl = health.sdl;
export { migrations };
