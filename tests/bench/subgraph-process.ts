// A subgraph process for the benchmark: the same as the deployed entry (runSubgraphProcess), plus
// the benchmark-only unguarded variant, chosen by argv. This file is never part of a deployment
// (docker/ copies only the services' own folders), so a deployed hub cannot switch guards off.
import { intSetting } from '@hub/runtime/settings/read';
import { startSubgraph } from '@hub/host/subgraph';
import type { SubgraphName } from '@hub/schema';
import { DEFINITIONS } from '../kit/definitions';

async function main() {
  const [name, url, port, mode] = process.argv.slice(2);
  const s = await startSubgraph(DEFINITIONS[name as SubgraphName], {
    databaseUrl: url,
    port: Number(port),
    migrate: false,
    poolSize: intSetting(process.env, 'DB_POOL_SIZE', 10),
    unguardedForBenchmark: mode === 'unguarded',
  });
  process.on('SIGTERM', () => void s.stop().then(() => process.exit(0)));
}

void main();
