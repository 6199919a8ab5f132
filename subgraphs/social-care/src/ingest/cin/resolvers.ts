// ingestCinCensus: who may submit, then read → check (DfE rules) → link children → write (one
// transaction) → relationships. Logs carry counts and codes only. The CIN census names no social
// worker, so relationships come from the case allocations feed sent with it (allocations/).
import { badInput } from '@hub/guard/errors';
import { contentHash, IssueList, rejected } from '@hub/ingest/issues';
import { createLogger } from '@hub/runtime/log';
import { priorSubmission } from '@hub/ingest/tables';
import { type SubgraphContext } from '@hub/host/subgraph';
import { readCensus } from './census';
import { checkCensus } from './rules';
import { storeCensus } from './store';
import { linkedLaChildren, linkLaChildren } from '../link';
import { checkAllocations } from '../allocations/feed';
import { syncCaseAllocations } from '../allocations/store';

type Ctx = SubgraphContext<unknown>;
const log = createLogger('social-care-ingest');

export async function ingestCinCensus(ctx: Ctx, document: string, allocationsCsv: string | null = null) {
  if (typeof document !== 'string' || !document.length) throw badInput('document', 'must be the CIN census return as XML text');
  if (allocationsCsv != null && typeof allocationsCsv !== 'string')
    throw badInput('allocations', 'must be the case allocations feed as CSV text');
  const sourceSystem = ctx.caller.sub;
  // The allocations are part of the submission: the same return with a different feed is not a replay.
  const hash = contentHash(allocationsCsv == null ? document : `${document}\n--allocations--\n${allocationsCsv}`);
  const read = readCensus(document);
  if ('problem' in read) {
    const issues = new IssueList();
    issues.error(null, 'Message', '', 'CIN-XML', read.problem);
    throw rejected('document', issues.items);
  }
  const census = checkCensus(read.census, new Date().toISOString().slice(0, 10));
  const allocations =
    allocationsCsv == null
      ? null
      : await checkAllocations(allocationsCsv, census.laCode, new Set(census.children.map((c) => c.laChildId)), census.issues);
  const prior = await priorSubmission(ctx.db, sourceSystem, hash);
  if (prior) {
    // The same bytes again: nothing to write, and the children are the ones it linked.
    const idOf = await linkedLaChildren(
      ctx.db,
      census.laCode,
      census.children.map((c) => c.laChildId),
    );
    // Finish any relationship calls a failed run left.
    const relationships = await syncCaseAllocations(ctx.db, ctx.peers, ctx.caller, sourceSystem, [...idOf.values()], ctx.requestId);
    log.info({ submission: prior.id, replayed: true, relationships }, 'cin census replayed: nothing changed');
    const records = census.children.reduce((n, c) => n + 1 + c.episodes.length + c.plans.length + c.disabilities.length, 0);
    return {
      submissionId: prior.submission_id,
      contentHash: hash,
      replayed: true,
      children: census.children.length,
      created: 0,
      updated: 0,
      unchanged: records + (allocations?.length ?? 0),
      closed: 0,
      skipped: census.skipped,
      warnings: census.issues.warnings,
      relationships,
      linked: census.children.filter((c) => idOf.has(c.laChildId)).map((c) => ({ record: c.record, childId: idOf.get(c.laChildId) })),
    };
  }
  if (census.issues.errors.length) throw rejected('document', census.issues.items);

  const started = Date.now();
  const childOf = await linkLaChildren(
    ctx,
    census.laCode,
    census.children,
    { argument: 'document', recordType: 'Child', field: 'ChildIdentifiers' },
    census.issues.warnings,
  );
  const registered = Date.now();
  const stored = await storeCensus(ctx.db, sourceSystem, hash, census, childOf, allocations);
  const written = Date.now();
  const relationships = await syncCaseAllocations(
    ctx.db,
    ctx.peers,
    ctx.caller,
    sourceSystem,
    [...new Set(childOf.values())],
    ctx.requestId,
  );
  const ms = { register: registered - started, write: written - registered, relationships: Date.now() - written };
  log.info(
    { submission: stored.submission, children: census.children.length, ...stored.counts, skipped: census.skipped, relationships, ms },
    'cin census ingested',
  );
  return {
    submissionId: census.submissionId,
    contentHash: hash,
    replayed: false,
    children: census.children.length,
    ...stored.counts,
    skipped: census.skipped,
    warnings: census.issues.warnings,
    relationships,
    linked: census.children.map((c) => ({ record: c.record, childId: childOf.get(c.laChildId) })),
  };
}

export const cinIngestResolvers = {
  Mutation: {
    ingestCinCensus: (_: unknown, { document, allocations }: { document: string; allocations?: string | null }, ctx: Ctx) =>
      ingestCinCensus(ctx, document, allocations ?? null),
  },
  SocialCareRecord: {
    source: (r: { source_system?: string | null; source_at?: string | Date | null }) =>
      r.source_system && r.source_at ? { system: r.source_system, submittedAt: new Date(r.source_at).toISOString() } : null,
  },
};
