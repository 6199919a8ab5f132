// Operations only other hub services call (they are @inaccessible, so the gateway never offers
// them). Each accepts only the service that is meant to send it, and is idempotent by message key.
import { randomUUID } from 'node:crypto';
import { auditedWrite } from '@hub/host/subgraph';
import { badInput } from '@hub/guard/errors';
import { permitted, RECORD } from './audit';
import { AGENCIES, isCode, organisationCodeProblem } from '@hub/schema';
import { checkDate, checkId } from './validate';
import type { Resolvers } from './generated/graphql';

export const peerResolvers: Resolvers = {
  Mutation: {
    /** Education asked an organisation for advice: it gains need-to-know for the child until endDate. */
    grantAdviceRequestAccess: async (_, args, ctx) => {
      const childId = checkId('childId', args.childId);
      if (!isCode(AGENCIES, args.agency)) throw badInput('agency', 'is not an agency');
      const org = organisationCodeProblem(args.organisation);
      if (org) throw badInput('organisation', org);
      for (const k of ['startDate', 'endDate'] as const)
        if (!checkDate(k, args[k])) throw badInput(k, 'must be a date in the form YYYY-MM-DD');
      if (args.endDate < args.startDate) throw badInput('endDate', 'is before startDate');
      const id = randomUUID();
      await auditedWrite(
        ctx,
        `INSERT INTO relationship (public_id, child_id, kind, agency, org, user_sub, start_date, end_date, source_key, created_by, created_org, created_as)
         VALUES ($1, $2, 'ADVICE_REQUEST', $3, $4, NULL, $5, $6, $7, $8, $9, 'ADVICE_REQUEST') ON CONFLICT (source_key) DO NOTHING RETURNING public_id`,
        [id, childId, args.agency, args.organisation, args.startDate, args.endDate, args.messageKey, ctx.caller.sub, ctx.caller.org],
        [permitted(childId, RECORD.relationship, 'CREATE', 'ROLE', id)],
      );
      return true;
    },
  },
};
