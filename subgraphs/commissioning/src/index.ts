import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@hub/host/subgraph';
import { AGE_BANDS, CLASSIFICATION_SDL, COMMISSIONING_DIMENSIONS, FEDERATION_LINK, sharedEnums } from '@hub/schema';
import { migrations } from './migrations';
import { resolvers } from './resolvers';

const enumSdl = (name: string, values: readonly string[], description: string) =>
  `"""${description}"""\nenum ${name} {\n${values.map((v) => `  ${v}`).join('\n')}\n}`;

export const sdl = [
  FEDERATION_LINK,
  readFileSync(join(__dirname, 'schema.graphql'), 'utf8'),
  readFileSync(join(__dirname, 'measures', 'inclusion.graphql'), 'utf8'),
  readFileSync(join(__dirname, 'measures', 'review-timeliness.graphql'), 'utf8'),
  enumSdl(
    'CommissioningDimension',
    COMMISSIONING_DIMENSIONS,
    'What a commissioner may group children by. WAIT_<service>: not waiting, waiting up to or over 18 weeks on the date.',
  ),
  enumSdl(
    'AgeBand',
    AGE_BANDS.map((b) => b.code),
    'Age band in whole years on the "as at" date.',
  ),
  sharedEnums('Agency', 'SenStatus', 'HealthService', 'Timeliness'),
  CLASSIFICATION_SDL,
].join('\n\n');

/** Joint commissioning: no agency, no child data, no keys; a log of the queries run. */
export const commissioning: SubgraphDefinition<Record<string, never>> = {
  name: 'commissioning',
  typeDefs: parse(sdl),
  resolvers,
  migrations,
  loaders: () => ({}),
};
export { migrations };
