// Linking the family to their child: by a professional who works with the child, or by the family
// member redeeming a one-time invitation. Invitations are the attack surface, so: codes carry 160
// random bits and are stored only hashed; single use; they expire; every failure looks the same
// (nothing tells whether a code, or a child, exists); failures are rate-limited per user, and a real
// code tried by the wrong kind of family member is revoked after a few tries.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { accessContexts } from '@hub/guard/policy/context-token';
import { auditedWrite, auditRecord, type SubgraphContext } from '@hub/host/subgraph';
import { badInput } from '@hub/guard/errors';
import { checkIdempotencyKey } from '@hub/host/idempotency-key';
import { familyRelation } from '@hub/guard/policy/family';
import { withAuditOnWrite } from '@hub/guard/audit/writer';
import { FAMILY_INVITATION_DAYS, FAMILY_RELATIONS, isCode, toIsoDate, type FamilyRelation } from '@hub/schema';
import { permitted, RECORD } from '../audit';
import type { Loaders } from '../repository';
import { checkId, checkUserSub } from '../validate';
import { requireToActForFamily, requireVisible } from '../visibility';
import type { Resolvers } from '../generated/graphql';

type Ctx = SubgraphContext<Loaders>;

const MAX_FAILURES_PER_HOUR = 5;
const MAX_WRONG_TRIES_PER_CODE = 3;
const CODE = /^[A-Z2-7]{32}$/;
const NOT_VALID = 'is not a valid invitation code, or it has expired or been used';
const LINK_COLUMNS = 'id, child_id, user_sub, relation, start_date, created_as';

/** RFC 4648 base32, no padding: 20 random bytes make 32 characters a person can type. */
function newCode(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

const hashOf = (code: string) => createHash('sha256').update(code).digest('hex');

/** A family link as LINK_COLUMNS select it. */
interface FamilyLinkRow {
  id: string;
  child_id: string;
  user_sub: string;
  relation: FamilyRelation;
  start_date: string;
  created_as: string;
}

function linkOut(r: FamilyLinkRow) {
  return { id: r.id, childId: r.child_id, userSub: r.user_sub, relation: r.relation, startDate: r.start_date, createdAs: r.created_as };
}

/**
 * Only a professional who works with the child brings the family in: not on break glass, nor on
 * their own self-claim (a family member they link could then decide about sharing as the child's
 * parent) — the same rule as recording consent on the family's behalf.
 */
async function requireWorksWith(ctx: Ctx, childId: string) {
  await requireToActForFamily(
    ctx,
    childId,
    RECORD.familyLink,
    'CREATE',
    'only a professional with a current relationship to the child links the family',
  );
}

function checkRelation(value: unknown): 'PARENT' | 'YOUNG_PERSON' {
  if (!isCode(FAMILY_RELATIONS, value)) throw badInput('input.relation', `must be one of ${FAMILY_RELATIONS.join(', ')}`);
  return value;
}

export const familyResolvers: Resolvers = {
  Query: {
    whoLooked: async (_, { childId }, ctx) => {
      const id = checkId('childId', childId);
      const { context } = await requireVisible(ctx, id, RECORD.auditTrail, 'READ');
      return { childId: id, accessContext: accessContexts().sign(context!) };
    },
    myChildren: async (_, __, ctx) => {
      const rows = await ctx.db.query<{ child_id: string }>(
        'SELECT DISTINCT child_id FROM family_link WHERE user_sub = $1 AND relation = $2 AND start_date <= current_date AND (end_date IS NULL OR end_date >= current_date) ORDER BY child_id',
        [ctx.caller.sub, familyRelation(ctx.caller)],
      );
      ctx.audit!.add(...rows.map((r) => permitted(r.child_id, RECORD.childIndex, 'LOOKUP', 'RELATIONSHIP')));
      return rows.map((r) => ({ id: r.child_id }));
    },
  },
  Mutation: {
    linkFamilyMember: async (_, { input, idempotencyKey }, ctx) => {
      const childId = checkId('input.childId', input.childId);
      const userSub = checkUserSub('input.userSub', input.userSub);
      const relation = checkRelation(input.relation);
      const key = checkIdempotencyKey(idempotencyKey);
      await requireWorksWith(ctx, childId);
      const id = randomUUID();
      const inserted = await auditedWrite<FamilyLinkRow>(
        ctx,
        `INSERT INTO family_link (id, child_id, user_sub, relation, young_person_lacks_capacity, start_date, created_by, created_as, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, current_date, $6, 'PROFESSIONAL', $7) ON CONFLICT (created_by, idempotency_key) DO NOTHING RETURNING ${LINK_COLUMNS}`,
        [id, childId, userSub, relation, input.youngPersonLacksCapacity === true, ctx.caller.sub, key],
        [permitted(childId, RECORD.familyLink, 'CREATE', 'RELATIONSHIP', id)],
      );
      if (inserted.length) return linkOut(inserted[0]);
      const [first] = await ctx.db.query<FamilyLinkRow>(
        `SELECT ${LINK_COLUMNS} FROM family_link WHERE created_by = $1 AND idempotency_key = $2`,
        [ctx.caller.sub, key],
      );
      if (first.child_id !== childId || first.user_sub !== userSub)
        throw badInput('idempotencyKey', 'was already used for a different link');
      return linkOut(first);
    },
    inviteFamilyMember: async (_, { input }, ctx) => {
      const childId = checkId('input.childId', input.childId);
      const relation = checkRelation(input.relation);
      await requireWorksWith(ctx, childId);
      const code = newCode();
      const id = randomUUID();
      const [row] = await auditedWrite(
        ctx,
        `INSERT INTO family_invitation (code_hash, id, child_id, relation, young_person_lacks_capacity, created_by, created_org, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(days => $8)) RETURNING id, child_id, relation, expires_at`,
        [
          hashOf(code),
          id,
          childId,
          relation,
          input.youngPersonLacksCapacity === true,
          ctx.caller.sub,
          ctx.caller.org,
          FAMILY_INVITATION_DAYS,
        ],
        [permitted(childId, RECORD.familyLink, 'CREATE', 'RELATIONSHIP', id)],
      );
      return { id: row.id, childId: row.child_id, relation: row.relation, code, expiresAt: new Date(row.expires_at).toISOString() };
    },
    redeemInvitation: async (_, { code }, ctx) => {
      const relation = familyRelation(ctx.caller)!;
      const [{ n }] = await ctx.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM family_redeem_failure WHERE user_sub = $1 AND at > now() - interval '1 hour'",
        [ctx.caller.sub],
      );
      if (n >= MAX_FAILURES_PER_HOUR) throw badInput('code', 'has been tried wrongly too often; try again in an hour');
      const normalised = typeof code === 'string' ? code.replace(/[\s-]/g, '').toUpperCase() : '';
      const hash = hashOf(normalised);
      const linkId = randomUUID();
      const today = toIsoDate(new Date())!;
      const linked = await ctx.db.transaction(async (q) => {
        const [inv] = CODE.test(normalised)
          ? await q<{ child_id: string; relation: string; young_person_lacks_capacity: boolean; usable: boolean }>(
              `SELECT child_id, relation, young_person_lacks_capacity,
                      (redeemed_at IS NULL AND expires_at > now() AND failed_attempts < $2) AS usable
                 FROM family_invitation WHERE code_hash = $1 FOR UPDATE`,
              [hash, MAX_WRONG_TRIES_PER_CODE],
            )
          : [];
        if (!inv || !inv.usable || inv.relation !== relation) {
          if (inv) await q('UPDATE family_invitation SET failed_attempts = failed_attempts + 1 WHERE code_hash = $1', [hash]);
          return null;
        }
        await q('UPDATE family_invitation SET redeemed_at = now(), redeemed_by = $2 WHERE code_hash = $1', [hash, ctx.caller.sub]);
        const s = withAuditOnWrite(
          `INSERT INTO family_link (id, child_id, user_sub, relation, young_person_lacks_capacity, start_date, created_by, created_as)
           VALUES ($1, $2, $3, $4, $5, $6, $3, 'INVITATION') RETURNING ${LINK_COLUMNS}`,
          [linkId, inv.child_id, ctx.caller.sub, relation, inv.young_person_lacks_capacity, today],
          auditRecord(ctx, [permitted(inv.child_id, RECORD.familyLink, 'CREATE', 'RELATIONSHIP', linkId)]),
        );
        return (await q<FamilyLinkRow>(s.sql, s.params))[0];
      });
      if (!linked) {
        await ctx.db.query('INSERT INTO family_redeem_failure (user_sub) VALUES ($1)', [ctx.caller.sub]);
        throw badInput('code', NOT_VALID);
      }
      return linkOut(linked);
    },
  },
};
