import { defineAgencySubgraph } from '@hub/agency-kit/agency-subgraph';
import { planEnums } from '@hub/schema';
import { migrations } from './migrations';
import { loaders } from './repository';
import { resolvers } from './resolvers';
import { COMMISSIONING_EXTRACT } from './commissioning-extract';
import { ctfIngestResolvers } from './ingest/ctf/resolvers';
import { educationIngestSdl } from './ingest/sdl';

export const education = defineAgencySubgraph({
  name: 'education',
  agency: 'EDUCATION',
  dir: __dirname,
  sdlFiles: [
    'schema.graphql',
    'assessments/assessments.graphql',
    'plans/plans.graphql',
    'reviews/reviews.graphql',
    'sen-support/sen-support.graphql',
    'sen2/sen2.graphql',
    'ingest/sen2/schema.graphql',
    'attendance/attendance.graphql',
    'ingest/ctf/schema.graphql',
  ],
  sdl: [planEnums(), educationIngestSdl],
  enums: [
    'PlanSection',
    'Agency',
    'SenType',
    'SenStatus',
    'PlacementType',
    'AdviceType',
    'AdviceStatus',
    'AssessmentStatus',
    'AssessmentDecision',
    'ExceptionKind',
    'Timeliness',
    'ClockStep',
    'Term',
    'ExclusionKind',
    'ExclusionWithdrawal',
  ],
  recordField: 'education',
  extract: COMMISSIONING_EXTRACT,
  resolvers: [resolvers, ctfIngestResolvers],
  migrations,
  loaders,
});
export const sdl = education.sdl;
export { migrations };
