// Each agency's commissioned services, fed from its service directory as Open Referral UK JSON:
// the mutation (one per agency, so the gateway routes it to that agency's subgraph), who may call
// it, and what it does: the ingestion pipeline's check → write (one transaction), with no children to
// link. Logs carry counts only.
import { createLogger } from '@hub/runtime/log';
import { type SubgraphContext } from '@hub/host/subgraph';
import type { Agency } from '@hub/schema';
import { definePipeline, submittedJson, type Ingestion } from '../pipeline';
import { ingestIssueSdl, ingestResultSdl } from '../sdl';
import { checkServices } from './read';
import { writeServices } from './store';

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

${ingestResultSdl({
  type: 'ServiceDirectoryIngestResult',
  description: 'What a service directory ingestion did: counts and codes only.',
  submissionId: 'ORUK-<agency>-<first 12 hex digits of the content hash>.',
  counted: ['services: Int!', 'Active services in the submission.'],
  closed: 'Services of this source the directory no longer lists as active, now closed.',
  issue: 'ServiceDirectoryIngestIssue',
  shareable: true,
})}

${ingestIssueSdl({ type: 'ServiceDirectoryIngestIssue', description: 'A problem in a directory submission, by service position and field.', shareable: true })}`;
}

type Checked = ReturnType<typeof checkServices>;

/** The agency's directory feed: the submission id names the agency. */
function directoryPipeline(agency: Agency): Ingestion<string> {
  return definePipeline<string, Checked, null>({
    name: 'service directory',
    log,
    argument: 'document',
    content: (text) => text,
    check: (text) => {
      const doc = submittedJson('document', text, 'the Open Referral UK services as JSON text');
      const checked = checkServices(doc);
      const page = doc && typeof doc === 'object' ? (doc as { totalPages?: unknown }) : {};
      // One page of several would close every service on the others.
      if (typeof page.totalPages === 'number' && page.totalPages > 1)
        checked.issues.error(
          null,
          null,
          'totalPages',
          'ORUK-PARTIAL',
          'is one page of a longer listing: send every page joined (npm run ingest -- --services-url does)',
        );
      return checked;
    },
    submissionId: (_, hash) => `ORUK-${agency}-${hash.slice(0, 12)}`,
    counted: ({ services }) => ({ services: services.length }),
    records: ({ services }) => services.length,
    // A directory names no child: nothing goes through the child index.
    link: async () => null,
    write: (q, w, { services }, _, counts) => writeServices(q, w, services, counts),
  });
}

export function openReferralResolvers(agency: Agency) {
  const ingest = directoryPipeline(agency);
  return { [FIELD[agency]]: (_: unknown, { document }: { document: string }, ctx: SubgraphContext<unknown>) => ingest(ctx, document) };
}
