// myCaseload: one SQL statement per page, keyset pagination on the child id (no OFFSET, so a page
// costs the same however deep it is). The cursor is the last child id, base64url-encoded so that
// clients treat it as opaque; it is validated like any other id before it reaches SQL.
import { badInput } from '@hub/guard/errors';
import type { RelationshipKind } from '@hub/schema';
import { checkId } from '../validate';
import type { Resolvers } from '../generated/graphql';

const MAX_PAGE = 100;

function encodeCursor(childId: string): string {
  return Buffer.from(childId, 'utf8').toString('base64url');
}

function decodeCursor(after: string): string {
  const id = Buffer.from(after, 'base64url').toString('utf8');
  try {
    checkId('after', id);
  } catch {
    throw badInput('after', 'is not a cursor this list gave');
  }
  return id;
}

// Current relationships only: an allocation or a self-claim of this user in their own organisation,
// or a request for advice addressed to their organisation and agency.
const PAGE_SQL = `
  SELECT child_id::text AS child_id, array_agg(DISTINCT kind ORDER BY kind) AS kinds
    FROM relationship
   WHERE ((kind IN ('ALLOCATION', 'SELF_CLAIM') AND user_sub = $1 AND org = $2)
       OR (kind = 'ADVICE_REQUEST' AND org = $2 AND agency = $3))
     AND start_date <= current_date AND (end_date IS NULL OR end_date >= current_date)
     AND ($4::uuid IS NULL OR child_id > $4::uuid)
   GROUP BY child_id
   ORDER BY child_id
   LIMIT $5`;

export const caseloadResolvers: Resolvers = {
  Query: {
    myCaseload: async (_, { first, after }, ctx) => {
      if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput('first', `must be from 1 to ${MAX_PAGE}`);
      const from = after ? decodeCursor(after) : null;
      // No agency (commissioner, privacy officer): no relationships to children, so nothing, and no query.
      if (!ctx.caller.agency) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
      const rows = await ctx.db.query<{ child_id: string; kinds: RelationshipKind[] }>(PAGE_SQL, [
        ctx.caller.sub,
        ctx.caller.org,
        ctx.caller.agency,
        from,
        first + 1,
      ]);
      const page = rows.slice(0, first);
      const edges = page.map((r) => ({ cursor: encodeCursor(r.child_id), relationships: r.kinds, node: { id: r.child_id } }));
      return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
    },
  },
};
