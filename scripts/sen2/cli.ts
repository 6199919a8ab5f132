// `npm run sen2 -- --la 937 --reference-date 2027-01-21 --out sen2.xml`: fetches the LA's SEN2 return
// from a running hub through the gateway (as the LA's education system by default, the caller that
// sees every record; a coordinator's token gets only the children they may see, and the file is then
// refused as incomplete), writes the XML and prints the validation summary. Token: HUB_TOKEN, or
// `--user <demo user>` (default edu-feed). Gateway: --gateway or HUB_GATEWAY_URL.
// Exit status: 0 written and no ERROR rule hit; 1 written but the DfE checks would fail (ERROR
// rules); 2 bad arguments, the hub refused, or the return is incomplete (nothing written).
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { authSettings } from '@hub/runtime/settings/auth';
import { signUserToken } from '@hub/guard/auth';
import { createProgress } from '@hub/seed/progress';
import { DEMO_USERS } from '@hub/seed/users';
import { cliArgs } from '../ingest/args';
import { fetchSen2Return, type Sen2Download } from './fetch';

const USAGE =
  'usage: npm run sen2 -- --reference-date <YYYY-MM-DD, the third Thursday of January> --out <file.xml> [--la <3-digit LA code>] [--user edu-feed] [--gateway <url>]';

const fail = (message: string): never => {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
};

/** Writes header, each record's Person element, footer; to a temporary name first, so a half-written file never carries the final name. */
async function writeReturn(out: string, r: Sen2Download): Promise<void> {
  const tmp = `${out}.partial`;
  const file = createWriteStream(tmp, { encoding: 'utf8' });
  const progress = createProgress(r.records.length, { label: 'sen2 write' });
  const write = (s: string) => (file.write(s) ? undefined : new Promise<void>((res) => file.once('drain', () => res())));
  await write(r.xmlHeader);
  for (let i = 0; i < r.records.length; i++) {
    await write(r.records[i].xml!);
    if (i % 1000 === 0) progress.update(i);
  }
  await write(r.xmlFooter);
  await new Promise<void>((res, rej) => file.end((e?: Error | null) => (e ? rej(e) : res())));
  progress.finish();
  await rename(tmp, out);
}

async function main() {
  let o: Record<string, string> = {};
  try {
    o = cliArgs(process.argv.slice(2));
  } catch (e) {
    fail((e as Error).message);
  }
  const censusDate = o['reference-date'] || o['census-date'];
  if (!censusDate) fail('give --reference-date');
  if (!o.out) fail('give --out');
  if (o.la && !/^[0-9]{3}$/.test(o.la)) fail('--la must be a 3-digit LA code');
  const gateway = o.gateway || process.env.HUB_GATEWAY_URL || 'http://127.0.0.1:4000/graphql';
  const user = DEMO_USERS[o.user || 'edu-feed'];
  const token = process.env.HUB_TOKEN || (user && (await signUserToken(authSettings().jwtSecret, { ...user })));
  if (!token) fail('no token: set HUB_TOKEN or give --user <demo user>');

  const started = Date.now();
  process.stderr.write(`sen2: fetching the return for ${censusDate} from ${gateway} ...\n`);
  const got = await fetchSen2Return(gateway, token!, censusDate);
  if (!got.ok)
    fail(
      `the hub refused: ${got.errors.map((e) => `${e.code ?? ''} ${e.message}${e.argument ? ` (argument ${e.argument})` : ''}`).join('; ')}`,
    );
  const r = (got as { ok: true; result: Sen2Download }).result;
  const fetched = Date.now();
  // The LA comes from the caller's token: --la is a check that the file is the one meant.
  if (o.la && r.laCode !== o.la) fail(`the token's LA is ${r.laCode}, not ${o.la}: nothing written`);
  const withheld = r.records.filter((x) => x.xml === null).length;
  if (withheld)
    fail(
      `${withheld} of ${r.records.length} children's records were withheld by the guard (the caller lacks need-to-know): an incomplete return is not written; use the LA's education system (--user edu-feed)`,
    );
  await writeReturn(o.out, r);
  const written = Date.now();

  const failing = r.ruleCounts.filter((c) => c.count > 0);
  const errors = failing.filter((c) => c.severity === 'ERROR').reduce((n, c) => n + c.count, 0);
  console.log(`SEN2 return, LA ${r.laCode}, census date ${r.censusDate} (reference period ${r.periodStart} to ${r.periodEnd}) -> ${o.out}`);
  console.log(
    `  ${Object.entries(r.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log(`  validation: ${r.ruleCounts.length} rules checked; ${failing.length ? '' : 'no record breaks any'}`);
  for (const c of failing) console.log(`    ${c.rule} ${c.severity.padEnd(5)} ${String(c.count).padStart(6)}  ${c.message}`);
  console.log(
    errors
      ? `  ${errors} ERROR hit(s): the DfE's checks would reject this return until they are fixed`
      : "  no ERROR rule hit: the DfE's checks implemented here pass (QUERY hits need an explanation)",
  );
  console.log(`  fetched in ${((fetched - started) / 1000).toFixed(1)} s, written in ${((written - fetched) / 1000).toFixed(1)} s`);
  process.exit(errors ? 1 : 0);
}

void main();
