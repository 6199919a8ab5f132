// Reading the hub's partial answers: which paths were withheld (and why), which agencies were
// unavailable, and which argument bad input named.
import { CombinedGraphQLErrors } from '@apollo/client';

export interface HubError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

export function errorsOf(error: unknown): HubError[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors as HubError[];
  return [];
}

const join = (p: readonly (string | number)[]) => p.join('.');

/** The reason a path (or a parent of it) was withheld: NO_CONSENT, NO_RELATIONSHIP, ROLE; else undefined. */
export function withheldReason(errors: HubError[], path: (string | number)[]): string | undefined {
  const want = join(path);
  for (const e of errors) {
    if (e.extensions?.code !== 'FORBIDDEN' || !e.path) continue;
    const p = join(e.path);
    if (want === p || want.startsWith(`${p}.`)) return String(e.extensions.reason ?? 'ROLE');
  }
  return undefined;
}

/** Withheld paths below a prefix (a field of a record withheld while the rest was shown). */
export function withheldBelow(errors: HubError[], prefix: (string | number)[]): { field: string; reason: string }[] {
  const want = join(prefix);
  return errors
    .filter((e) => e.extensions?.code === 'FORBIDDEN' && e.path && join(e.path).startsWith(`${want}.`))
    .map((e) => ({ field: e.path!.slice(prefix.length).join(' '), reason: String(e.extensions?.reason ?? 'ROLE') }));
}

/** Subgraphs that did not answer (SUBGRAPH_UNAVAILABLE names the service). */
export function unavailableServices(errors: HubError[]): string[] {
  return [
    ...new Set(
      errors.filter((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE').map((e) => String(e.extensions?.serviceName ?? 'unknown')),
    ),
  ];
}

export function badInput(errors: HubError[]): { argument: string; message: string } | undefined {
  const e = errors.find((x) => x.extensions?.code === 'BAD_USER_INPUT');
  return e ? { argument: String(e.extensions?.argument ?? ''), message: e.message } : undefined;
}

export function firstError(error: unknown): HubError | undefined {
  const all = errorsOf(error);
  if (all.length) return all[0];
  if (error instanceof Error) return { message: error.message };
  return undefined;
}
