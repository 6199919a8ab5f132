// ingestCinCensus: the ingest package's pipeline with the CIN steps: read and check the return (DfE
// rules) and its allocations feed, link children by LA child id, write, then the allocations'
// relationships. The CIN census names no social worker, so relationships come from the case
// allocations feed sent with it (allocations/). Logs carry counts and codes only.
import { badInput } from '@hub/guard/errors';
import { createLogger } from '@hub/runtime/log';
import { definePipeline, submittedText, unreadable } from '@hub/ingest/pipeline';
import { recordSource } from '@hub/ingest/sdl';
import { readCensus } from './census';
import { checkCensus, type CheckedCensus } from './rules';
import { writeCensus } from './store';
import { linkedLaChildren, linkedRecords, linkLaChildren } from '../link';
import { checkAllocations, type AllocationIn } from '../allocations/feed';
import { syncCaseAllocations } from '../allocations/store';
import type { Resolvers } from '../../generated/graphql';

interface CinInput {
  document: string;
  allocations: string | null;
}
type Checked = CheckedCensus & { allocations: AllocationIn[] | null };

export const ingestCinCensus = definePipeline<CinInput, Checked, Map<string, string>>({
  name: 'cin census',
  log: createLogger('social-care-ingest'),
  argument: 'document',
  // The allocations are part of the submission: the same return with a different feed is not a replay.
  content: ({ document, allocations }) => (allocations == null ? document : `${document}\n--allocations--\n${allocations}`),
  check: async ({ document, allocations }) => {
    submittedText('document', document, 'the CIN census return as XML text');
    if (allocations != null && typeof allocations !== 'string')
      throw badInput('allocations', 'must be the case allocations feed as CSV text');
    const read = readCensus(document);
    if ('problem' in read) throw unreadable('document', 'Message', 'CIN-XML', read.problem);
    const census = checkCensus(read.census, new Date().toISOString().slice(0, 10));
    const feed =
      allocations == null
        ? null
        : await checkAllocations(allocations, census.laCode, new Set(census.children.map((c) => c.laChildId)), census.issues);
    return { ...census, allocations: feed };
  },
  submissionId: (census) => census.submissionId,
  counted: (census) => ({ children: census.children.length }),
  records: (census) =>
    census.children.reduce((n, c) => n + 1 + c.episodes.length + c.plans.length + c.disabilities.length, 0) +
    (census.allocations?.length ?? 0),
  replay: async (ctx, census) => {
    // The children are the ones the first run linked; finish any relationship calls it left.
    const idOf = await linkedLaChildren(ctx.db, census);
    const relationships = await syncCaseAllocations(ctx, [...idOf.values()]);
    return { skipped: census.skipped, relationships, linked: linkedRecords(census.children, idOf) };
  },
  link: (ctx, census) => linkLaChildren(ctx, census, { argument: 'document', recordType: 'Child', field: 'ChildIdentifiers' }),
  write: (q, w, census, childOf, counts) => writeCensus(q, w, census, childOf, census.allocations, counts),
  relate: (ctx, _, childOf) => syncCaseAllocations(ctx, [...new Set(childOf.values())]),
  result: (census, childOf) => ({ skipped: census.skipped, linked: linkedRecords(census.children, childOf) }),
  logged: ['skipped'],
});

export const cinIngestResolvers: Resolvers = {
  Mutation: {
    ingestCinCensus: (_, { document, allocations }, ctx) => ingestCinCensus(ctx, { document, allocations: allocations ?? null }),
  },
  SocialCareRecord: { source: recordSource },
};
