// The gateway's query limits, from the environment (validated like every setting).
import { intSetting } from '@hub/runtime/settings/read';

export interface QueryLimits {
  /** Deepest field nesting an operation may have (introspection fields not counted). */
  maxDepth: number;
  /** Aliased fields per operation: aliases are how one request asks for the same costly field many times. */
  maxAliases: number;
  /** Lexical tokens per document: bounds parse work before anything else runs. */
  maxTokens: number;
  /** Estimated cost per operation (costLimit in rules.ts: lists multiply). */
  maxCost: number;
  /** Directives per operation. */
  maxDirectives: number;
}

export function queryLimits(env: NodeJS.ProcessEnv = process.env): QueryLimits {
  return {
    maxDepth: intSetting(env, 'HUB_MAX_DEPTH', 10, { min: 2, max: 100 }),
    maxAliases: intSetting(env, 'HUB_MAX_ALIASES', 15, { min: 0, max: 1_000 }),
    maxTokens: intSetting(env, 'HUB_MAX_TOKENS', 2_000, { min: 100, max: 100_000 }),
    maxCost: intSetting(env, 'HUB_MAX_COST', 50_000, { min: 10, max: 10_000_000 }),
    maxDirectives: intSetting(env, 'HUB_MAX_DIRECTIVES', 20, { min: 0, max: 1_000 }),
  };
}
