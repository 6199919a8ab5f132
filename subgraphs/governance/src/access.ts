// Consent, relationships, break glass and family links: what governance knows that bears on access to a child,
// loaded for a whole batch of children in one statement and signed for the agency subgraphs.
import DataLoader from 'dataloader';
import type { AccessContext } from '@hub/guard/policy/types';
import type { Db } from '@hub/runtime/db';

const ACCESS_SQL = `
SELECT c.id AS child_id, c.date_of_birth,
  (SELECT coalesce(json_agg(json_build_object('id', k.id, 'decider', k.decider,
      'youngPersonLacksCapacity', k.young_person_lacks_capacity, 'givenAt', k.given_at,
      'withdrawnAt', w.withdrawn_at, 'provisions', k.provisions) ORDER BY k.given_at), '[]')
    FROM consent k LEFT JOIN consent_withdrawal w ON w.consent_id = k.id WHERE k.child_id = c.id) AS consents,
  (SELECT coalesce(json_agg(json_build_object('kind', r.kind, 'agency', r.agency, 'org', r.org,
      'userSub', r.user_sub, 'start', r.start_date, 'end', r.end_date)), '[]')
    FROM relationship r WHERE r.child_id = c.id AND (r.end_date IS NULL OR r.end_date >= current_date)) AS relationships,
  (SELECT coalesce(json_agg(json_build_object('id', b.id, 'userSub', b.user_sub, 'userOrg', b.user_org,
      'startedAt', b.started_at, 'expiresAt', b.expires_at)), '[]')
    FROM break_glass b WHERE b.child_id = c.id AND b.expires_at > now()) AS break_glass,
  (SELECT coalesce(json_agg(json_build_object('userSub', f.user_sub, 'relation', f.relation,
      'youngPersonLacksCapacity', f.young_person_lacks_capacity, 'start', f.start_date, 'end', f.end_date)), '[]')
    FROM family_link f WHERE f.child_id = c.id AND (f.end_date IS NULL OR f.end_date >= current_date)) AS family,
  (SELECT coalesce(json_agg(json_build_object('agency', h.agency, 'category', h.category)), '[]')
    FROM family_withholding h WHERE h.child_id = c.id AND h.ended_at IS NULL) AS family_withheld
FROM child c WHERE c.id = ANY($1::uuid[])`;

const iso = (t: string | null) => (t == null ? null : new Date(t).toISOString());

export function accessContextLoader(db: Db) {
  return new DataLoader<string, AccessContext | null>(async (ids) => {
    const rows = await db.query(ACCESS_SQL, [ids as string[]]);
    const byId = new Map<string, AccessContext>();
    for (const r of rows) {
      byId.set(r.child_id, {
        childId: r.child_id,
        dateOfBirth: r.date_of_birth,
        // Timestamps normalised to one ISO form, so the policy can compare them as strings.
        consents: r.consents.map((k: any) => ({ ...k, givenAt: iso(k.givenAt)!, withdrawnAt: iso(k.withdrawnAt) })),
        relationships: r.relationships,
        breakGlass: r.break_glass.map((b: any) => ({ ...b, startedAt: iso(b.startedAt)!, expiresAt: iso(b.expiresAt)! })),
        family: r.family,
        familyWithheld: r.family_withheld,
      });
    }
    return ids.map((id) => byId.get(id) ?? null);
  });
}
