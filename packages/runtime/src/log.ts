// Structured JSON logs (pino), one line per event, to stdout or, when LOG_FILE is set, appended to
// that file (every process of a test run or a host can share one). Log ids, codes, counts and
// timings; never names, dates of birth, NHS numbers, UPNs, free text, or an error's message (a
// driver's message can quote the data it choked on).
import pino from 'pino';
import { ConfigError } from './settings/read';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface LogSettings {
  level: (typeof LEVELS)[number];
  file?: string;
}

/** LOG_LEVEL and LOG_FILE, checked: every process's settings read them (a bad level refuses the start). */
export function logSettings(env: NodeJS.ProcessEnv = process.env): LogSettings {
  const level = env.LOG_LEVEL || 'info';
  if (!(LEVELS as readonly string[]).includes(level)) throw new ConfigError(`LOG_LEVEL must be one of ${LEVELS.join(', ')}`);
  return { level: level as LogSettings['level'], file: env.LOG_FILE || undefined };
}

/** Loggers are made before a process has read its settings; a bad level logs at info until the settings refuse the start. */
function current(): LogSettings {
  try {
    return logSettings();
  } catch {
    return logSettings({ ...process.env, LOG_LEVEL: 'info' });
  }
}

let destination: pino.DestinationStream | undefined;

function sink(file: string | undefined): pino.DestinationStream {
  // Synchronous appends: a line written before a kill -9 is a line on disk.
  destination ??= file
    ? pino.destination({ dest: file, append: true, sync: true, mkdir: true })
    : pino.destination({ dest: 1, sync: true });
  return destination;
}

export function createLogger(service: string) {
  const { level, file } = current();
  return pino({ name: service, level, base: { service, pid: process.pid } }, sink(file));
}

export type Logger = ReturnType<typeof createLogger>;
