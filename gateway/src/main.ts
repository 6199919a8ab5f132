import { createLogger, gatewayProcessSettings, onShutdown, refuseToStart } from '@hub/common';
import { startGateway } from './gateway';
import { clusterPrimary, gatewayPerformance } from './performance';

const log = createLogger('gateway');

async function main() {
  let settings;
  try {
    settings = gatewayProcessSettings();
  } catch (e) {
    refuseToStart('gateway', e);
  }
  // GATEWAY_WORKERS > 1: this process only supervises the workers, which share the port.
  if (clusterPrimary(gatewayPerformance().workers, (code) => log.error({ code }, 'a gateway worker stopped'))) return;
  const gw = await startGateway({ port: settings.port, host: settings.host, subgraphUrls: settings.subgraphUrls });
  log.info({ port: gw.port }, 'gateway ready');
  onShutdown(log, settings.shutdownGraceMs, () => gw.stop());
}

main().catch((e) => {
  log.error({ error: (e as Error)?.name }, 'gateway failed to start');
  refuseToStart('gateway', e);
});
