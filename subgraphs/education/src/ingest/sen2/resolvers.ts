// ingestSen2Return: the ingest package's pipeline with the SEN2 steps: read and check the return (its
// rules and the hub's), link persons by UPN, write. Logs carry counts and codes only. The SEN2 return
// names no caseworker, so no relationships come from this feed (docs/ingestion.md).
import { createLogger } from '@hub/runtime/log';
import { definePipeline, submittedText, unreadable } from '@hub/ingest/pipeline';
import { IssueList, rejected } from '@hub/ingest/issues';
import { recordSource } from '@hub/ingest/sdl';
import { linkByUpn, linkedByUpn, linkedOnReplay } from '../link';
import { readSen2 } from './reader';
import { checkSen2, type CheckedSen2 } from './rules';
import { writeSen2 } from './store';
import type { Resolvers } from '../../generated/graphql';

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

export const ingestSen2Return = definePipeline<string, CheckedSen2, Map<string, string>>({
  name: 'sen2 return',
  log: createLogger('education-ingest'),
  argument: 'document',
  content: (document) => document,
  check: (document) => {
    const read = readSen2(submittedText('document', document, 'the SEN2 return as XML text'));
    if ('problem' in read) throw unreadable('document', 'Message', 'SEN2-IN-XML', read.problem);
    return checkSen2(read.sen2);
  },
  submissionId: (checked) => checked.submissionId,
  counted: (checked) => ({ children: checked.persons.length }),
  records: (checked) =>
    checked.persons.reduce((n, p) => n + 1 + p.assessments.length + p.plans.length + p.needs.length + p.placements.length, 0),
  replay: async (ctx, checked) => ({ skipped: checked.skipped, linked: await linkedOnReplay(ctx.db, checked.persons) }),
  link: (ctx, checked) => linkByUpn(ctx, checked.persons, 'Person', checked.issues.warnings),
  write: (q, w, checked, childOf, counts) =>
    writeSen2(q, w, checked, childOf, counts).catch((e) => {
      throw refusedByDatabase(e);
    }),
  result: (checked, childOf) => ({ skipped: checked.skipped, linked: linkedByUpn(checked.persons, childOf) }),
  logged: ['skipped'],
});

export const sen2IngestResolvers: Resolvers = {
  Mutation: {
    ingestSen2Return: (_, { document }, ctx) => ingestSen2Return(ctx, document),
  },
  // Provenance for the joint view: "from <system>, <date>".
  EducationRecord: { source: recordSource },
};
