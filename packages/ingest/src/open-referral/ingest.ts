// Each agency's commissioned services, fed from its service directory as Open Referral UK JSON:
// the mutation (one per agency, so the gateway routes it to that agency's subgraph), who may call
// it, and what it does: check the whole directory → write (one transaction). Logs carry counts only.
import { badInput } from '@hub/guard/errors';
import { createLogger } from '@hub/runtime/log';
import type { SubgraphContext } from '@hub/host/subgraph';
import type { Agency } from '@hub/schema';
import { contentHash, rejected } from '../issues';
import { priorSubmission } from '../tables';
import { checkServices } from './read';
import { storeServices } from './store';

const log = createLogger('service-directory-ingest');
const FIELD: Record<Agency, string> = {
  EDUCATION: 'ingestEducationServices',
  HEALTH: 'ingestHealthServices',
  SOCIAL_CARE: 'ingestSocialCareServices',
};

/** The result and issue types are the same in every agency (shareable); the mutation is the agency's own. */
export function openReferralSdl(agency: Agency): string {
  return `
extend type Mutation {
  """
  The agency's service directory (an integration caller whose token's agency is ${agency}) submits
  its commissioned services as Open Referral UK (HSDS UK profile) JSON: every page of its /services
  listing joined ({ content: [...] }) or an array of services. The submission is the whole
  directory: services this source fed before and no longer lists (or lists as not active) are
  closed, not deleted. Checked whole before anything is written; the same bytes twice change
  nothing. See docs/ingestion.md.
  """
  ${FIELD[agency]}(document: String!): ServiceDirectoryIngestResult! @requiresRole(roles: ["integration"], agency: "${agency}", reason: "a service directory for ${agency} is accepted only from that agency's source system (an integration token whose agency is ${agency})") @notPersonal
}

"What a service directory ingestion did: counts and codes only."
type ServiceDirectoryIngestResult @shareable @notPersonal {
  "ORUK-<agency>-<first 12 hex digits of the content hash>."
  submissionId: String!
  contentHash: String!
  replayed: Boolean!
  "Active services in the submission."
  services: Int!
  created: Int!
  updated: Int!
  unchanged: Int!
  "Services of this source the directory no longer lists as active, now closed."
  closed: Int!
  warnings: [ServiceDirectoryIngestIssue!]!
}

"A problem in a directory submission, by service position and field."
type ServiceDirectoryIngestIssue @shareable @notPersonal {
  severity: String!
  record: Int
  recordType: String
  field: String!
  code: String!
  message: String!
}`;
}

type Ctx = SubgraphContext<unknown>;

export async function ingestServices(ctx: Ctx, agency: Agency, text: string) {
  if (typeof text !== 'string' || !text.length) throw badInput('document', 'must be the Open Referral UK services as JSON text');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw badInput('document', 'is not JSON');
  }
  const sourceSystem = ctx.caller.sub;
  const hash = contentHash(text);
  const { services, issues } = checkServices(doc);
  const page = doc && typeof doc === 'object' ? (doc as { totalPages?: unknown }) : {};
  // One page of several would close every service on the others.
  if (typeof page.totalPages === 'number' && page.totalPages > 1)
    issues.error(
      null,
      null,
      'totalPages',
      'ORUK-PARTIAL',
      'is one page of a longer listing: send every page joined (npm run ingest -- --services-url does)',
    );
  const prior = await priorSubmission(ctx.db, sourceSystem, hash);
  if (prior) {
    log.info({ submission: prior.id, replayed: true }, 'service directory replayed: nothing changed');
    return {
      submissionId: prior.submission_id,
      contentHash: hash,
      replayed: true,
      services: services.length,
      created: 0,
      updated: 0,
      unchanged: services.length,
      closed: 0,
      warnings: issues.warnings,
    };
  }
  if (issues.errors.length) throw rejected('document', issues.items);
  const submissionId = `ORUK-${agency}-${hash.slice(0, 12)}`;
  const stored = await storeServices(ctx.db, sourceSystem, ctx.caller.org, hash, submissionId, services);
  log.info({ submission: stored.submission, services: services.length, ...stored.counts }, 'service directory ingested');
  return { submissionId, contentHash: hash, replayed: false, services: services.length, ...stored.counts, warnings: issues.warnings };
}

export function openReferralResolvers(agency: Agency) {
  return { [FIELD[agency]]: (_: unknown, { document }: { document: string }, ctx: Ctx) => ingestServices(ctx, agency, document) };
}
