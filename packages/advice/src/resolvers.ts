// Resolvers of the advice module for one advising agency. Role and organisation checks are here
// (non-personal: who may write advice for which request); the advice content itself is guarded by
// the shared enforcement (its types are @personal), like every other record.
import { randomUUID } from 'node:crypto';
import {
  ADVICE_TYPES,
  daysBetween,
  isCode,
  isHubId,
  isoDateProblem,
  organisationCodeProblem,
  toIsoDate,
  trustsOfIcb,
  type Timeliness,
} from '@hub/schema';
import { badInput, forbidden } from '@hub/guard/errors';
import { hasRole } from '@hub/guard/identity';
import { enqueue } from '@hub/host/outbox/enqueue';
import { authoriseChild, type ChildWithContext } from '@hub/host/peer-context';
import type { SubgraphContext } from '@hub/host/subgraph';
import { ADVICE_SUBMITTED_MESSAGE, adviceNames, type AdviceAgency } from './config';
import {
  adviceByKey,
  firstVersion,
  insertFirstVersion,
  insertNextVersion,
  listRequests,
  requestById,
  storeRequest,
  type AdviceLoaders,
  type AdviceRequestRow,
  type AdviceRow,
} from './repository';
import { checkContent, checkKey, checkUuid } from './validate';

type Ctx = SubgraphContext<{ advice: AdviceLoaders }>;
const today = () => toIsoDate(new Date())!;

function requestTiming(r: AdviceRequestRow, on: string) {
  const submitted = r.first_submitted_at ? toIsoDate(new Date(r.first_submitted_at))! : null;
  let timeliness: Timeliness;
  if (submitted) timeliness = submitted <= r.due_on ? 'IN_TIME' : 'LATE';
  else timeliness = on <= r.due_on ? 'NOT_YET_DUE' : 'OVERDUE';
  return {
    status: submitted ? 'RECEIVED' : 'OUTSTANDING',
    timeliness,
    submittedOn: submitted,
    daysRemaining: !submitted && on <= r.due_on ? daysBetween(on, r.due_on) : null,
    daysOverdue: !submitted && on > r.due_on ? daysBetween(r.due_on, on) : null,
  };
}

function adviceOut(a: AdviceRow, child?: ChildWithContext) {
  return {
    // Carried, never shown: the guard adopts this child for the result's personal fields.
    ...(child ? { child } : {}),
    id: a.id,
    version: a.version,
    requestId: a.request_id,
    needs: a.needs,
    outcomes: a.outcomes,
    provision: a.provision,
    authorName: a.author_name,
    authorRole: a.author_role,
    adviceDate: a.advice_date,
    submittedAt: new Date(a.submitted_at).toISOString(),
    organisation: a.submitted_org,
    childId: a.child_id,
  };
}

export function adviceResolvers(agency: AdviceAgency) {
  const n = adviceNames(agency);

  /** Tells education the advice (or its new version) arrived, in the same transaction as the write. */
  const announce = (q: Parameters<typeof enqueue>[0], row: AdviceRow) =>
    enqueue(
      q,
      ADVICE_SUBMITTED_MESSAGE.destination,
      ADVICE_SUBMITTED_MESSAGE.operation,
      {
        requestId: row.request_id,
        agency: agency.agency,
        receivedOn: toIsoDate(new Date(row.submitted_at)),
        version: row.version,
      },
      `advice-submitted:${row.id}:${row.version}`,
    );

  /** Writes one version and, in the same transaction, the message telling education; then sends it
   *  at once. Null when a unique constraint refused the version (a racing retry, or a conflict). */
  const writeAnnounced = async (ctx: Ctx, insert: (q: Parameters<typeof enqueue>[0]) => Promise<AdviceRow | null | undefined>) => {
    const row = await ctx.db.transaction(async (q) => {
      const inserted = await insert(q);
      if (inserted) await announce(q, inserted);
      return inserted;
    });
    if (row) ctx.outbox?.kick();
    return row;
  };

  /** A retry with a key already used: the first result, if it was for the same thing. */
  const replay = async (ctx: Ctx, found: AdviceRow, same: boolean) => {
    if (!same) throw badInput('input.idempotencyKey', 'was already used for a different submission');
    return adviceOut(found, await authoriseChild(ctx, found.child_id, agency.category, 'input.requestId'));
  };

  return {
    Query: {
      [n.requestsQuery]: async (_: unknown, args: { organisation?: string | null; outstandingOnly?: boolean }, ctx: Ctx) => {
        // The SDL admits practitioners and overseers; an overseer sees every trust of their ICB.
        let orgs: readonly string[] = hasRole(ctx.caller, ...agency.overseerRoles) ? trustsOfIcb(ctx.caller.org) : [ctx.caller.org];
        if (args.organisation != null) {
          const p = organisationCodeProblem(args.organisation);
          if (p) throw badInput('organisation', p);
          if (!orgs.includes(args.organisation)) throw forbidden('ROLE', 'that organisation is not yours to oversee');
          orgs = [args.organisation];
        }
        const on = today();
        return (await listRequests(ctx.db, orgs, args.outstandingOnly !== false)).map((r) => ({ ...r, timing: requestTiming(r, on) }));
      },
    },
    Mutation: {
      [n.submit]: async (_: unknown, { input }: { input: any }, ctx: Ctx) => {
        const requestId = checkUuid('input.requestId', input.requestId);
        const key = checkKey('input.idempotencyKey', input.idempotencyKey);
        const content = checkContent(input, agency.provisionSections, today());
        const earlier = await adviceByKey(ctx.db, ctx.caller.sub, key);
        if (earlier) return replay(ctx, earlier, earlier.request_id === requestId && earlier.version === 1);
        const request = await requestById(ctx.db, requestId);
        if (!request || request.organisation !== ctx.caller.org)
          throw badInput('input.requestId', 'is not a request for advice addressed to your organisation');
        // Need-to-know for the child (the request's relationship, or an allocation), decided and audited.
        const child = await authoriseChild(ctx, request.child_id, agency.category, 'input.requestId');
        const row = await writeAnnounced(ctx, (q) =>
          insertFirstVersion(
            q,
            { id: randomUUID(), requestId, childId: request.child_id, key, sub: ctx.caller.sub, org: ctx.caller.org },
            content,
          ),
        );
        if (row) return adviceOut(row, child);
        // Refused by a unique constraint: a concurrent retry with the same key won, or the
        // request already has advice under another key.
        const winner = await adviceByKey(ctx.db, ctx.caller.sub, key);
        if (winner) return replay(ctx, winner, winner.request_id === requestId && winner.version === 1);
        throw badInput('input.requestId', `already has advice: amend it (${n.amend}) instead`);
      },
      [n.amend]: async (_: unknown, { adviceId, input }: { adviceId: string; input: any }, ctx: Ctx) => {
        const id = checkUuid('adviceId', adviceId);
        const key = checkKey('input.idempotencyKey', input.idempotencyKey);
        const content = checkContent(input, agency.provisionSections, today());
        const earlier = await adviceByKey(ctx.db, ctx.caller.sub, key);
        if (earlier) return replay(ctx, earlier, earlier.id === id && earlier.version > 1);
        const first = await firstVersion(ctx.db, id);
        if (!first || first.organisation !== ctx.caller.org) throw badInput('adviceId', 'is not advice given by your organisation');
        const child = await authoriseChild(ctx, first.child_id, agency.category, 'adviceId');
        const row = await writeAnnounced(ctx, (q) => insertNextVersion(q, id, { key, sub: ctx.caller.sub, org: ctx.caller.org }, content));
        if (row) return adviceOut(row, child);
        const winner = await adviceByKey(ctx.db, ctx.caller.sub, key);
        if (winner) return replay(ctx, winner, winner.id === id && winner.version > 1);
        throw badInput('adviceId', 'could not be amended');
      },
      [n.receive]: async (
        _: unknown,
        args: { id: string; childId: string; organisation: string; adviceType: string; requestedOn: string; dueOn: string },
        ctx: Ctx,
      ) => {
        const id = checkUuid('id', args.id);
        const childId = checkUuid('childId', args.childId);
        const org = organisationCodeProblem(args.organisation);
        if (org) throw badInput('organisation', org);
        if (!isCode(ADVICE_TYPES, args.adviceType)) throw badInput('adviceType', 'is not an advice type');
        for (const k of ['requestedOn', 'dueOn'] as const) {
          const p = isoDateProblem(args[k]);
          if (p) throw badInput(k, p);
        }
        await storeRequest(ctx.db, {
          id,
          childId,
          organisation: args.organisation,
          adviceType: args.adviceType,
          requestedOn: args.requestedOn,
          dueOn: args.dueOn,
        });
        return true;
      },
    },
    [n.request]: {
      child: (r: AdviceRequestRow) => ({ id: r.child_id }),
      adviceType: (r: AdviceRequestRow) => r.advice_type,
      requestedOn: (r: AdviceRequestRow) => r.requested_on,
      dueOn: (r: AdviceRequestRow) => r.due_on,
      status: (r: { timing: ReturnType<typeof requestTiming> }) => r.timing.status,
      timeliness: (r: { timing: ReturnType<typeof requestTiming> }) => r.timing.timeliness,
      daysRemaining: (r: { timing: ReturnType<typeof requestTiming> }) => r.timing.daysRemaining,
      daysOverdue: (r: { timing: ReturnType<typeof requestTiming> }) => r.timing.daysOverdue,
      submittedOn: (r: { timing: ReturnType<typeof requestTiming> }) => r.timing.submittedOn,
      latestVersion: (r: AdviceRequestRow) => r.latest_version,
    },
    AdviceRequest: {
      // Keep the representation: it carries the child and its signed access context (@requires).
      __resolveReference: (ref: { id: string; child?: { id: string; accessContext?: string } }) => ref,
      [n.entityField]: async (ref: { id: string; child: { id: string } }, _: unknown, ctx: Ctx) => {
        if (!isHubId(ref.id)) return [];
        const rows = await ctx.loaders.advice.adviceByRequest.load(ref.id.toLowerCase());
        // Only advice about the child whose access context decided this field.
        return rows.filter((a) => a.child_id === ref.child.id).map((a) => adviceOut(a));
      },
    },
    [agency.recordType]: {
      advice: async (record: { child_id: string }, _: unknown, ctx: Ctx) =>
        (await ctx.loaders.advice.adviceByChild.load(record.child_id)).map((a) => adviceOut(a)),
    },
  };
}
