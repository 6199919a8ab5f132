// ingestSsda903: the ingest package's pipeline with the 903 steps: read both CSV files and check them
// (DfE 903 rules), link children by LA child id, write the looked-after periods. Logs carry counts
// and codes only.
import { badInput } from '@hub/guard/errors';
import { createLogger } from '@hub/runtime/log';
import { definePipeline, submittedText } from '@hub/ingest/pipeline';
import { IssueList, rejected } from '@hub/ingest/issues';
import { laCodeProblem } from '@hub/schema';
import { readCsv } from '../csv';
import { linkedLaChildren, linkedRecords, linkLaChildren } from '../link';
import { check903, EPISODE_COLUMNS, HEADER_COLUMNS, type Checked903 } from './rules';
import { write903 } from './store';
import { checkLastYear, heldLastYear } from './last-year';
import type { Resolvers } from '../../generated/graphql';

interface Ssda903Input {
  laCode: string;
  header: string;
  episodes: string;
}

export const ingestSsda903 = definePipeline<Ssda903Input, Checked903, Map<string, string>>({
  name: 'ssda903',
  log: createLogger('social-care-ingest'),
  argument: 'episodes',
  content: ({ laCode, header, episodes }) => `${laCode}\n--header--\n${header}\n--episodes--\n${episodes}`,
  check: async ({ laCode, header, episodes }, ctx) => {
    if (typeof laCode !== 'string' || laCodeProblem(laCode))
      throw badInput('laCode', 'must be the 3-digit LA code that qualifies every child id in the files');
    submittedText('header', header, 'the 903 Header file as CSV text');
    submittedText('episodes', episodes, 'the 903 Episodes file as CSV text');
    const issues = new IssueList();
    const h = await readCsv(header, HEADER_COLUMNS);
    const e = await readCsv(episodes, EPISODE_COLUMNS);
    if ('problem' in h) issues.error(null, 'Header', '', '903-CSV', `the Header file ${h.problem}`);
    if ('problem' in e) issues.error(null, 'Episodes', '', '903-CSV', `the Episodes file ${e.problem}`);
    if ('problem' in h || 'problem' in e) throw rejected('header', issues.items);
    const checked = check903(h.table.rows, e.table.rows, laCode);
    checkLastYear(checked, await heldLastYear(ctx.db, checked), checked.issues);
    return checked;
  },
  // The 903 files carry no id of their own: the LA and the content name the submission.
  submissionId: (checked, hash) => `SSDA903-${checked.laCode}-${hash.slice(0, 12)}`,
  counted: (checked) => ({ children: checked.children.length }),
  records: (checked) => checked.children.reduce((n, c) => n + 1 + c.periods.length, 0),
  replay: async (ctx, checked) => ({ linked: linkedRecords(checked.children, await linkedLaChildren(ctx.db, checked)) }),
  link: (ctx, checked) => linkLaChildren(ctx, checked, { argument: 'header', recordType: 'Header', field: 'CHILD' }),
  write: (q, w, checked, childOf, counts) => write903(q, w, checked, childOf, counts),
  result: (checked, childOf) => ({ linked: linkedRecords(checked.children, childOf) }),
});

export const ssda903IngestResolvers: Resolvers = {
  Mutation: {
    ingestSsda903: (_, a, ctx) => ingestSsda903(ctx, a),
  },
};
