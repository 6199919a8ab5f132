import { createLogger } from '@hub/runtime/log';
import { gatewayProcessSettings, refuseToStart } from '@hub/runtime/settings/process';
import { onShutdown } from '@hub/runtime/shutdown';
import { startGateway } from './gateway';
import { clusterPrimary } from './performance';
import { gatewaySettings } from './settings';

const log = createLogger('gateway');

async function main() {
  let settings, workers;
  try {
    settings = gatewayProcessSettings();
    workers = gatewaySettings().performance.workers;
  } catch (e) {
    refuseToStart('gateway', e);
  }
  // GATEWAY_WORKERS > 1: this process only supervises the workers, which share the port.
  if (clusterPrimary(workers, (code) => log.error({ code }, 'a gateway worker stopped'))) return;
  const gw = await startGateway({ port: settings.port, host: settings.host, subgraphUrls: settings.subgraphUrls });
  log.info({ port: gw.port }, 'gateway ready');
  onShutdown(log, settings.shutdownGraceMs, () => gw.stop());
}

main().catch((e) => {
  log.error({ error: (e as Error)?.name }, 'gateway failed to start');
  refuseToStart('gateway', e);
});
