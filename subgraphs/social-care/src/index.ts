import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { adviceSdl, openReferralSdl, childAuditSdl, commissioningExtractSdl, SOCIAL_CARE_ADVICE, withCommissioningExtract, type SubgraphDefinition } from '@hub/common';
import { AUDIT_SDL, CLASSIFICATION_SDL, commissionedServiceSdl, FEDERATION_LINK, sharedEnums } from '@hub/schema';
import { migrations } from './migrations';
import { loaders, type Loaders } from './repository';
import { resolvers } from './resolvers';
import { planSectionsSdl } from './plan-sections';
import { COMMISSIONING_EXTRACT } from './commissioning-extract';
import { cinIngestResolvers } from './ingest/cin/resolvers';
import { ssda903IngestResolvers } from './ingest/ssda903/resolvers';

export const sdl = [
  FEDERATION_LINK,
  readFileSync(join(__dirname, 'schema.graphql'), 'utf8'),
  readFileSync(join(__dirname, 'ingest/cin/schema.graphql'), 'utf8'),
  readFileSync(join(__dirname, 'ingest/ssda903/schema.graphql'), 'utf8'),
  planSectionsSdl,
  sharedEnums('Agency', 'CinPrimaryNeed', 'CinDisability', 'CpCategory', 'AdviceType', 'AdviceStatus', 'Timeliness'),
  adviceSdl(SOCIAL_CARE_ADVICE),
  commissionedServiceSdl('SOCIAL_CARE'),
  openReferralSdl('SOCIAL_CARE'),
  CLASSIFICATION_SDL,
  AUDIT_SDL,
  childAuditSdl('socialCare'),
  commissioningExtractSdl('social-care'),
].join('\n\n');

export const socialCare: SubgraphDefinition<Loaders> = {
  name: 'social-care',
  agency: 'SOCIAL_CARE',
  typeDefs: parse(sdl),
  resolvers: withCommissioningExtract(withCinIngest(resolvers), COMMISSIONING_EXTRACT) as any,
  migrations,
  loaders,
  outbox: {},
};
export { migrations };

function withCinIngest(r: typeof resolvers) {
  return { ...r, Mutation: { ...r.Mutation, ...cinIngestResolvers.Mutation, ...ssda903IngestResolvers.Mutation }, SocialCareRecord: { ...r.SocialCareRecord, ...cinIngestResolvers.SocialCareRecord } };
}
