// Sends DfE XML returns (`--file` or `--dir`), each its own submission: sent whole when it fits one
// request (its bytes are the submission, so a replay of the same file matches); a bigger one split
// by record as it streams past (return-stream.ts), each part its own all-or-nothing submission.
// `npm run ingest -- --agency education --file sen2.xml` (SEN2, split by Person) is here; CIN census
// returns (split by Child, with their allocations feeds) are cin-cli.ts, on the same loop.
import { readFileSync, statSync } from 'node:fs';
import { createProgress } from '@hub/seed/progress';
import { postSen2Return } from './client';
import { finishRun, returnTotals, tallyReturn } from './report';
import { SEN2_RETURN, streamSplitReturn, type ReturnShape } from './return-stream';

/** One part of a file as sent: its text, where it is named in the report, and whether it is the file whole. */
export interface ReturnPart {
  file: string;
  text: string;
  where: string;
  whole: boolean;
}

/** A file as the CLI sends it: whole when it fits, else its parts as they stream. */
export async function* returnParts(
  file: string,
  size: number,
  maxBytes: number,
  shape: ReturnShape,
): AsyncGenerator<ReturnPart & { read: number }> {
  if (size <= maxBytes) {
    yield { file, text: readFileSync(file, 'utf8'), where: file, whole: true, read: size };
    return;
  }
  let k = 0;
  // 5% kept for the JSON escaping of the XML in the request.
  for await (const p of streamSplitReturn(file, Math.floor(maxBytes * 0.95), shape))
    yield { file, text: p.text, where: `${file} part ${++k}`, whole: false, read: p.read };
}

/**
 * Every file's parts through `send`, with a progress bar over the files' bytes; a file that cannot
 * be split (or that `send` refuses) is counted rejected and nothing more of it is sent.
 */
export async function ingestReturnFiles<T extends ReturnType<typeof returnTotals>>(
  files: string[],
  maxBytes: number,
  shape: ReturnShape,
  total: T,
  send: (part: ReturnPart) => Promise<void>,
): Promise<number> {
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const progress = createProgress(bytes, { label: 'ingest' });
  const started = Date.now();
  let done = 0;
  for (const file of files) {
    const size = statSync(file).size;
    try {
      for await (const part of returnParts(file, size, maxBytes, shape)) {
        await send(part);
        progress.update(done + part.read);
      }
    } catch (e) {
      total.rejected++;
      process.stderr.write(`\nrejected ${file}: ${(e as Error).message} (nothing more of it was sent)`);
    }
    done += size;
    progress.update(done);
  }
  return finishRun(progress, started, total);
}

/** SEN2 returns to the education subgraph; an issue names the Person by its position in the part. */
export function ingestSen2Files(files: string[], gateway: string, token: string, maxBytes: number): Promise<number> {
  const total = returnTotals(files.length);
  return ingestReturnFiles(files, maxBytes, SEN2_RETURN, total, async (part) => {
    tallyReturn(total, part.where, await postSen2Return(gateway, token, part.text), 'Person', false);
  });
}
