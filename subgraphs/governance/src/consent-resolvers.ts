// Writes and reads of consent, relationships and break glass. Every argument is validated before
// anything is written; a bad one is BAD_USER_INPUT naming it, and nothing changes.
import { randomUUID } from 'node:crypto';
import { authSettings, accessContextCodec, badInput, deciderEntitled, forbidden, hasRole, auditTrailResolvers, type SubgraphContext } from '@hub/common';
import { AGENCIES, DATA_CATEGORIES, PURPOSES, isCode, isoDateProblem, type Role } from '@hub/schema';
import type { Loaders } from './repository';
import { checkId } from './validate';
import { checkIdempotencyKey, insertConsentOnce } from './idempotency';

type Ctx = SubgraphContext<Loaders>;
const PROFESSIONAL: Role[] = ['ehc_coordinator', 'health_practitioner', 'designated_clinical_officer', 'social_worker'];
// Built on first use, not at import: a process with a bad setting stops with a clear message first.
let codec: ReturnType<typeof accessContextCodec> | undefined;
const contexts = () => (codec ??= accessContextCodec(authSettings().internalSecret));

function requireRole(ctx: Ctx, ...roles: Role[]) {
  if (!hasRole(ctx.caller, ...roles)) throw forbidden('ROLE', `needs one of the roles ${roles.join(', ')}`);
}

function checkDate(argument: string, value: string | null | undefined): string | null {
  if (value == null) return null;
  const problem = isoDateProblem(value);
  if (problem) throw badInput(argument, problem);
  return value;
}

async function childDob(ctx: Ctx, childId: string): Promise<string | null> {
  const rows = await ctx.db.query<{ date_of_birth: string | null }>('SELECT date_of_birth FROM child WHERE id = $1', [childId]);
  if (!rows.length) throw badInput('childId', 'is not a registered child');
  return rows[0].date_of_birth;
}

const CONSENT_SQL = `SELECT k.*, w.withdrawn_at FROM consent k LEFT JOIN consent_withdrawal w ON w.consent_id = k.id`;

function consentOut(r: any) {
  return {
    id: r.id, childId: r.child_id, decider: r.decider, youngPersonLacksCapacity: r.young_person_lacks_capacity,
    givenAt: new Date(r.given_at).toISOString(), withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at).toISOString() : null,
    recordedBy: r.recorded_by, recordedOrg: r.recorded_org, provisions: r.provisions,
  };
}

function breakGlassOut(r: any) {
  const ts = (t: any) => (t ? new Date(t).toISOString() : null);
  return { id: r.id, childId: r.child_id, userSub: r.user_sub, userOrg: r.user_org, reason: r.reason, startedAt: ts(r.started_at), expiresAt: ts(r.expires_at), reviewedAt: ts(r.reviewed_at), reviewedBy: r.reviewed_by, reviewOutcome: r.review_outcome };
}

function checkProvisions(list: any[]) {
  if (!Array.isArray(list) || list.length === 0) throw badInput('input.provisions', 'needs at least one provision');
  if (list.length > 50) throw badInput('input.provisions', 'may hold at most 50 provisions');
  return list.map((p, i) => {
    const at = `input.provisions[${i}]`;
    if (!p.categories?.length || !p.categories.every((c: unknown) => isCode(DATA_CATEGORIES, c))) throw badInput(`${at}.categories`, 'needs at least one data category');
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

export const consentResolvers = {
  Query: {
    consents: async (_: unknown, { childId }: { childId: string }, ctx: Ctx) => {
      const id = checkId('childId', childId);
      if (!hasRole(ctx.caller, 'privacy_officer')) {
        requireRole(ctx, ...PROFESSIONAL);
        const context = await ctx.loaders.access.load(id);
        const related = context?.relationships.some((r) => (r.kind === 'ALLOCATION' ? r.userSub === ctx.caller.sub : r.org === ctx.caller.org));
        if (!related) throw forbidden('NO_RELATIONSHIP', 'consents are shown to professionals with a relationship to the child');
      }
      return (await ctx.db.query(`${CONSENT_SQL} WHERE k.child_id = $1 ORDER BY k.given_at DESC`, [id])).map(consentOut);
    },
    breakGlassEvents: async (_: unknown, { pendingOnly }: { pendingOnly: boolean }, ctx: Ctx) => {
      requireRole(ctx, 'privacy_officer');
      const rows = await ctx.db.query(`SELECT * FROM break_glass ${pendingOnly ? 'WHERE reviewed_at IS NULL' : ''} ORDER BY started_at DESC LIMIT 1000`);
      return rows.map(breakGlassOut);
    },
    auditTrail: (_: unknown, { childId }: { childId: string }, ctx: Ctx) => {
      requireRole(ctx, 'privacy_officer');
      return { childId: checkId('childId', childId) };
    },
  },
  Mutation: {
    recordConsent: async (_: unknown, { input, idempotencyKey }: { input: any; idempotencyKey?: string | null }, ctx: Ctx) => {
      requireRole(ctx, ...PROFESSIONAL, 'integration');
      const key = checkIdempotencyKey(idempotencyKey);
      const childId = checkId('input.childId', input.childId);
      const givenAt = input.givenAt == null ? new Date().toISOString() : input.givenAt;
      if (Number.isNaN(Date.parse(givenAt)) || !/^\d{4}-\d{2}-\d{2}/.test(givenAt)) throw badInput('input.givenAt', 'must be an ISO date-time');
      if (Date.parse(givenAt) > Date.now() + 60_000) throw badInput('input.givenAt', 'is in the future');
      const provisions = checkProvisions(input.provisions);
      const dob = await childDob(ctx, childId);
      const lacks = input.youngPersonLacksCapacity === true;
      if (!deciderEntitled({ decider: input.decider, youngPersonLacksCapacity: lacks }, dob, givenAt.slice(0, 10))) {
        throw badInput('input.decider', 'is not the person entitled to decide for this child on that date (age and capacity)');
      }
      const id = await insertConsentOnce(ctx.db, { id: randomUUID(), childId, decider: input.decider, lacks, givenAt, sub: ctx.caller.sub, org: ctx.caller.org, provisions: JSON.stringify(provisions), key });
      return consentOut((await ctx.db.query(`${CONSENT_SQL} WHERE k.id = $1`, [id]))[0]);
    },
    withdrawConsent: async (_: unknown, { id }: { id: string }, ctx: Ctx) => {
      requireRole(ctx, ...PROFESSIONAL, 'integration');
      const consentId = checkId('id', id);
      const rows = await ctx.db.query(
        `INSERT INTO consent_withdrawal (consent_id, withdrawn_at, recorded_by, recorded_org)
         SELECT id, now(), $2, $3 FROM consent WHERE id = $1 ON CONFLICT (consent_id) DO NOTHING RETURNING consent_id`,
        [consentId, ctx.caller.sub, ctx.caller.org],
      );
      const current = await ctx.db.query(`${CONSENT_SQL} WHERE k.id = $1`, [consentId]);
      if (!current.length) throw badInput('id', 'is not a recorded consent');
      if (!rows.length) throw badInput('id', 'was already withdrawn');
      return consentOut(current[0]);
    },
    allocate: async (_: unknown, { input }: { input: any }, ctx: Ctx) => {
      requireRole(ctx, 'ehc_coordinator', 'health_practitioner', 'social_worker', 'integration');
      const childId = checkId('input.childId', input.childId);
      if (typeof input.userSub !== 'string' || !/^[\w.@:-]{1,100}$/.test(input.userSub)) throw badInput('input.userSub', 'must be a user id');
      const start = checkDate('input.startDate', input.startDate)!;
      const end = checkDate('input.endDate', input.endDate);
      if (end && end < start) throw badInput('input.endDate', 'is before startDate');
      await childDob(ctx, childId);
      await ctx.db.query('INSERT INTO relationship (child_id, kind, agency, org, user_sub, start_date, end_date) VALUES ($1, $2, $3, $4, $5, $6, $7)', [childId, 'ALLOCATION', ctx.caller.agency, ctx.caller.org, input.userSub, start, end]);
      return { childId, kind: 'ALLOCATION', agency: ctx.caller.agency, org: ctx.caller.org, userSub: input.userSub, startDate: start, endDate: end };
    },
    breakGlass: async (_: unknown, args: { childId: string; reason: string; minutes: number }, ctx: Ctx) => {
      requireRole(ctx, ...PROFESSIONAL);
      const childId = checkId('childId', args.childId);
      if (typeof args.reason !== 'string' || args.reason.trim().length < 10) throw badInput('reason', 'must state why, in at least 10 characters');
      if (args.reason.length > 1000) throw badInput('reason', 'may be at most 1000 characters');
      if (!Number.isInteger(args.minutes) || args.minutes < 1 || args.minutes > 240) throw badInput('minutes', 'must be 1 to 240');
      await childDob(ctx, childId);
      const rows = await ctx.db.query(
        `INSERT INTO break_glass (id, child_id, user_sub, user_org, user_roles, reason, started_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, now(), now() + make_interval(mins => $7)) RETURNING *`,
        [randomUUID(), childId, ctx.caller.sub, ctx.caller.org, ctx.caller.roles, args.reason.trim(), args.minutes],
      );
      return breakGlassOut(rows[0]);
    },
    reviewBreakGlass: async (_: unknown, args: { id: string; outcome: string }, ctx: Ctx) => {
      requireRole(ctx, 'privacy_officer');
      const id = checkId('id', args.id);
      if (typeof args.outcome !== 'string' || args.outcome.trim().length < 3 || args.outcome.length > 1000) throw badInput('outcome', 'must be 3 to 1000 characters');
      const rows = await ctx.db.query('UPDATE break_glass SET reviewed_at = now(), reviewed_by = $2, review_outcome = $3 WHERE id = $1 AND reviewed_at IS NULL RETURNING *', [id, ctx.caller.sub, args.outcome.trim()]);
      if (!rows.length) throw badInput('id', 'is not a break-glass access awaiting review');
      return breakGlassOut(rows[0]);
    },
  },
  Child: {
    accessContext: async (child: { id: string }, _: unknown, ctx: Ctx) => {
      const context = await ctx.loaders.access.load(child.id);
      return context ? contexts().sign(context) : null;
    },
  },
  ...auditTrailResolvers('governance'),
};
