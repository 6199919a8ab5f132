// Who may change an assessment: an EHC coordinator of the LA, with need-to-know for the child
// (the shared access decision on governance's signed context: packages/host/src/peer-context.ts).
import { authoriseChild, type ChildWithContext } from '@hub/host/peer-context';
import { forbidden } from '@hub/guard/errors';
import { type SubgraphContext } from '@hub/host/subgraph';
import { laCodeOfOrganisation } from '@hub/schema';

export interface Authorised {
  laCode: string;
  /** The child as a guarded value's source expects it: id and signed access context. */
  child: ChildWithContext;
}

/**
 * The caller's LA, or FORBIDDEN ROLE when the caller's organisation is not one. The role itself is
 * declared on each operation (@requiresRole) and checked before the resolver runs.
 */
export function coordinatorLa(ctx: SubgraphContext): string {
  const la = laCodeOfOrganisation(ctx.caller.org);
  if (!la) throw forbidden('ROLE', 'EHC needs assessments are managed by EHC coordinators of the local authority');
  return la;
}

export async function authoriseForChild(ctx: SubgraphContext, childId: string, argument = 'childId'): Promise<Authorised> {
  const laCode = coordinatorLa(ctx);
  return { laCode, child: await authoriseChild(ctx, childId, 'EDUCATION', argument) };
}
