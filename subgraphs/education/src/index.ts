import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { childAuditSdl, commissioningExtractSdl, openReferralSdl, withCommissioningExtract, type SubgraphDefinition } from '@hub/common';
import { AUDIT_SDL, CLASSIFICATION_SDL, commissionedServiceSdl, FEDERATION_LINK, planEnums, sharedEnums } from '@hub/schema';
import { migrations } from './migrations';
import { loaders, type Loaders } from './repository';
import { resolvers } from './resolvers';
import { COMMISSIONING_EXTRACT } from './commissioning-extract';

export const sdl = [
  FEDERATION_LINK,
  readFileSync(join(__dirname, 'schema.graphql'), 'utf8'),
  readFileSync(join(__dirname, 'assessments', 'assessments.graphql'), 'utf8'),
  ...['plans/plans.graphql', 'reviews/reviews.graphql', 'sen-support/sen-support.graphql', 'sen2/sen2.graphql', 'ingest/ctf/schema.graphql'].map((f) => readFileSync(join(__dirname, f), 'utf8')),
  planEnums(),
  sharedEnums('PlanSection'),
  sharedEnums('Agency', 'SenType', 'SenStatus', 'PlacementType', 'AdviceType', 'AdviceStatus', 'AssessmentStatus', 'AssessmentDecision', 'ExceptionKind', 'Timeliness', 'ClockStep'),
  commissionedServiceSdl('EDUCATION'),
  openReferralSdl('EDUCATION'),
  CLASSIFICATION_SDL,
  AUDIT_SDL,
  childAuditSdl('education'),
  commissioningExtractSdl('education'),
].join('\n\n');

export const education: SubgraphDefinition<Loaders> = {
  name: 'education',
  agency: 'EDUCATION',
  typeDefs: parse(sdl),
  resolvers: withCommissioningExtract(resolvers, COMMISSIONING_EXTRACT) as any,
  migrations,
  loaders,
  outbox: {},
};
export { migrations };
