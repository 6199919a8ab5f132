import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { childAuditSdl } from '@hub/host/audit-trail/trail-resolvers';
import { type SubgraphDefinition } from '@hub/host/subgraph';
import { AUDIT_SDL, CLASSIFICATION_SDL, FEDERATION_LINK, sharedEnums } from '@hub/schema';
import { migrations } from './migrations';
import { loaders, type Loaders } from './repository';
import { resolvers } from './resolvers';

export const sdl = [
  FEDERATION_LINK,
  readFileSync(join(__dirname, 'schema.graphql'), 'utf8'),
  readFileSync(join(__dirname, 'corrections', 'schema.graphql'), 'utf8'),
  sharedEnums('FamilyRelation', 'Agency', 'CorrectionStatus', 'CorrectionOutcome'),
  CLASSIFICATION_SDL,
  AUDIT_SDL,
  childAuditSdl('family'),
].join('\n\n');

export const family: SubgraphDefinition<Loaders> = {
  name: 'family',
  dataOwner: 'FAMILY',
  typeDefs: parse(sdl),
  resolvers,
  migrations,
  loaders,
};
export { migrations };
