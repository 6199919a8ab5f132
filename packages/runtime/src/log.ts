// Structured JSON logs (pino), one line per event, to stdout or, when LOG_FILE is set, appended to
// that file (every process of a test run or a host can share one). Log ids, codes, counts and
// timings; never names, dates of birth, NHS numbers, UPNs, free text, or an error's message (a
// driver's message can quote the data it choked on).
import pino from 'pino';

let destination: pino.DestinationStream | undefined;

function sink(): pino.DestinationStream {
  const file = process.env.LOG_FILE;
  // Synchronous appends: a line written before a kill -9 is a line on disk.
  destination ??= file
    ? pino.destination({ dest: file, append: true, sync: true, mkdir: true })
    : pino.destination({ dest: 1, sync: true });
  return destination;
}

export function createLogger(service: string) {
  return pino({ name: service, level: process.env.LOG_LEVEL || 'info', base: { service, pid: process.pid } }, sink());
}

export type Logger = ReturnType<typeof createLogger>;
