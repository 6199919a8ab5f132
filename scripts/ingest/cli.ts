// `npm run ingest -- --agency health --file bundle.json` (or `--dir <folder>` for every .json in
// it): sends a source system's files to a running hub through the gateway, as an integration
// caller, with a progress bar and a summary. Token: HUB_TOKEN, or `--user <demo user>` (a
// development token signed with HUB_JWT_SECRET). Gateway: --gateway or HUB_GATEWAY_URL, default
// http://127.0.0.1:4000/graphql. Exit status 0 when every file was accepted, 1 otherwise.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { authSettings } from '@hub/runtime/settings/auth';
import { signUserToken } from '@hub/guard/auth';
import { createProgress } from '@hub/seed/progress';
import { DEMO_USERS } from '@hub/seed/users';
import { streamSplitBundle } from './fhir-stream';
import { requestBytes } from './fhir-chunks';
import { postCaseAllocations, postFhirBundle } from './client';
import { ingestCinFiles } from './cin-cli';
import { ingestSsda903Files } from './ssda903-cli';
import { ingestServicesCli } from './services-cli';
import { ingestCtfFile } from './ctf-cli';
import { ingestSen2Files } from './xml-returns';
import { finishRun, relationshipTotals, reportOne, submissionTotals, tallyRelationships } from './report';
import { cliArgs } from './args';

const USAGE = `usage: npm run ingest -- --agency health|social-care|education (--file <bundle.json|cin.xml|sen2.xml> | --dir <folder>) [--user health-feed|sc-feed|edu-feed] [--gateway <url>] [--max-bytes <n>] [--allocations <case-allocations.csv>] | --agency social-care --la <LA code> --allocations <case-allocations.csv> (a feed on its own)
       npm run ingest -- --agency social-care --la <LA code> --header <903 Header.csv> --episodes <903 Episodes.csv> [--user sc-feed] [--gateway <url>]
       npm run ingest -- --agency education --ctf <ctf.xml> [--user edu-feed] [--gateway <url>]
       npm run ingest -- --agency health|social-care|education (--services <services.json> | --services-url <directory /services URL>) [--user ...] [--gateway <url>]`;
/** Per agency: the file extension a folder is read for, and the demo user that feeds it. */
const FEEDS: Record<string, { ext: string; user: string }> = {
  health: { ext: '.json', user: 'health-feed' },
  'social-care': { ext: '.xml', user: 'sc-feed' },
  education: { ext: '.xml', user: 'edu-feed' },
};

async function main() {
  let o: Record<string, string>;
  try {
    o = cliArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const directory = !!(o.services || o['services-url']);
  const feed = FEEDS[o.agency];
  if (!feed) {
    console.error(
      `${o.agency ? `agency ${o.agency} is not accepted yet (health, social-care, education; see docs/ingestion.md)` : 'give --agency'}\n${USAGE}`,
    );
    process.exit(2);
  }
  const ssda903 = o.agency === 'social-care' && !!(o.header || o.episodes);
  if (ssda903 && !(o.la && o.header && o.episodes)) {
    console.error(`an SSDA903 return needs --la, --header and --episodes\n${USAGE}`);
    process.exit(2);
  }
  // A case allocations feed on its own: --la with --allocations and no return.
  const allocationsOnly = o.agency === 'social-care' && !!o.la && !!o.allocations && !o.file && !o.dir && !ssda903;
  const files = allocationsOnly
    ? [o.allocations]
    : o.ctf
      ? [o.ctf]
      : directory
        ? [o.services || o['services-url']]
        : ssda903
          ? [o.header]
          : o.file
            ? [o.file]
            : o.dir
              ? readdirSync(o.dir)
                  .filter((f) => f.endsWith(feed.ext))
                  .sort()
                  .map((f) => join(o.dir, f))
              : [];
  if (!files.length) {
    console.error(`no files\n${USAGE}`);
    process.exit(2);
  }
  const gateway = o.gateway || process.env.HUB_GATEWAY_URL || 'http://127.0.0.1:4000/graphql';
  const user = DEMO_USERS[o.user || feed.user];
  const token = process.env.HUB_TOKEN || (user && (await signUserToken(authSettings().jwtSecret, { ...user })));
  if (!token) {
    console.error(`no token: set HUB_TOKEN or give --user <demo user>\n${USAGE}`);
    process.exit(2);
  }
  const maxBytes = Number(o['max-bytes'] || process.env.MAX_BODY_BYTES || 1_000_000);
  if (o.ctf) process.exit(await ingestCtfFile(o.ctf, gateway, token));
  if (directory) process.exit(await ingestServicesCli(o.agency, o.services, o['services-url'], gateway, token));
  if (allocationsOnly) {
    const started = Date.now();
    process.exit(reportOne(o.allocations, await postCaseAllocations(gateway, token, o.la, readFileSync(o.allocations, 'utf8')), started));
  }
  if (ssda903) process.exit(await ingestSsda903Files(o.la, o.header, o.episodes, gateway, token, maxBytes));
  if (o.agency === 'social-care') process.exit(await ingestCinFiles(files, gateway, token, maxBytes, o.allocations));
  if (o.agency === 'education') process.exit(await ingestSen2Files(files, gateway, token, maxBytes));
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const progress = createProgress(bytes, { label: 'ingest' });
  const total = { ...submissionTotals(files.length), ...relationshipTotals() };
  const started = Date.now();
  let done = 0;
  for (const file of files) {
    // A file that fits one request goes as it is (its bytes are the submission, so a replay matches);
    // a bigger one is split by patient as it streams past, never read whole.
    const small = statSync(file).size <= maxBytes ? readFileSync(file, 'utf8') : null;
    const parts: AsyncIterable<{ text: string }> | { text: string }[] =
      small !== null && requestBytes(small) <= maxBytes ? [{ text: small }] : streamSplitBundle(file, maxBytes);
    let k = 0;
    try {
      for await (const part of parts) {
        const where = Array.isArray(parts) ? file : `${file} part ${++k}`;
        const r = await postFhirBundle(gateway, token, part.text);
        total.submissions++;
        if (r.ok) {
          const s = r.result;
          total.replayed += s.replayed ? 1 : 0;
          for (const key of ['children', 'created', 'updated', 'unchanged', 'closed'] as const) total[key] += s[key];
          total.warnings += s.warnings.length;
          tallyRelationships(total, s.relationships);
          for (const w of s.warnings)
            process.stderr.write(`\nwarning ${where} entry ${w.record} ${w.recordType ?? ''}.${w.field} ${w.code}: ${w.message}`);
        } else {
          total.rejected++;
          for (const e of r.errors) {
            process.stderr.write(`\nrejected ${where}: ${e.code ?? ''} ${e.message}`);
            for (const i of e.issues ?? [])
              process.stderr.write(`\n  ${i.severity} entry ${i.record} ${i.recordType ?? ''}.${i.field} ${i.code}: ${i.message}`);
          }
        }
      }
    } catch {
      total.rejected++;
      process.stderr.write(`\nrejected ${file}: not a JSON Bundle that can be split (nothing more of it was sent)`);
    }
    done += statSync(file).size;
    progress.update(done);
  }
  process.exit(finishRun(progress, started, total));
}

void main();
