// What the generated resolver types of each subgraph are written against (codegen.ts): the module
// its loaders come from (the context's `loaders`), and for each GraphQL object type whose resolvers
// receive something other than its GraphQL shape, the hand-written row type they do receive
// (codegen `mappers`, paths relative to src/generated/).
import type { SubgraphName } from '../src';

export interface CodegenTarget {
  /** Module exporting `Loaders`; none for a subgraph without loaders (its context's are empty). */
  loaders?: string;
  mappers: Record<string, string>;
}

export const CODEGEN_TARGETS: Record<SubgraphName, CodegenTarget> = {
  governance: { loaders: '../repository', mappers: {} },
  education: { loaders: '../repository', mappers: {} },
  health: { loaders: '../repository', mappers: {} },
  'social-care': { loaders: '../repository', mappers: {} },
  family: { loaders: '../repository', mappers: {} },
  commissioning: { mappers: {} },
};
