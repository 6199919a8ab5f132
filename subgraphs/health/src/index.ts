import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { adviceSdl, childAuditSdl, HEALTH_ADVICE, type SubgraphDefinition } from '@hub/common';
import { AUDIT_SDL, CLASSIFICATION_SDL, commissionedServiceSdl, FEDERATION_LINK, sharedEnums } from '@hub/schema';
import { migrations } from './migrations';
import { loaders, type Loaders } from './repository';
import { resolvers } from './resolvers';

export const sdl = [FEDERATION_LINK, readFileSync(join(__dirname, 'schema.graphql'), 'utf8'), sharedEnums('Agency', 'HealthService', 'AdviceType', 'AdviceStatus', 'Timeliness'), adviceSdl(HEALTH_ADVICE), commissionedServiceSdl('HEALTH'), CLASSIFICATION_SDL, AUDIT_SDL, childAuditSdl('health')].join('\n\n');

export const health: SubgraphDefinition<Loaders> = {
  name: 'health',
  agency: 'HEALTH',
  typeDefs: parse(sdl),
  resolvers: resolvers as any,
  migrations,
  loaders,
  outbox: {},
};
export { migrations };
