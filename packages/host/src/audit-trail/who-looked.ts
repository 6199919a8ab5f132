// "Who looked": the family's view of the audit, in plain English, from the same hash-chained records
// the privacy officer reads (never a copy). Governance answers `whoLooked(childId)` for a linked
// parent or young person with the child's signed access context; each audited service then reads its
// own chain for the child, after checking that signature and the caller's own link. What is closed to
// the family (child protection, and what the owning agency marked not to be disclosed to them) is left
// out of what is listed as shown or refused; a look that touched nothing else is left out altogether,
// so the list does not reveal by a bare entry that something closed was read.
import type { AccessContext, DataOwner } from '@hub/guard/policy/types';
import { closedToFamily, familyLinkOf } from '@hub/guard/policy/family';
import type { AccessContextCodec } from '@hub/guard/policy/context-token';
import { forbidden } from '@hub/guard/errors';
import { readAuditTrail, type AuditEventRow } from '@hub/guard/audit/writer';
import { sealAudit } from '@hub/guard/audit/seal';
import type { SubgraphContext } from '../subgraph';

const ROLE_WORDS: Record<string, string> = {
  ehc_coordinator: 'EHC coordinator',
  health_practitioner: 'health professional',
  designated_clinical_officer: 'designated clinical officer',
  social_worker: 'social worker',
  privacy_officer: 'privacy officer',
  integration: "the organisation's own system",
  team_manager: 'team manager',
  parent_carer: 'parent or carer',
  young_person: 'young person',
  commissioner: 'commissioner',
};
const PURPOSE_WORDS: Record<string, string> = {
  DIRECT_CARE: 'care and support',
  EHC_ASSESSMENT: 'an EHC needs assessment',
  EHC_REVIEW: 'an EHC plan review',
  SAFEGUARDING: 'keeping the child safe',
};
const INFORMATION_WORDS: Record<string, string> = {
  IDENTITY: 'identity details',
  EDUCATION: 'education information',
  HEALTH: 'health information',
  MENTAL_HEALTH: 'mental health information',
  SOCIAL_CARE: 'social care information',
  FAMILY: "the family's own account",
  CONSENT: 'sharing choices (consents)',
  RELATIONSHIP: 'who works with the child',
  BREAK_GLASS: 'emergency access records',
  CHILD_INDEX: 'whether the hub knows the child',
  FAMILY_LINK: 'family links',
  AUDIT_TRAIL: 'this record of who looked',
  CORRECTION_REQUEST: 'correction requests',
};
/** Governance's record of an agency's "not to be disclosed to the family" markings: telling the
 *  family that one was made or read would tell them that something is withheld. */
const NEVER_TOLD = 'FAMILY_WITHHOLDING';

/** Whose data each audited service holds, for the agencies' markings; governance's records are
 *  about sharing, not an agency's data, so only child protection is closed there. */
const SERVICE_OWNER: Record<string, DataOwner> = {
  education: 'EDUCATION',
  health: 'HEALTH',
  'social-care': 'SOCIAL_CARE',
  family: 'FAMILY',
  governance: 'FAMILY',
};

/** A look in plain English; `closed` says which categories the family may not be told about. */
export function lookOf(
  e: AuditEventRow,
  service: string,
  closed: (category: string) => boolean = (c) => c === 'SAFEGUARDING' || c === NEVER_TOLD,
) {
  const words = (decision: string) => [
    ...new Set(
      e.entries
        .filter((x) => x.decision === decision && !closed(x.category))
        .map((x) => INFORMATION_WORDS[x.category] ?? x.category.toLowerCase()),
    ),
  ];
  const role = e.actor.roles.map((r) => ROLE_WORDS[r] ?? r).join(', ');
  return {
    at: e.at,
    service,
    organisation: e.actor.org,
    role,
    purpose: PURPOSE_WORDS[e.purpose] ?? e.purpose,
    shown: words('PERMIT'),
    refused: words('DENY'),
    breakGlass: e.breakGlass,
    // Which emergency access this was, so its reviewed reason (governance's emergencyAccesses) can be shown beside it.
    breakGlassId: e.entries.find((x) => x.breakGlassId)?.breakGlassId ?? null,
  };
}

export function whoLookedSdl(field: string, owner: boolean): string {
  return `
"""Who looked at a child's records, in plain English, for the child's linked family; each service contributes from its own audit chain."""
type WhoLooked @key(fields: "childId") @notPersonal {
  childId: ID!
  accessContext: String ${owner ? '@inaccessible' : '@external'}
  "Looks this service recorded, newest first; null with an error naming it when this service cannot answer."
  ${field}: [Look!]${owner ? '' : ' @requires(fields: "accessContext")'} @requiresRole(roles: ["parent_carer", "young_person"], reason: "who looked is the family’s view; privacy officers read auditTrail")
}

"""One look at the child's records."""
type Look @shareable @notPersonal {
  at: String!
  "The service that recorded it: education, health, social-care, governance or family."
  service: String!
  organisation: String!
  role: String!
  purpose: String!
  "Kinds of information shown (child protection information is never listed)."
  shown: [String!]!
  refused: [String!]!
  "An emergency (break-glass) access, which a privacy officer reviews."
  breakGlass: Boolean!
  "The emergency access this look was made under (WhoLooked.emergencyAccesses gives its reason once reviewed); null otherwise."
  breakGlassId: ID
}`;
}

/** What WhoLooked's fields receive: the entity's key and the access context that came with it. */
export type WhoLookedRef = { childId: string; accessContext?: string | null };

/** The child's verified context when the caller is a family member linked to the child; else FORBIDDEN. */
export function familyContextOf(w: WhoLookedRef, ctx: SubgraphContext, contexts: () => AccessContextCodec): AccessContext {
  let context: AccessContext | null = null;
  try {
    context = contexts().verify(w.accessContext, w.childId);
  } catch {
    // A missing, forged or stale context shows nothing.
  }
  if (!context || !familyLinkOf(ctx.caller, context, new Date().toISOString().slice(0, 10)))
    throw forbidden('NO_RELATIONSHIP', 'only the child’s linked family sees who looked');
  return context;
}

/** `WhoLooked.<field>` for a service: its own chain, for a family member linked to the child. */
export function whoLookedResolvers(field: string, service: string, contexts: () => AccessContextCodec) {
  return {
    WhoLooked: {
      __resolveReference: (ref: WhoLookedRef) => ref,
      [field]: async (w: WhoLookedRef, _: unknown, ctx: SubgraphContext) => {
        const context = familyContextOf(w, ctx, contexts);
        const owner = SERVICE_OWNER[service] ?? 'FAMILY';
        const closed = (category: string) => category === NEVER_TOLD || closedToFamily(context, owner, category as never);
        await sealAudit(ctx.db);
        return (await readAuditTrail(ctx.db, w.childId))
          .reverse()
          .filter((e) => e.entries.length === 0 || e.entries.some((x) => !closed(x.category)))
          .map((e) => lookOf(e, service, closed));
      },
    },
  };
}
