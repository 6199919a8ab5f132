// ingestSen2Return: who may submit, then read → check (the return's rules and the hub's) → link
// children by UPN in governance's child index → write (one transaction). Logs carry counts and codes
// only. The SEN2 return names no caseworker, so no relationships come from this feed (docs/ingestion.md).
import { randomUUID } from 'node:crypto';
import { badInput } from '@hub/guard/errors';
import { contentHash, IssueList, rejected } from '@hub/ingest/issues';
import { createLogger } from '@hub/runtime/log';
import { priorSubmission } from '@hub/ingest/tables';
import { registerInChildIndex } from '@hub/ingest/child-index';
import { type SubgraphContext } from '@hub/host/subgraph';
import { readSen2 } from './reader';
import { checkSen2 } from './rules';
import { storeSen2 } from './store';

type Ctx = SubgraphContext<unknown>;
const log = createLogger('education-ingest');

/** A write the database refused (an identifier the hub holds on another child, or a plan it holds from elsewhere): the whole return is rejected, naming the rule, never the value. */
function refusedByDatabase(e: unknown) {
  const code = (e as { code?: string }).code;
  if (code !== '23505' && code !== '23514') throw e;
  const issues = new IssueList();
  issues.error(
    null,
    'Persons',
    '',
    'HUB-CONFLICT',
    `the return conflicts with records the hub already holds for these children (${(e as { constraint?: string }).constraint ?? 'a constraint'}); resolve it at the source first: nothing was written`,
  );
  return rejected('document', issues.items);
}

export async function ingestSen2Return(ctx: Ctx, document: string) {
  if (typeof document !== 'string' || !document.length) throw badInput('document', 'must be the SEN2 return as XML text');
  const sourceSystem = ctx.caller.sub;
  const hash = contentHash(document);
  const read = readSen2(document);
  if ('problem' in read) {
    const issues = new IssueList();
    issues.error(null, 'Message', '', 'SEN2-IN-XML', read.problem);
    throw rejected('document', issues.items);
  }
  const checked = checkSen2(read.sen2);
  const linkedOf = (childOf: Map<string, string>) =>
    checked.persons.filter((p) => childOf.has(p.upn)).map((p) => ({ record: p.record, childId: childOf.get(p.upn)! }));
  const prior = await priorSubmission(ctx.db, sourceSystem, hash);
  if (prior) {
    // The same bytes again: nothing to write, and the children are the ones it linked.
    const rows = await ctx.db.query<{ child_id: string; upn: string }>(
      'SELECT child_id, upn FROM education_record WHERE upn = ANY($1::text[])',
      [checked.persons.map((p) => p.upn)],
    );
    log.info({ submission: prior.id, replayed: true }, 'sen2 return replayed: nothing changed');
    const records = checked.persons.reduce(
      (n, p) => n + 1 + p.assessments.length + p.plans.length + p.needs.length + p.placements.length,
      0,
    );
    return {
      submissionId: prior.submission_id,
      contentHash: hash,
      replayed: true,
      children: checked.persons.length,
      created: 0,
      updated: 0,
      unchanged: records,
      closed: 0,
      skipped: checked.skipped,
      warnings: checked.issues.warnings,
      linked: linkedOf(new Map(rows.map((r) => [r.upn, r.child_id]))),
    };
  }
  if (checked.issues.errors.length) throw rejected('document', checked.issues.items);

  const started = Date.now();
  const ids = await registerInChildIndex(
    ctx.peers,
    ctx.caller,
    checked.persons.map((p) => ({ upn: p.upn })),
    ctx.requestId,
  );
  const childOf = new Map<string, string>();
  const issues = new IssueList();
  checked.persons.forEach((p, i) => {
    if (ids[i]) childOf.set(p.upn, ids[i]!);
    else
      issues.error(
        p.record,
        'Person',
        'UPN',
        'HUB-LINK-CONFLICT',
        'the UPN already belongs to a different child in the child index; resolve the duplicate first (never merged silently)',
      );
  });
  if (issues.errors.length) throw rejected('document', [...issues.items, ...checked.issues.warnings]);
  const registered = Date.now();
  const stored = await storeSen2(ctx.db, sourceSystem, hash, checked, childOf, randomUUID()).catch((e) => {
    throw refusedByDatabase(e);
  });
  const ms = { register: registered - started, write: Date.now() - registered };
  log.info(
    { submission: stored.submission, children: checked.persons.length, ...stored.counts, skipped: checked.skipped, ms },
    'sen2 return ingested',
  );
  return {
    submissionId: checked.submissionId,
    contentHash: hash,
    replayed: false,
    children: checked.persons.length,
    ...stored.counts,
    skipped: checked.skipped,
    warnings: checked.issues.warnings,
    linked: linkedOf(childOf),
  };
}

export const sen2IngestResolvers = {
  Mutation: {
    ingestSen2Return: (_: unknown, { document }: { document: string }, ctx: Ctx) => ingestSen2Return(ctx, document),
  },
  EducationRecord: {
    // Provenance for the joint view: "from <system>, <date>".
    source: (r: { source_system: string | null; source_at: Date | null }) =>
      r.source_system && r.source_at ? { system: r.source_system, submittedAt: new Date(r.source_at).toISOString() } : null,
  },
};
