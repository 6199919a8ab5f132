import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@hub/common';
import { COMMISSIONED_SERVICE_SDL, FEDERATION_LINK, sharedEnums } from '@hub/schema';
import { migrations } from './migrations';
import { loaders, type Loaders } from './repository';
import { resolvers } from './resolvers';

export const sdl = [FEDERATION_LINK, readFileSync(join(__dirname, 'schema.graphql'), 'utf8'), sharedEnums('Agency', 'SenType', 'SenStatus', 'PlacementType'), COMMISSIONED_SERVICE_SDL].join('\n\n');

export const education: SubgraphDefinition<Loaders> = {
  name: 'education',
  typeDefs: parse(sdl),
  resolvers: resolvers as any,
  migrations,
  loaders,
};
export { migrations };
