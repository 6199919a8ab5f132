import { createLogger } from '@hub/runtime/log';
import { refuseToStart } from '@hub/runtime/settings/process';
import { onShutdown } from '@hub/runtime/shutdown';
import { startGateway } from './gateway';
import { clusterPrimary } from './performance';
import { gatewaySettings, type GatewaySettings } from './settings';

const log = createLogger('gateway');

async function main() {
  let settings: GatewaySettings;
  try {
    settings = gatewaySettings();
  } catch (e) {
    refuseToStart('gateway', e);
  }
  // GATEWAY_WORKERS > 1: this process only supervises the workers, which share the port.
  if (clusterPrimary(settings.performance.workers, (code) => log.error({ code }, 'a gateway worker stopped'))) return;
  const gw = await startGateway({ settings });
  log.info({ port: gw.port }, 'gateway ready');
  onShutdown(log, settings.shutdownGraceMs, () => gw.stop());
}

main().catch((e) => {
  log.error({ error: (e as Error)?.name }, 'gateway failed to start');
  refuseToStart('gateway', e);
});
