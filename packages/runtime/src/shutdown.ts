// Graceful shutdown for every hub process: on SIGTERM (or Ctrl-C) stop accepting, let in-flight
// requests finish, close the pools, exit 0. If that takes longer than the grace period plus a
// margin, exit 1 rather than hang a deployment's rollout.
import type { Logger } from './log';

export function onShutdown(log: Logger, graceMs: number, stop: () => Promise<void>) {
  let stopping = false;
  const handle = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, graceMs }, 'stopping: no new connections, finishing in-flight requests');
    const force = setTimeout(() => {
      log.error({ graceMs }, 'in-flight requests did not finish in time; exiting');
      process.exit(1);
    }, graceMs + 5_000);
    force.unref();
    stop().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (e) => {
        log.error({ error: (e as Error)?.name }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => handle('SIGTERM'));
  process.on('SIGINT', () => handle('SIGINT'));
}
