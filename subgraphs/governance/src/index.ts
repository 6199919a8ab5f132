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
  readFileSync(join(__dirname, 'family', 'schema.graphql'), 'utf8'),
  readFileSync(join(__dirname, 'family-withholding', 'schema.graphql'), 'utf8'),
  readFileSync(join(__dirname, 'caseload', 'schema.graphql'), 'utf8'),
  sharedEnums('Agency', 'Purpose', 'RelationshipKind', 'ConsentMethod', 'FamilyRelation'),
  AUDIT_SDL,
  CLASSIFICATION_SDL,
  childAuditSdl('governance', true),
].join('\n\n');

export const governance: SubgraphDefinition<Loaders> = {
  name: 'governance',
  typeDefs: parse(sdl),
  resolvers,
  migrations,
  loaders,
  auditsOwnRecords: true,
};
export { migrations };
