// How every subgraph shows its audit trail to privacy officers: `ChildAudit.<field>` is the
// events this subgraph recorded about the child. Audit data is governance data: the role decides.
import { readAuditTrail, type AuditEventRow } from '@hub/guard/audit/writer';
import { sealAudit } from '@hub/guard/audit/seal';
import type { SubgraphContext } from '../subgraph';
import { accessContexts } from '@hub/guard/policy/context-token';
import { whoLookedResolvers, whoLookedSdl } from './who-looked';

/** What ChildAudit's fields receive: the entity's key. */
export type ChildAuditRef = { childId: string };

/** The privacy officer's trail and the family's "who looked", for the service named `service`. */
export function auditTrailResolvers(field: string, service = field) {
  return {
    ...whoLookedResolvers(field, service, accessContexts),
    ChildAudit: {
      __resolveReference: (ref: ChildAuditRef) => ref,
      [field]: async (a: ChildAuditRef, _: unknown, ctx: SubgraphContext) => {
        // Chain what is waiting first, so the trail includes the requests of a moment ago.
        await sealAudit(ctx.db);
        return readAuditTrail(ctx.db, a.childId);
      },
    },
    AuditEvent: {
      actorSub: (e: AuditEventRow) => e.actor.sub,
      actorOrg: (e: AuditEventRow) => e.actor.org,
      actorRoles: (e: AuditEventRow) => e.actor.roles,
    },
  };
}

/** `owner`: governance, which answers whoLooked(childId) and signs the context the others check. */
export function childAuditSdl(field: string, owner = false): string {
  return `${whoLookedSdl(field, owner)}

"""A child's audit trail; each agency's subgraph contributes the events it recorded."""
type ChildAudit @key(fields: "childId") @notPersonal {
  childId: ID!
  "Disclosures and refusals recorded by this service, oldest first; null with an error naming it when this service cannot answer (the other parts still do)."
  ${field}: [AuditEvent!] @requiresRole(roles: ["privacy_officer"], reason: "audit trails are for privacy officers")
}`;
}
