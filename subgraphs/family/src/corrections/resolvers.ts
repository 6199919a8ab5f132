// Correction requests: the family flags something it believes is wrong in an agency's record, in its
// own words; the agency's professionals who work with the child see the requests addressed to their
// agency and accept or decline them (with a reason); the family sees where each stands. Who may do
// what is the pure correctionDecision (packages/guard/src/policy/corrections.ts), audited as each decision is.
import { randomUUID } from 'node:crypto';
import { adoptChildContext } from '@hub/host/peer-context';
import { badInput, forbidden } from '@hub/guard/errors';
import { checkIdempotencyKey } from '@hub/host/idempotency-key';
import { correctionDecision } from '@hub/guard/policy/corrections';
import { familyLinkOf, familyRelation, isFamily } from '@hub/guard/policy/family';
import { type AuditEntry } from '@hub/guard/audit/chain';
import { type Decision } from '@hub/guard/policy/types';
import { type SubgraphContext } from '@hub/host/subgraph';
import type { Resolvers } from '../generated/graphql';
import type { Agency, DataCategory } from '@hub/schema';
import type { Loaders } from '../repository';
import { answerCorrection, byIdempotencyKey, correctionOut, correctionTarget, insertCorrection, type CorrectionRow } from './repository';
import { checkAnswer, checkRequest } from './validate';

type Ctx = SubgraphContext<Loaders>;
const RECORD = 'CORRECTION_REQUEST';
const NOT_YOURS = 'no correction request you may answer has this id';

function entry(childId: string, d: Decision, action: 'READ' | 'CREATE' | 'REVIEW', recordId?: string): AuditEntry {
  const base = { childId, category: RECORD, action, ...(recordId ? { recordId } : {}) };
  return d.effect === 'PERMIT' ? { ...base, decision: 'PERMIT', basis: d.basis } : { ...base, decision: 'DENY', reason: d.reason };
}

const decideFor = (ctx: Ctx, childId: string, about: { agency: string; category: string }) =>
  correctionDecision(ctx.caller, ctx.access!.contextOf(childId), about as { agency: Agency; category: DataCategory }, ctx.access!.now);

export const correctionResolvers: Resolvers = {
  Mutation: {
    requestCorrection: async (_, { input, idempotencyKey }, ctx) => {
      const relation = familyRelation(ctx.caller);
      if (!relation) throw forbidden('ROLE', 'only the linked family asks for a correction; the agency answers it');
      const req = checkRequest(input);
      const key = checkIdempotencyKey(idempotencyKey);
      await adoptChildContext(ctx, req.childId, 'input.childId');
      const d = decideFor(ctx, req.childId, req);
      if (d.effect === 'DENY') {
        ctx.access!.note(entry(req.childId, d, 'CREATE'));
        throw forbidden(d.reason, 'you may not ask for a correction of this part of the record');
      }
      const id = randomUUID();
      const row = await insertCorrection(ctx, { id, ...req, as: relation, key }, entry(req.childId, d, 'CREATE', id));
      if (row) return correctionOut(row);
      // A retry of a request that was made: the first one, if it is the same request.
      const first = await byIdempotencyKey(ctx.db, 'requested_by', ctx.caller.sub, 'idempotency_key', key!);
      if (first.child_id !== req.childId || first.agency !== req.agency || first.what_is_wrong !== req.whatIsWrong)
        throw badInput('idempotencyKey', 'was already used for a different request');
      return correctionOut(first);
    },
    answerCorrectionRequest: async (_, { input, idempotencyKey }, ctx) => {
      const a = checkAnswer(input);
      const key = checkIdempotencyKey(idempotencyKey);
      // An unknown id, another agency's request and a child the caller does not work with get the
      // same refusal, so the answer tells nothing about requests the caller may not see.
      const target = await correctionTarget(ctx.db, a.id);
      if (!target) throw forbidden('NO_RELATIONSHIP', NOT_YOURS);
      await adoptChildContext(ctx, target.child_id);
      const d = decideFor(ctx, target.child_id, target);
      if (d.effect === 'DENY') {
        ctx.access!.note(entry(target.child_id, d, 'REVIEW', target.id));
        throw forbidden('NO_RELATIONSHIP', NOT_YOURS);
      }
      const row = await answerCorrection(ctx, a.id, a.outcome, a.answer, key, entry(target.child_id, d, 'REVIEW', a.id));
      if (row) return correctionOut(row);
      const retried = key ? await byIdempotencyKey(ctx.db, 'answered_by', ctx.caller.sub, 'answer_key', key) : undefined;
      if (retried?.id === a.id) return correctionOut(retried);
      throw badInput('input.id', 'has already been answered');
    },
  },
  Child: {
    correctionRequests: async (c, _, ctx) => {
      ctx.access!.adopt(c.id, c.accessContext);
      const context = ctx.access!.contextOf(c.id);
      // The gate: a family member linked to the child, or a professional with a relationship, for
      // their own agency's requests (requests to other agencies are not theirs to see).
      const gate: Decision = isFamily(ctx.caller)
        ? familyLinkOf(ctx.caller, context ?? null, ctx.access!.now.slice(0, 10))
          ? { effect: 'PERMIT', basis: 'RELATIONSHIP' }
          : { effect: 'DENY', reason: 'NO_RELATIONSHIP' }
        : correctionDecision(ctx.caller, context, { agency: ctx.caller.agency as Agency, category: 'IDENTITY' }, ctx.access!.now);
      ctx.access!.note(entry(c.id, gate, 'READ'));
      if (gate.effect === 'DENY')
        throw forbidden(gate.reason, 'correction requests are for the child’s family and the agency they are addressed to');
      const rows: CorrectionRow[] = await ctx.loaders.corrections.load(c.id);
      // The family sees each request only as far as it may see that part of the record (family.ts).
      return rows.filter((r) => decideFor(ctx, c.id, r).effect === 'PERMIT').map(correctionOut);
    },
  },
};
