import { createLogger, intSetting } from '@hub/common';
import { GATEWAY_PORT, SUBGRAPHS } from '@hub/schema';
import { startGateway } from './gateway';

const log = createLogger('gateway');

async function main() {
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
