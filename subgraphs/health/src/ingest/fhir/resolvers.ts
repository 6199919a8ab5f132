// ingestFhirBundle: who may submit, then check → link children → write (one transaction) →
// relationships → the FHIR transaction-response. Logs carry counts and codes only.
import { badInput } from '@hub/guard/errors';
import { contentHash, linkConflicts, rejected } from '@hub/ingest/issues';
import { createLogger } from '@hub/runtime/log';
import { priorSubmission } from '@hub/ingest/tables';
import { type SubgraphContext } from '@hub/host/subgraph';
import { parseBundle } from './bundle';
import { registerByNhsNumber } from '../child-index';
import { conflictingRecords, storeBundle } from './store';
import { syncAllocations } from './relationships';
import { transactionResponse } from './response';

type Ctx = SubgraphContext<unknown>;
const log = createLogger('health-ingest');

export async function ingestFhirBundle(ctx: Ctx, text: string) {
  if (typeof text !== 'string' || !text.length) throw badInput('bundle', 'must be the Bundle as JSON text');
  const sourceSystem = ctx.caller.sub;
  const hash = contentHash(text);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw badInput('bundle', 'is not JSON');
  }
  const prior = await priorSubmission(ctx.db, sourceSystem, hash);
  const parsed = parseBundle(doc);
  if (prior) {
    // The same bytes again: nothing to write. Finish any relationship calls a failed run left.
    const children = await ctx.db.query<{ child_id: string }>(
      'SELECT child_id FROM health_record WHERE submission = $1 UNION SELECT child_id FROM therapy_episode WHERE submission = $1',
      [prior.id],
    );
    const relationships = await syncAllocations(
      ctx.db,
      ctx.peers,
      ctx.caller,
      sourceSystem,
      children.map((c) => c.child_id),
      ctx.requestId,
    );
    log.info({ submission: prior.id, replayed: true }, 'fhir bundle replayed: nothing changed');
    const outcome = new Map(parsed.entries.map((_, i) => [i, 'unchanged' as const]));
    return {
      submissionId: prior.submission_id,
      contentHash: hash,
      replayed: true,
      children: prior.summary.children ?? 0,
      created: 0,
      updated: 0,
      unchanged: parsed.entries.length,
      closed: 0,
      warnings: parsed.issues.warnings,
      relationships,
      response: JSON.stringify(transactionResponse(parsed, outcome, new Map())),
    };
  }
  if (parsed.issues.errors.length) throw rejected('bundle', parsed.issues.items);

  const started = Date.now();
  const nhsNumbers = parsed.patients.map((p) => p.nhsNumber);
  const { childOf, conflicts } = await registerByNhsNumber(ctx.peers, ctx.caller, nhsNumbers, ctx.requestId);
  const local = await conflictingRecords(
    ctx.db,
    parsed.patients.filter((p) => childOf.has(p.nhsNumber)).map((p) => ({ childId: childOf.get(p.nhsNumber)!, nhsNumber: p.nhsNumber })),
  );
  const clash = linkConflicts(
    'bundle',
    'the NHS number',
    parsed.patients
      .filter((p) => conflicts.has(p.nhsNumber) || local.has(p.nhsNumber))
      .map((p) => ({ record: p.entry, recordType: 'Patient', field: 'identifier' })),
    parsed.issues.warnings,
  );
  if (clash) throw clash;
  const registered = Date.now();
  const stored = await storeBundle(ctx.db, sourceSystem, hash, parsed, childOf);
  const written = Date.now();
  const children = [...new Set(childOf.values())];
  const relationships = await syncAllocations(ctx.db, ctx.peers, ctx.caller, sourceSystem, children, ctx.requestId);
  const ms = { register: registered - started, write: written - registered, relationships: Date.now() - written };
  log.info(
    { submission: stored.submission, entries: parsed.entries.length, children: children.length, ...stored.counts, relationships, ms },
    'fhir bundle ingested',
  );
  return {
    submissionId: parsed.submissionId,
    contentHash: hash,
    replayed: false,
    children: children.length,
    ...stored.counts,
    warnings: parsed.issues.warnings,
    relationships,
    response: JSON.stringify(transactionResponse(parsed, stored.outcome, childOf)),
  };
}

export const fhirIngestResolvers = {
  Mutation: {
    ingestFhirBundle: (_: unknown, { bundle }: { bundle: string }, ctx: Ctx) => ingestFhirBundle(ctx, bundle),
  },
  HealthRecord: { source: sourceOf },
  Diagnosis: { source: sourceOf },
  Referral: { source: sourceOf },
  TherapyEpisode: { source: sourceOf },
};

function sourceOf(r: { source_system?: string | null; source_at?: string | Date | null }) {
  return r.source_system && r.source_at ? { system: r.source_system, submittedAt: new Date(r.source_at).toISOString() } : null;
}
