// `npm run ingest -- --agency education --file sen2.xml` (an SEN2 return), or `--dir`: each return
// is one submission, sent whole (CIN census returns have their own sender, cin-cli.ts, which splits
// a big one by Child). A return over the request limit is reported and not sent; raise
// MAX_BODY_BYTES or send it in several files.
import { readFileSync, statSync } from 'node:fs';
import { createProgress } from '@hub/seed/progress';
import { postSen2Return } from './client';
import { finishRun, returnTotals, tallyReturn } from './report';

/** Per agency: the mutation that takes its return, and what the return calls a child's record. */
export const XML_RETURNS = {
  education: { post: postSen2Return, record: 'Person', name: 'SEN2' },
} as const;

export async function ingestXmlFiles(
  agency: keyof typeof XML_RETURNS,
  files: string[],
  gateway: string,
  token: string,
  maxBytes: number,
): Promise<number> {
  const { post, record, name } = XML_RETURNS[agency];
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const progress = createProgress(bytes, { label: 'ingest' });
  const total = returnTotals(files.length);
  const started = Date.now();
  let done = 0;
  for (const file of files) {
    const size = statSync(file).size;
    if (size > maxBytes) {
      total.rejected++;
      process.stderr.write(
        `\nrejected ${file}: ${size} bytes is over the request limit (${maxBytes}); ${name} returns are not split yet (raise MAX_BODY_BYTES)`,
      );
    } else {
      tallyReturn(total, file, await post(gateway, token, readFileSync(file, 'utf8')), record, false);
    }
    done += size;
    progress.update(done);
  }
  return finishRun(progress, started, total);
}
