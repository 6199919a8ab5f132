// ingestCommonTransferFile: the ingest package's pipeline with the CTF steps: read and check the
// file's SEN entries, link pupils by UPN, write SEN support records. Logs carry counts and codes only.
import { createLogger } from '@hub/runtime/log';
import { definePipeline, submittedText, unreadable } from '@hub/ingest/pipeline';
import { linkByUpn, linkedByUpn, linkedOnReplay } from '../link';
import { readCtf } from './read';
import { checkCtf, type CheckedCtf } from './rules';
import { conflictingPupils, writeCtf } from './store';
import type { Resolvers } from '../../generated/graphql';

export const ingestCommonTransferFile = definePipeline<string, CheckedCtf, Map<string, string>>({
  name: 'ctf',
  log: createLogger('education-ingest'),
  argument: 'document',
  content: (document) => document,
  check: (document) => {
    const read = readCtf(submittedText('document', document, 'the CTF as XML text'));
    if ('problem' in read) throw unreadable('document', 'CTfile', 'CTF-XML', read.problem);
    return checkCtf(read.ctf);
  },
  submissionId: (ctf) => ctf.submissionId,
  counted: (ctf) => ({ pupils: ctf.pupils.length }),
  records: (ctf) => ctf.pupils.reduce((n, p) => n + 1 + p.support.length, 0),
  replay: async (ctx, ctf) => ({ skipped: ctf.skipped, linked: await linkedOnReplay(ctx.db, ctf.pupils) }),
  link: (ctx, ctf) => linkByUpn(ctx, ctf.pupils, 'Pupil', ctf.issues.warnings, (pairs) => conflictingPupils(ctx.db, pairs)),
  write: (q, w, ctf, childOf, counts) => writeCtf(q, w, ctf, childOf, counts),
  result: (ctf, childOf) => ({ skipped: ctf.skipped, linked: linkedByUpn(ctf.pupils, childOf) }),
  logged: ['skipped'],
});

export const ctfIngestResolvers: Resolvers = {
  Mutation: {
    ingestCommonTransferFile: (_, { document }, ctx) => ingestCommonTransferFile(ctx, document),
  },
};
