// The family's sharing consents. Recorded by the family's entitled decider themselves, or by a
// professional with a current relationship to the child, on the family's behalf, stating how the
// family gave it. Nobody else records or withdraws one.
// Every argument is validated before anything is written; every read and write is audited.
import { randomUUID } from 'node:crypto';
import { accessContexts } from '@hub/guard/policy/context-token';
import { auditedWrite, type SubgraphContext } from '@hub/host/subgraph';
import { auditTrailResolvers } from '@hub/host/audit-trail/trail-resolvers';
import { badInput, forbidden } from '@hub/guard/errors';
import { checkIdempotencyKey } from '@hub/host/idempotency-key';
import { deciderEntitled } from '@hub/guard/policy/capacity';
import { familyLinkOf, familyRelation, isFamily } from '@hub/guard/policy/family';
import { AGENCIES, CONSENT_METHODS, DATA_CATEGORIES, PURPOSES, isCode } from '@hub/schema';
import { permitted, RECORD, refused } from '../audit';
import type { Loaders } from '../repository';
import { checkDate, checkDateTime, checkId } from '../validate';
import { auditRead, requireToActForFamily, requireVisible, visibilityOf } from '../visibility';
import { CONSENT_SQL, consentOut, insertConsentOnce, type ConsentDbRow } from './repository';
import type { Resolvers } from '../generated/graphql';

type Ctx = SubgraphContext<Loaders>;
const ON_BEHALF = "only a professional with a current relationship to the child records or withdraws consent on the family's behalf";

function checkProvisions(list: any[]) {
  if (!Array.isArray(list) || list.length === 0) throw badInput('input.provisions', 'needs at least one provision');
  if (list.length > 50) throw badInput('input.provisions', 'may hold at most 50 provisions');
  return list.map((p, i) => {
    const at = `input.provisions[${i}]`;
    if (!p.categories?.length || !p.categories.every((c: unknown) => isCode(DATA_CATEGORIES, c)))
      throw badInput(`${at}.categories`, 'needs at least one data category');
    if (!(p.agencies ?? []).every((a: unknown) => isCode(AGENCIES, a))) throw badInput(`${at}.agencies`, 'holds an unknown agency');
    if (!(p.purposes ?? []).every((x: unknown) => isCode(PURPOSES, x))) throw badInput(`${at}.purposes`, 'holds an unknown purpose');
    const orgs: string[] = p.orgs ?? [];
    if (!orgs.every((o) => /^[A-Z0-9]{3,8}$/.test(o))) throw badInput(`${at}.orgs`, 'must be ODS or LA codes (3-8 capitals or digits)');
    const start = checkDate(`${at}.start`, p.start);
    const end = checkDate(`${at}.end`, p.end);
    if (start && end && end < start) throw badInput(`${at}.end`, 'is before start');
    return { effect: p.effect, categories: p.categories, agencies: p.agencies ?? [], orgs, purposes: p.purposes ?? [], start, end };
  });
}

/**
 * Who may record or withdraw: a professional with a relationship that names them, on the family's
 * behalf (requireToActForFamily: not break glass, their own claim or a request to their whole
 * organisation); or a linked family member who is the person entitled to decide for the child today
 * (capacity.ts).
 */
async function requireRelationshipToRecord(ctx: Ctx, childId: string, action: 'CREATE' | 'WITHDRAW', recordId?: string) {
  const { v, context } = await visibilityOf(ctx, childId);
  if (isFamily(ctx.caller) && v.visible && context) {
    const link = familyLinkOf(ctx.caller, context, ctx.audit!.now.slice(0, 10))!;
    const decider = { decider: link.relation, youngPersonLacksCapacity: link.youngPersonLacksCapacity } as const;
    if (!deciderEntitled(decider, context.dateOfBirth, ctx.audit!.now.slice(0, 10))) {
      ctx.audit!.add(refused(childId, RECORD.consent, action, 'ROLE', recordId));
      throw forbidden('ROLE', 'you are not the person entitled to decide about sharing for this child now (age and capacity)');
    }
    return context;
  }
  return requireToActForFamily(ctx, childId, RECORD.consent, action, ON_BEHALF, recordId);
}

export const consentResolvers: Resolvers = {
  Query: {
    consents: async (_, { childId }, ctx) => {
      const id = checkId('childId', childId);
      const { v } = await requireVisible(ctx, id, RECORD.consent, 'READ', 'never');
      const rows = (await ctx.db.query<ConsentDbRow>(`${CONSENT_SQL} WHERE k.child_id = $1 ORDER BY k.given_at DESC`, [id])).map(
        consentOut,
      );
      auditRead(
        ctx,
        id,
        RECORD.consent,
        v.basis,
        rows.map((r) => r.id),
      );
      return rows;
    },
  },
  Mutation: {
    recordConsent: async (_, { input, idempotencyKey }, ctx) => {
      const key = checkIdempotencyKey(idempotencyKey);
      const childId = checkId('input.childId', input.childId);
      const family = familyRelation(ctx.caller);
      // The family gives it themselves, through the hub; a professional says how it was given.
      if (family) input = { ...input, method: 'PORTAL', youngPersonLacksCapacity: false };
      if (family && input.decider !== family) throw badInput('input.decider', `must be ${family}: you record your own decision`);
      if (!isCode(CONSENT_METHODS, input.method))
        throw badInput('input.method', `must say how the family gave it: one of ${CONSENT_METHODS.join(', ')}`);
      const givenAt = checkDateTime('input.givenAt', input.givenAt) ?? new Date().toISOString();
      if (Date.parse(givenAt) > Date.now() + 60_000) throw badInput('input.givenAt', 'is in the future');
      const provisions = checkProvisions(input.provisions);
      const context = await requireRelationshipToRecord(ctx, childId, 'CREATE');
      const lacks = family
        ? familyLinkOf(ctx.caller, context, givenAt.slice(0, 10))?.youngPersonLacksCapacity === true
        : input.youngPersonLacksCapacity === true;
      if (!deciderEntitled({ decider: input.decider, youngPersonLacksCapacity: lacks }, context.dateOfBirth, givenAt.slice(0, 10))) {
        throw badInput('input.decider', 'is not the person entitled to decide for this child on that date (age and capacity)');
      }
      const row = {
        id: randomUUID(),
        childId,
        decider: input.decider,
        lacks,
        givenAt,
        method: input.method,
        sub: ctx.caller.sub,
        org: ctx.caller.org,
        provisions: JSON.stringify(provisions),
        key,
      };
      const id = await insertConsentOnce(ctx, row);
      return consentOut((await ctx.db.query<ConsentDbRow>(`${CONSENT_SQL} WHERE k.id = $1`, [id]))[0]);
    },
    withdrawConsent: async (_, { id }, ctx) => {
      const consentId = checkId('id', id);
      const [found] = await ctx.db.query<{ child_id: string }>('SELECT child_id FROM consent WHERE id = $1', [consentId]);
      // An unknown consent is refused exactly as another child's is: ids tell nothing.
      if (!found) throw forbidden('NO_RELATIONSHIP', ON_BEHALF);
      await requireRelationshipToRecord(ctx, found.child_id, 'WITHDRAW', consentId);
      const rows = await auditedWrite(
        ctx,
        `INSERT INTO consent_withdrawal (consent_id, withdrawn_at, recorded_by, recorded_org)
         VALUES ($1, now(), $2, $3) ON CONFLICT (consent_id) DO NOTHING RETURNING consent_id`,
        [consentId, ctx.caller.sub, ctx.caller.org],
        [permitted(found.child_id, RECORD.consent, 'WITHDRAW', 'RELATIONSHIP', consentId)],
      );
      if (!rows.length) throw badInput('id', 'was already withdrawn');
      return consentOut((await ctx.db.query<ConsentDbRow>(`${CONSENT_SQL} WHERE k.id = $1`, [consentId]))[0]);
    },
  },
  Child: {
    accessContext: async (child, _, ctx) => {
      const context = await ctx.loaders.access.load(child.id);
      return context ? accessContexts().sign(context) : null;
    },
  },
  ...auditTrailResolvers('governance'),
};
