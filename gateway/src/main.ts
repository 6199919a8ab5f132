import { createLogger, intSetting } from '@hub/common';
import { GATEWAY_PORT, SUBGRAPHS } from '@hub/schema';
import { startGateway } from './gateway';
import { clusterPrimary, gatewayPerformance } from './performance';

const log = createLogger('gateway');

async function main() {
  // GATEWAY_WORKERS > 1: this process only supervises the workers, which share the port.
  if (clusterPrimary(gatewayPerformance().workers, (code) => log.error({ code }, 'a gateway worker stopped'))) return;
  const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, process.env[s.urlEnv] || `http://127.0.0.1:${s.port}/graphql`]));
  const gw = await startGateway({ port: intSetting(process.env, 'PORT', GATEWAY_PORT), host: process.env.HOST || '127.0.0.1', subgraphUrls });
  log.info({ port: gw.port }, 'gateway ready');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await gw.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((e) => {
  log.error({ err: (e as Error).message }, 'gateway failed to start');
  process.exit(1);
});
