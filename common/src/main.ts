// Process entry shared by every subgraph: settings from the environment, graceful SIGTERM.
import { subgraph, type SubgraphName } from '@hub/schema';
import { intSetting } from './config';
import { createLogger } from './log';
import { startSubgraph, type SubgraphDefinition } from './subgraph';

export async function runSubgraphProcess<L>(def: SubgraphDefinition<L>) {
  const log = createLogger(def.name);
  const topo = subgraph(def.name as SubgraphName);
  const databaseUrl = process.env[topo.dbEnv] || process.env.DATABASE_URL;
  if (!databaseUrl) {
    log.error(`set ${topo.dbEnv} (or DATABASE_URL) to this service's PostgreSQL database`);
    process.exit(2);
  }
  try {
    const running = await startSubgraph(def, {
      databaseUrl,
      port: intSetting(process.env, 'PORT', topo.port),
      host: process.env.HOST || '127.0.0.1',
      poolSize: intSetting(process.env, 'DB_POOL_SIZE', 10),
    });
    log.info({ port: running.port }, 'subgraph ready');
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'stopping: finishing in-flight requests');
      await running.stop();
      process.exit(0);
    };
    process.on('SIGTERM', () => void stop('SIGTERM'));
    process.on('SIGINT', () => void stop('SIGINT'));
  } catch (e) {
    log.error({ err: (e as Error).message }, 'subgraph failed to start');
    process.exit(1);
  }
}
