// ingestFhirBundle: the ingest package's pipeline with the FHIR steps: parse and check the Bundle,
// link patients by NHS number, write the health records, allocate care managers, and answer with
// the FHIR transaction-response. Logs carry counts and codes only.
import { createLogger } from '@hub/runtime/log';
import { submittedJson, definePipeline, type IngestContext } from '@hub/ingest/pipeline';
import { linkChildren } from '@hub/ingest/child-index';
import { recordSource } from '@hub/ingest/sdl';
import { parseBundle, type ParsedBundle } from './bundle';
import { conflictingRecords, writeBundle, type Outcome } from './store';
import { syncAllocations } from './relationships';
import { transactionResponse } from './response';
import { SOURCED_TYPES } from './sdl';
import type { Resolvers } from '../../generated/graphql';

const childrenOf = (childOf: Map<string, string>) => [...new Set(childOf.values())];

export const ingestFhirBundle = definePipeline<string, ParsedBundle, Map<string, string>, Outcome>({
  name: 'fhir bundle',
  log: createLogger('health-ingest'),
  argument: 'bundle',
  content: (text) => text,
  check: (text) => parseBundle(submittedJson('bundle', text, 'the Bundle as JSON text')),
  submissionId: (parsed) => parsed.submissionId,
  counted: (parsed) => ({ children: parsed.patients.length }),
  records: (parsed) => parsed.entries.length,
  replay: async (ctx, parsed, prior) => {
    // Finish any relationship calls a failed run left, for the children the first run wrote.
    const children = await ctx.db.query<{ child_id: string }>(
      'SELECT child_id FROM health_record WHERE submission = $1 UNION SELECT child_id FROM therapy_episode WHERE submission = $1',
      [prior.id],
    );
    const relationships = await syncAllocations(
      ctx,
      children.map((c) => c.child_id),
    );
    const outcome = new Map(parsed.entries.map((_, i) => [i, 'unchanged' as const]));
    return {
      children: prior.summary.children ?? 0,
      relationships,
      response: JSON.stringify(transactionResponse(parsed, outcome, new Map())),
    };
  },
  link: (ctx: IngestContext, parsed) =>
    linkChildren(
      ctx,
      parsed.patients.map((p) => ({ key: p.nhsNumber, record: p.entry, identifiers: { nhsNumber: p.nhsNumber } })),
      { argument: 'bundle', identifier: 'the NHS number', recordType: 'Patient', field: 'identifier' },
      parsed.issues.warnings,
      (pairs) => conflictingRecords(ctx.db, pairs),
    ),
  write: (q, w, parsed, childOf, counts) => writeBundle(q, w, parsed, childOf, counts),
  relate: (ctx, _, childOf) => syncAllocations(ctx, childrenOf(childOf)),
  result: (parsed, childOf, outcome) => ({
    children: childrenOf(childOf).length,
    entries: parsed.entries.length,
    response: JSON.stringify(transactionResponse(parsed, outcome, childOf)),
  }),
  logged: ['entries'],
});

// Every type a Bundle writes knows its source: one entry each, so the generated types check each parent.
const sourced: Record<keyof typeof SOURCED_TYPES, { source: typeof recordSource }> = {
  HealthRecord: { source: recordSource },
  Diagnosis: { source: recordSource },
  Referral: { source: recordSource },
  TherapyEpisode: { source: recordSource },
};

export const fhirIngestResolvers: Resolvers = {
  Mutation: {
    ingestFhirBundle: (_, { bundle }, ctx) => ingestFhirBundle(ctx, bundle),
  },
  ...sourced,
};
