import { randomUUID } from 'node:crypto';
import { auditedWrite, type SubgraphContext } from '@hub/host/subgraph';
import type { Agency, RelationshipKind } from '@hub/schema';
import { permitted, RECORD } from '../audit';

export const RELATIONSHIP_COLUMNS = `public_id, child_id, kind, agency, org, user_sub, start_date, end_date, created_by, created_org, created_as, created_at, reason, reviewed_at, reviewed_by, review_outcome`;

/** A relationship as RELATIONSHIP_COLUMNS select it. */
export interface RelationshipRow {
  public_id: string;
  child_id: string;
  kind: RelationshipKind;
  agency: Agency;
  org: string;
  user_sub: string | null;
  start_date: string;
  end_date: string | null;
  created_by: string | null;
  created_org: string | null;
  created_as: string | null;
  created_at: Date | null;
  reason: string | null;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  review_outcome: string | null;
}

export function relationshipOut(r: RelationshipRow) {
  const ts = (t: Date | null) => (t ? new Date(t).toISOString() : null);
  return {
    id: r.public_id,
    childId: r.child_id,
    kind: r.kind,
    agency: r.agency,
    org: r.org,
    userSub: r.user_sub,
    startDate: r.start_date,
    endDate: r.end_date,
    createdBy: r.created_by,
    createdAs: r.created_as,
    createdAt: ts(r.created_at),
    reason: r.reason,
    reviewedAt: ts(r.reviewed_at),
    reviewedBy: r.reviewed_by,
    reviewOutcome: r.review_outcome,
  };
}

export interface NewRelationship {
  childId: string;
  kind: 'ALLOCATION' | 'SELF_CLAIM';
  agency: string;
  org: string;
  userSub: string;
  start: string;
  end: string | null;
  createdBy: string;
  createdOrg: string;
  createdAs: 'SOURCE_SYSTEM' | 'TEAM_MANAGER' | 'SELF_CLAIM';
  reason: string | null;
  key: string | null;
}

/** Inserts (with its audit record, in one statement) unless this creator already used the key;
 *  returns the row and whether it is new. */
export async function insertRelationshipOnce(
  ctx: SubgraphContext<unknown>,
  r: NewRelationship,
): Promise<{ row: RelationshipRow; created: boolean }> {
  const id = randomUUID();
  const inserted = await auditedWrite<RelationshipRow>(
    ctx,
    `INSERT INTO relationship (public_id, child_id, kind, agency, org, user_sub, start_date, end_date, created_by, created_org, created_as, reason, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (created_by, idempotency_key) DO NOTHING RETURNING ${RELATIONSHIP_COLUMNS}`,
    [id, r.childId, r.kind, r.agency, r.org, r.userSub, r.start, r.end, r.createdBy, r.createdOrg, r.createdAs, r.reason, r.key],
    [permitted(r.childId, RECORD.relationship, 'CREATE', 'ROLE', id)],
  );
  if (inserted.length) return { row: inserted[0], created: true };
  const [first] = await ctx.db.query<RelationshipRow>(
    `SELECT ${RELATIONSHIP_COLUMNS} FROM relationship WHERE created_by = $1 AND idempotency_key = $2`,
    [r.createdBy, r.key],
  );
  return { row: first, created: false };
}
