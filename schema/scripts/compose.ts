// Composes the subgraphs' SDL into the supergraph the gateway serves, committed as
// schema/supergraph.graphql. `npm run compose` rewrites it; a test fails when it is stale.
import { writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUPERGRAPH_PATH, SUBGRAPHS } from '../src';
import { sdl as governance } from '@hub/governance';
import { sdl as education } from '@hub/education';
import { sdl as health } from '@hub/health';
import { sdl as socialCare } from '@hub/social-care';
import { sdl as commissioning } from '@hub/commissioning';
import { sdl as family } from '@hub/family';

export const SUBGRAPH_SDL: Record<string, string> = { governance, education, health, 'social-care': socialCare, family, commissioning };

export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPHS.map((s) => ({ name: s.name, url: `http://127.0.0.1:${s.port}/graphql`, typeDefs: parse(SUBGRAPH_SDL[s.name]) })),
  );
  if (result.errors?.length) throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.supergraphSdl!;
}

if (require.main === module) {
  writeFileSync(SUPERGRAPH_PATH, composeSupergraph());
  console.log(`wrote ${SUPERGRAPH_PATH}`);
}
