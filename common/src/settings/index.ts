// Every process's settings, read from the environment and validated once at start (process.ts),
// the secrets and token rules of identity (auth.ts), and the readers both use (read.ts).
export * from './read';
export * from './auth';
export * from './process';
