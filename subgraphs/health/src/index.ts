import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { adviceSdl, openReferralSdl, childAuditSdl, commissioningExtractSdl, HEALTH_ADVICE, withCommissioningExtract, type SubgraphDefinition } from '@hub/common';
import { AUDIT_SDL, CLASSIFICATION_SDL, commissionedServiceSdl, FEDERATION_LINK, sharedEnums } from '@hub/schema';
import { migrations } from './migrations';
import { loaders, type Loaders } from './repository';
import { resolvers } from './resolvers';
import { planSectionsSdl } from './plan-sections';
import { COMMISSIONING_EXTRACT } from './commissioning-extract';
import { fhirIngestResolvers } from './ingest/fhir/resolvers';

export const sdl = [FEDERATION_LINK, readFileSync(join(__dirname, 'schema.graphql'), 'utf8'), readFileSync(join(__dirname, 'ingest/fhir/schema.graphql'), 'utf8'), planSectionsSdl, sharedEnums('Agency', 'HealthService', 'AdviceType', 'AdviceStatus', 'Timeliness'), adviceSdl(HEALTH_ADVICE), commissionedServiceSdl('HEALTH'), openReferralSdl('HEALTH'), CLASSIFICATION_SDL, AUDIT_SDL, childAuditSdl('health'), commissioningExtractSdl('health')].join('\n\n');

export const health: SubgraphDefinition<Loaders> = {
  name: 'health',
  agency: 'HEALTH',
  typeDefs: parse(sdl),
  resolvers: withCommissioningExtract(withFhirIngest(resolvers), COMMISSIONING_EXTRACT) as any,
  migrations,
  loaders,
  outbox: {},
};
export { migrations };

function withFhirIngest(r: typeof resolvers) {
  return { ...r, ...fhirIngestResolvers, Mutation: { ...r.Mutation, ...fhirIngestResolvers.Mutation }, HealthRecord: { ...r.HealthRecord, ...fhirIngestResolvers.HealthRecord }, Referral: { ...r.Referral, ...fhirIngestResolvers.Referral } };
}
