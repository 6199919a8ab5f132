// The family's side of break glass: in "who looked", each emergency access with its stated reason
// once a privacy officer has reviewed it — not before, since an unreviewed reason may be wrong or
// may itself be what must not be said — and never when the reviewer withheld it from the family
// (the serious-harm exemption: a safeguarding reason can itself put the child at risk).
import { accessContexts } from '@hub/guard/policy/context-token';
import { familyContextOf } from '@hub/host/audit-trail/who-looked';
import { permitted, RECORD } from '../audit';
import type { Resolvers } from '../generated/graphql';

export const emergencyAccessResolvers: Resolvers = {
  WhoLooked: {
    emergencyAccesses: async (w, _, ctx) => {
      familyContextOf(w, ctx, accessContexts);
      const rows = await ctx.db.query(
        `SELECT id, started_at, user_org, user_roles, reviewed_at IS NOT NULL AS reviewed,
                CASE WHEN reviewed_at IS NOT NULL AND NOT reason_withheld_from_family THEN reason END AS reason
           FROM break_glass WHERE child_id = $1 ORDER BY started_at DESC`,
        [w.childId],
      );
      ctx.audit!.add(
        ...(rows.length
          ? rows.map((r) => permitted(w.childId, RECORD.breakGlass, 'READ', 'RELATIONSHIP', r.id))
          : [permitted(w.childId, RECORD.breakGlass, 'READ', 'RELATIONSHIP')]),
      );
      return rows.map((r) => ({
        id: r.id,
        at: new Date(r.started_at).toISOString(),
        organisation: r.user_org,
        reviewed: r.reviewed,
        reason: r.reason,
      }));
    },
  },
};
