// ingestSsda903: who may submit, then read both CSV files → check (DfE 903 rules) → link children
// through the child index → write (one transaction). Logs carry counts and codes only.
import { badInput } from '@hub/guard/errors';
import { contentHash, IssueList, rejected } from '@hub/ingest/issues';
import { createLogger } from '@hub/runtime/log';
import { priorSubmission } from '@hub/ingest/tables';
import { type SubgraphContext } from '@hub/host/subgraph';
import { laCodeProblem } from '@hub/schema';
import { readCsv } from '../csv';
import { linkedLaChildren, linkLaChildren } from '../link';
import { check903, EPISODE_COLUMNS, HEADER_COLUMNS } from './rules';
import { store903 } from './store';

type Ctx = SubgraphContext<unknown>;
const log = createLogger('social-care-ingest');

export async function ingestSsda903(ctx: Ctx, laCode: string, headerCsv: string, episodesCsv: string) {
  if (typeof laCode !== 'string' || laCodeProblem(laCode))
    throw badInput('laCode', 'must be the 3-digit LA code that qualifies every child id in the files');
  if (typeof headerCsv !== 'string' || !headerCsv.length) throw badInput('header', 'must be the 903 Header file as CSV text');
  if (typeof episodesCsv !== 'string' || !episodesCsv.length) throw badInput('episodes', 'must be the 903 Episodes file as CSV text');
  const sourceSystem = ctx.caller.sub;
  const hash = contentHash(`${laCode}\n--header--\n${headerCsv}\n--episodes--\n${episodesCsv}`);
  // The 903 files carry no id of their own: the LA and the content name the submission.
  const submissionId = `SSDA903-${laCode}-${hash.slice(0, 12)}`;

  const issues = new IssueList();
  const header = await readCsv(headerCsv, HEADER_COLUMNS);
  const episodes = await readCsv(episodesCsv, EPISODE_COLUMNS);
  if ('problem' in header) issues.error(null, 'Header', '', '903-CSV', `the Header file ${header.problem}`);
  if ('problem' in episodes) issues.error(null, 'Episodes', '', '903-CSV', `the Episodes file ${episodes.problem}`);
  if ('problem' in header || 'problem' in episodes) throw rejected('header', issues.items);
  const checked = check903(header.table.rows, episodes.table.rows, laCode);

  const prior = await priorSubmission(ctx.db, sourceSystem, hash);
  if (prior) {
    const idOf = await linkedLaChildren(
      ctx.db,
      laCode,
      checked.children.map((c) => c.laChildId),
    );
    log.info({ submission: prior.id, replayed: true }, 'ssda903 replayed: nothing changed');
    return {
      submissionId: prior.submission_id,
      contentHash: hash,
      replayed: true,
      children: checked.children.length,
      created: 0,
      updated: 0,
      unchanged: checked.children.reduce((n, c) => n + 1 + c.periods.length, 0),
      closed: 0,
      warnings: checked.issues.warnings,
      linked: checked.children.filter((c) => idOf.has(c.laChildId)).map((c) => ({ record: c.record, childId: idOf.get(c.laChildId) })),
    };
  }
  if (checked.issues.errors.length) throw rejected('episodes', checked.issues.items);

  const started = Date.now();
  const childOf = await linkLaChildren(
    ctx,
    laCode,
    checked.children,
    { argument: 'header', recordType: 'Header', field: 'CHILD' },
    checked.issues.warnings,
  );
  const registered = Date.now();
  const stored = await store903(ctx.db, sourceSystem, hash, submissionId, checked, childOf);
  log.info(
    {
      submission: stored.submission,
      children: checked.children.length,
      ...stored.counts,
      ms: { register: registered - started, write: Date.now() - registered },
    },
    'ssda903 ingested',
  );
  return {
    submissionId,
    contentHash: hash,
    replayed: false,
    children: checked.children.length,
    ...stored.counts,
    warnings: checked.issues.warnings,
    linked: checked.children.map((c) => ({ record: c.record, childId: childOf.get(c.laChildId) })),
  };
}

export const ssda903IngestResolvers = {
  Mutation: {
    ingestSsda903: (_: unknown, a: { laCode: string; header: string; episodes: string }, ctx: Ctx) =>
      ingestSsda903(ctx, a.laCode, a.header, a.episodes),
  },
};
