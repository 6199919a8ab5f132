// Operations only other hub services call (they are @inaccessible, so the gateway never offers
// them). Each accepts only the service that is meant to send it, and is idempotent by message key.
import { badInput, forbidden, type SubgraphContext } from '@hub/common';
import { AGENCIES, isCode, isoDateProblem, organisationCodeProblem } from '@hub/schema';
import type { Loaders } from './repository';
import { checkId } from './validate';

type Ctx = SubgraphContext<Loaders>;

export const peerResolvers = {
  Mutation: {
    /** Education asked an organisation for advice: it gains need-to-know for the child until endDate. */
    grantAdviceRequestAccess: async (_: unknown, args: { childId: string; agency: string; organisation: string; startDate: string; endDate: string; messageKey: string }, ctx: Ctx) => {
      if (ctx.service !== 'education') throw forbidden('ROLE', 'only the education service grants access for requests for advice');
      const childId = checkId('childId', args.childId);
      if (!isCode(AGENCIES, args.agency)) throw badInput('agency', 'is not an agency');
      const org = organisationCodeProblem(args.organisation);
      if (org) throw badInput('organisation', org);
      for (const k of ['startDate', 'endDate'] as const) {
        const p = isoDateProblem(args[k]);
        if (p) throw badInput(k, p);
      }
      if (args.endDate < args.startDate) throw badInput('endDate', 'is before startDate');
      await ctx.db.query(
        `INSERT INTO relationship (child_id, kind, agency, org, user_sub, start_date, end_date, source_key)
         VALUES ($1, 'ADVICE_REQUEST', $2, $3, NULL, $4, $5, $6) ON CONFLICT (source_key) DO NOTHING`,
        [childId, args.agency, args.organisation, args.startDate, args.endDate, args.messageKey],
      );
      return true;
    },
  },
};
