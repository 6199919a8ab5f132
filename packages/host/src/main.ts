// Process entry shared by every subgraph: settings from the environment, validated before anything
// starts; graceful shutdown on SIGTERM.
import type { SubgraphName } from '@hub/schema';
import { createLogger } from '@hub/runtime/log';
import { refuseToStart, subgraphProcessSettings } from '@hub/runtime/settings/process';
import { onShutdown } from '@hub/runtime/shutdown';
import { startSubgraph, type SubgraphDefinition } from './subgraph';

export async function runSubgraphProcess<L>(def: SubgraphDefinition<L>) {
  const log = createLogger(def.name);
  let settings;
  try {
    settings = subgraphProcessSettings(def.name as SubgraphName);
  } catch (e) {
    refuseToStart(def.name, e);
  }
  try {
    const running = await startSubgraph(def, {
      databaseUrl: settings.databaseUrl,
      migrationUrl: settings.migrationUrl,
      port: settings.port,
      host: settings.host,
      poolSize: settings.poolSize,
      maxBodyBytes: settings.maxBodyBytes,
      shutdownGraceMs: settings.shutdownGraceMs,
    });
    log.info({ port: running.port }, 'subgraph ready');
    onShutdown(log, settings.shutdownGraceMs, () => running.stop());
  } catch (e) {
    log.error({ error: (e as Error)?.name }, 'subgraph failed to start');
    refuseToStart(def.name, e);
  }
}
