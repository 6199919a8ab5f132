// Structured JSON logs. Log ids, codes and counts; never names, dates of birth, NHS numbers or UPNs.
import pino from 'pino';

export function createLogger(service: string) {
  return pino({ name: service, level: process.env.LOG_LEVEL || 'info', base: { service } });
}

export type Logger = ReturnType<typeof createLogger>;
