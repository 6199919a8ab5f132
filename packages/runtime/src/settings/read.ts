// Reading one setting from the environment: each reader names the setting and what it must be in
// its error, never the value given (it may be a secret).
export class ConfigError extends Error {}

/** An integer setting; the message names the setting and the range, never the value given. */
export function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  const min = range.min ?? 0;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(
      range.max === undefined && min === 0 ? `${name} must be a non-negative integer` : `${name} must be an integer from ${min} to ${max}`,
    );
  }
  return n;
}

export function urlSetting(env: NodeJS.ProcessEnv, name: string, protocols: string[], fallback?: string): string {
  const raw = env[name] || fallback;
  if (!raw) throw new ConfigError(`${name} must be set`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL`);
  }
  if (!protocols.includes(url.protocol))
    throw new ConfigError(`${name} must be a ${protocols.map((p) => p.replace(':', '')).join(' or ')} URL`);
  return raw;
}
