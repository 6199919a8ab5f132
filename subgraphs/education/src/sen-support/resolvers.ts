// SEN support records: opening one (ranked census needs, provision, next review) and reviewing it.
// All SQL for SEN support is here; the records are read for every child of a request in one statement.
import { randomUUID } from 'node:crypto';
import { badInput } from '@hub/guard/errors';
import { manyByKey } from '@hub/runtime/loaders';
import { recordSource } from '@hub/ingest/sdl';
import { type Db } from '@hub/runtime/db';
import {
  daysBetween,
  isCode,
  SEN_SUPPORT_REVIEW_OUTCOMES,
  SEN_SUPPORT_TYPES,
  toIsoDate,
  type SenSupportReviewOutcome,
  type SenSupportType,
  type Timeliness,
} from '@hub/schema';
import { authoriseForChild, coordinatorLa, type Authorised } from '../assessments/access';
import { educationRecordLa } from '../assessments/repository';
import { checkDate, checkId, checkText, notBefore } from '../assessments/validate';
import { checkIdempotencyKey } from '../plans/validate';
import type { Resolvers } from '../generated/graphql';

const today = () => toIsoDate(new Date())!;

export interface SupportRow {
  id: string;
  child_id: string;
  la_code: string;
  start_on: string;
  end_on: string | null;
  provision: string[];
  next_review_on: string | null;
  needs: { rank: number; senType: SenSupportType }[];
  reviews: { id: string; reviewedOn: string; outcome: SenSupportReviewOutcome; nextReviewOn: string | null }[];
  /** Set on a record a school's CTF fed (ingest/ctf): which system, and when its submission was received. */
  source_system: string | null;
  source_at: Date | null;
}

const SUPPORT_SQL = `
SELECT s.id, s.child_id, r.la_code, s.start_on, s.end_on, s.provision, CASE WHEN s.end_on IS NULL THEN s.next_review_on END AS next_review_on, s.source_system, s.source_at,
  (SELECT coalesce(json_agg(json_build_object('rank', n.rank, 'senType', n.sen_type) ORDER BY n.rank), '[]') FROM sen_support_need n WHERE n.support_id = s.id) AS needs,
  (SELECT coalesce(json_agg(json_build_object('id', v.id, 'reviewedOn', v.reviewed_on, 'outcome', v.outcome, 'nextReviewOn', v.next_review_on)
    ORDER BY v.reviewed_on DESC, v.id), '[]') FROM sen_support_review v WHERE v.support_id = s.id) AS reviews
FROM sen_support s JOIN education_record r ON r.child_id = s.child_id`;

export function senSupportLoaders(db: Db) {
  return {
    byChild: manyByKey<SupportRow>(
      db,
      `${SUPPORT_SQL} WHERE s.child_id = ANY($1::uuid[]) AND s.closed_at IS NULL ORDER BY s.start_on DESC, s.id`,
      'child_id',
    ),
  };
}

async function supportById(q: Db['query'], id: string): Promise<SupportRow | null> {
  return (await q<SupportRow>(`${SUPPORT_SQL} WHERE s.id = $1`, [id]))[0] ?? null;
}

function view(s: SupportRow, on: string, child?: Authorised['child']) {
  const overdue = s.next_review_on !== null && s.next_review_on < on ? daysBetween(s.next_review_on, on) : null;
  const reviewTimeliness: Timeliness = s.next_review_on === null ? 'NOT_APPLICABLE' : overdue !== null ? 'OVERDUE' : 'NOT_YET_DUE';
  return {
    ...(child ? { child } : {}),
    id: s.id,
    startOn: s.start_on,
    endOn: s.end_on,
    needs: s.needs,
    provision: s.provision,
    nextReviewOn: s.next_review_on,
    reviewTimeliness,
    daysOverdue: overdue,
    reviews: s.reviews,
    source: recordSource(s),
  };
}

function checkNeeds(v: unknown): SenSupportType[] {
  if (!Array.isArray(v) || v.length < 1 || v.length > 2)
    throw badInput('input.needs', 'must rank one or two needs (primary, then secondary)');
  if (!v.every((t) => isCode(SEN_SUPPORT_TYPES, t))) throw badInput('input.needs', 'holds a type that is not a SEN type');
  if (v.length === 2 && v[0] === v[1]) throw badInput('input.needs', 'ranks the same type twice');
  if (v.length === 2 && v.includes('NSA')) throw badInput('input.needs', 'NSA (no specialist assessment) stands alone');
  return v as SenSupportType[];
}

export const senSupportResolvers: Resolvers = {
  Mutation: {
    recordSenSupport: async (_, args, ctx) => {
      const input = args.input ?? {};
      const childId = checkId('input.childId', input.childId);
      const startOn = checkDate('input.startOn', input.startOn, today());
      const needs = checkNeeds(input.needs);
      if (!Array.isArray(input.provision) || input.provision.length < 1 || input.provision.length > 30)
        throw badInput('input.provision', 'must list 1 to 30 items of provision');
      const provision = input.provision.map((p: unknown, i: number) => checkText(`input.provision[${i}]`, p, 3, 1000));
      const nextReviewOn = checkDate('input.nextReviewOn', input.nextReviewOn, '9999-12-31');
      notBefore('input.nextReviewOn', nextReviewOn, startOn, 'startOn');
      const key = checkIdempotencyKey(input.idempotencyKey);
      const auth = await authoriseForChild(ctx, childId, 'input.childId');
      if ((await educationRecordLa(ctx.db, childId)) !== auth.laCode)
        throw badInput('input.childId', 'has no education record in your local authority');
      const id = randomUUID();
      const written = await ctx.db.transaction(async (q) => {
        const rows = await q(
          `INSERT INTO sen_support (id, child_id, start_on, provision, next_review_on, recorded_by, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
          [id, childId, startOn, JSON.stringify(provision), nextReviewOn, ctx.caller.sub, key],
        );
        if (!rows.length) return false;
        await q(
          'INSERT INTO sen_support_need (support_id, rank, sen_type) SELECT $1, n, t FROM unnest($2::text[]) WITH ORDINALITY AS x(t, n)',
          [id, needs],
        );
        // A child on SEN support is recorded so, unless a plan is in force.
        await q("UPDATE education_record SET sen_status = 'SEN_SUPPORT' WHERE child_id = $1 AND sen_status = 'NONE'", [childId]);
        return true;
      });
      if (!written) {
        const [r] = await ctx.db.query<{ id: string; child_id: string; start_on: string }>(
          'SELECT id, child_id, start_on FROM sen_support WHERE recorded_by = $1 AND idempotency_key = $2',
          [ctx.caller.sub, key],
        );
        if (!r) throw badInput('input.childId', 'already has SEN support under way');
        if (r.child_id !== childId || r.start_on !== startOn) throw badInput('input.idempotencyKey', 'was already used for another record');
        return view((await supportById(ctx.db.query, r.id))!, today(), auth.child);
      }
      return view((await supportById(ctx.db.query, id))!, today(), auth.child);
    },
    recordSenSupportReview: async (_, args, ctx) => {
      const la = coordinatorLa(ctx);
      const supportId = checkId('supportId', args.supportId);
      const reviewedOn = checkDate('reviewedOn', args.reviewedOn, today());
      if (!isCode(SEN_SUPPORT_REVIEW_OUTCOMES, args.outcome)) throw badInput('outcome', 'is not a review outcome');
      const ends = args.outcome === 'NO_LONGER_NEEDED';
      if (ends && args.nextReviewOn != null) throw badInput('nextReviewOn', 'must be empty when support is no longer needed');
      if (!ends && args.nextReviewOn == null) throw badInput('nextReviewOn', 'is needed while support continues');
      const next = args.nextReviewOn == null ? null : checkDate('nextReviewOn', args.nextReviewOn, '9999-12-31');
      if (next !== null && next <= reviewedOn) throw badInput('nextReviewOn', 'must be after reviewedOn');
      const key = checkIdempotencyKey(args.idempotencyKey, 'idempotencyKey');
      const s = await supportById(ctx.db.query, supportId);
      if (!s || s.la_code !== la) throw badInput('supportId', 'is not a SEN support record of your local authority');
      const auth = await authoriseForChild(ctx, s.child_id, 'supportId');
      const [prior] = await ctx.db.query<{ support_id: string; reviewed_on: string }>(
        'SELECT support_id, reviewed_on FROM sen_support_review WHERE recorded_by = $1 AND idempotency_key = $2',
        [ctx.caller.sub, key],
      );
      if (prior) {
        if (prior.support_id !== supportId || prior.reviewed_on !== reviewedOn)
          throw badInput('idempotencyKey', 'was already used for another review');
        return view((await supportById(ctx.db.query, supportId))!, today(), auth.child);
      }
      if (s.end_on !== null) throw badInput('supportId', 'has ended');
      notBefore('reviewedOn', reviewedOn, s.reviews[0]?.reviewedOn ?? s.start_on, 'the last review (or the start)');
      await ctx.db.transaction(async (q) => {
        const rows = await q(
          `INSERT INTO sen_support_review (id, support_id, reviewed_on, outcome, next_review_on, recorded_by, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
          [randomUUID(), supportId, reviewedOn, args.outcome, next, ctx.caller.sub, key],
        );
        if (!rows.length) return;
        if (ends) await q('UPDATE sen_support SET end_on = $2 WHERE id = $1', [supportId, reviewedOn]);
        else await q('UPDATE sen_support SET next_review_on = $2 WHERE id = $1', [supportId, next]);
      });
      return view((await supportById(ctx.db.query, supportId))!, today(), auth.child);
    },
  },
  EducationRecord: {
    senSupport: async (r, _, ctx) => {
      const on = today();
      return (await ctx.loaders.senSupport.byChild.load(r.child_id)).map((s) => view(s, on));
    },
  },
};
