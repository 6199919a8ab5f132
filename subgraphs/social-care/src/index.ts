import { defineAgencySubgraph } from '@hub/agency-kit/agency-subgraph';
import { SOCIAL_CARE_ADVICE } from '@hub/advice/config';
import { migrations } from './migrations';
import { loaders } from './repository';
import { resolvers } from './resolvers';
import { planSectionResolvers, planSectionsSdl } from './plan-sections';
import { COMMISSIONING_EXTRACT } from './commissioning-extract';
import { cinIngestResolvers } from './ingest/cin/resolvers';
import { ssda903IngestResolvers } from './ingest/ssda903/resolvers';
import { allocationsIngestResolvers } from './ingest/allocations/resolvers';
import { socialCareIngestSdl } from './ingest/sdl';

export const socialCare = defineAgencySubgraph({
  name: 'social-care',
  agency: 'SOCIAL_CARE',
  dir: __dirname,
  sdlFiles: ['schema.graphql', 'ingest/cin/schema.graphql', 'ingest/ssda903/schema.graphql', 'ingest/allocations/schema.graphql'],
  sdl: [planSectionsSdl, socialCareIngestSdl],
  enums: ['Agency', 'CinPrimaryNeed', 'CinDisability', 'CpCategory', 'AdviceType', 'AdviceStatus', 'Timeliness'],
  recordField: 'socialCare',
  advice: SOCIAL_CARE_ADVICE,
  extract: COMMISSIONING_EXTRACT,
  resolvers: [resolvers, planSectionResolvers, cinIngestResolvers, ssda903IngestResolvers, allocationsIngestResolvers],
  migrations,
  loaders,
});
export const sdl = socialCare.sdl;
export { migrations };
