// `npx tsx scripts/audit-verify.ts [database-url ...]`: verifies the audit chain in each database
// and prints one line per database. With no arguments it checks the four databases of `npm start`
// that keep an audit chain (each one's *_MIGRATION_DATABASE_URL or *_DATABASE_URL if set, else postgres://hub:hub@127.0.0.1:$HUB_PG_PORT (5433)/
// <database>). Exits 1 if any chain is broken or cannot be read, 2 on a usage error.
import { SUBGRAPHS } from '@hub/schema';
import { verifyChain } from '@hub/guard/audit/verify';

const USAGE = 'usage: npx tsx scripts/audit-verify.ts [<database-url> ...]';

function targets(args: string[]): { label: string; url: string }[] {
  if (args.length > 0) {
    return args.map((url) => {
      let database: string;
      try {
        database = decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || url;
      } catch {
        throw new Error(`not a database URL: ${url}`);
      }
      const s = SUBGRAPHS.find((x) => x.database === database);
      return { label: s ? s.name : database, url };
    });
  }
  const port = Number(process.env.HUB_PG_PORT || 5433);
  return SUBGRAPHS.filter((s) => s.auditChain).map((s) => ({
    label: s.name,
    url: process.env[s.migrationDbEnv] || process.env[s.dbEnv] || `postgres://hub:hub@127.0.0.1:${port}/${s.database}`,
  }));
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('-h') || args.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  let list: { label: string; url: string }[];
  try {
    list = targets(args);
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  let failed = false;
  for (const t of list) {
    try {
      const r = await verifyChain(t.url);
      if (r.ok) {
        console.log(`${t.label}: ok, ${r.events} events`);
      } else {
        failed = true;
        console.log(`${t.label}: TAMPERED at seq ${r.firstBadSeq}: ${r.problem}`);
      }
    } catch (e) {
      failed = true;
      console.log(`${t.label}: ERROR: ${(e as Error).message}`);
    }
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
