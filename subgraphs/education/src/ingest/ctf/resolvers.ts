// ingestCommonTransferFile: who may submit, then read → check → link pupils by UPN → write (one
// transaction). Logs carry counts and codes only.
import { badInput } from '@hub/guard/errors';
import { contentHash, IssueList, linkConflicts, rejected } from '@hub/ingest/issues';
import { createLogger } from '@hub/runtime/log';
import { priorSubmission } from '@hub/ingest/tables';
import { type SubgraphContext } from '@hub/host/subgraph';
import { registerByUpn } from '../child-index';
import { readCtf } from './read';
import { checkCtf } from './rules';
import { conflictingPupils, storeCtf } from './store';

type Ctx = SubgraphContext<unknown>;
const log = createLogger('education-ingest');

export async function ingestCommonTransferFile(ctx: Ctx, document: string) {
  if (typeof document !== 'string' || !document.length) throw badInput('document', 'must be the CTF as XML text');
  const sourceSystem = ctx.caller.sub;
  const hash = contentHash(document);
  const read = readCtf(document);
  if ('problem' in read) {
    const issues = new IssueList();
    issues.error(null, 'CTfile', '', 'CTF-XML', read.problem);
    throw rejected('document', issues.items);
  }
  const ctf = checkCtf(read.ctf);
  const prior = await priorSubmission(ctx.db, sourceSystem, hash);
  if (prior) {
    const linked = await ctx.db.query<{ child_id: string; upn: string }>(
      'SELECT child_id, upn FROM education_record WHERE upn = ANY($1::text[])',
      [ctf.pupils.map((p) => p.upn)],
    );
    const idOf = new Map(linked.map((r) => [r.upn, r.child_id]));
    log.info({ submission: prior.id, replayed: true }, 'ctf replayed: nothing changed');
    return {
      submissionId: prior.submission_id,
      contentHash: hash,
      replayed: true,
      pupils: ctf.pupils.length,
      created: 0,
      updated: 0,
      unchanged: ctf.pupils.reduce((n, p) => n + 1 + p.support.length, 0),
      closed: 0,
      skipped: ctf.skipped,
      warnings: ctf.issues.warnings,
      linked: ctf.pupils.filter((p) => idOf.has(p.upn)).map((p) => ({ record: p.record, childId: idOf.get(p.upn) })),
    };
  }
  if (ctf.issues.errors.length) throw rejected('document', ctf.issues.items);
  const { childOf, conflicts } = await registerByUpn(
    ctx.peers,
    ctx.caller,
    ctf.pupils.map((p) => p.upn),
    ctx.requestId,
  );
  const local = await conflictingPupils(
    ctx.db,
    ctf.pupils.filter((p) => childOf.has(p.upn)).map((p) => ({ childId: childOf.get(p.upn)!, upn: p.upn })),
  );
  const clash = linkConflicts(
    'document',
    'the UPN',
    ctf.pupils
      .filter((p) => conflicts.has(p.upn) || local.has(p.upn))
      .map((p) => ({ record: p.record, recordType: 'Pupil', field: 'UPN' })),
    ctf.issues.warnings,
  );
  if (clash) throw clash;
  const stored = await storeCtf(ctx.db, sourceSystem, hash, ctf, childOf);
  log.info({ submission: stored.submission, pupils: ctf.pupils.length, ...stored.counts, skipped: ctf.skipped }, 'ctf ingested');
  return {
    submissionId: ctf.submissionId,
    contentHash: hash,
    replayed: false,
    pupils: ctf.pupils.length,
    ...stored.counts,
    skipped: ctf.skipped,
    warnings: ctf.issues.warnings,
    linked: ctf.pupils.map((p) => ({ record: p.record, childId: childOf.get(p.upn) })),
  };
}

export const ctfIngestResolvers = {
  Mutation: {
    ingestCommonTransferFile: (_: unknown, { document }: { document: string }, ctx: Ctx) => ingestCommonTransferFile(ctx, document),
  },
};
