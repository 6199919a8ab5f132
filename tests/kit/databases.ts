// Each test file gets its own set of agency databases on the shared test server, so files can run
// in parallel and never see each other's rows.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { grantServiceRole, serviceRoleName, serviceUrl } from '@hub/runtime/db-roles';
import { SUBGRAPHS, type SubgraphName } from '@hub/schema';

export function serverUrl(): string {
  const url = process.env.HUB_TEST_POSTGRES_URL;
  if (!url) throw new Error('HUB_TEST_POSTGRES_URL is not set: run the tests through jest (tests/kit/global-setup.mjs)');
  return url;
}

async function admin<T>(fn: (c: Client) => Promise<T>, server = serverUrl()): Promise<T> {
  const c = new Client({ connectionString: `${server}/postgres` });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export type DatabaseUrls = Record<SubgraphName, string>;

/** `server` defaults to the shared test server; a fault test may pass its own cluster. */
export async function createDatabases(label = 't', server = serverUrl()): Promise<DatabaseUrls> {
  const prefix = `${label}_${randomBytes(4).toString('hex')}`;
  const urls = {} as DatabaseUrls;
  await admin(async (c) => {
    for (const s of SUBGRAPHS) {
      const name = `${prefix}_${s.name.replace('-', '_')}`;
      await c.query(`CREATE DATABASE ${name}`);
      urls[s.name] = `${server}/${name}`;
    }
  }, server);
  return urls;
}

export async function dropDatabases(urls: DatabaseUrls): Promise<void> {
  const server = urls.governance.slice(0, urls.governance.lastIndexOf('/'));
  await admin(async (c) => {
    for (const url of Object.values(urls)) await c.query(`DROP DATABASE IF EXISTS ${url.split('/').pop()} WITH (FORCE)`);
  }, server);
}

/** Runs one statement on a test database (for arranging state the API has no call for). */
export async function sql<T = any>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

/**
 * Creates (once per cluster) each service's own role, grants it what a running service needs in
 * its database (packages/runtime/src/db-roles.ts), and returns the URLs the services connect with: as in
 * production, no running service is the owner of its tables.
 */
export async function serviceUrls(urls: DatabaseUrls): Promise<DatabaseUrls> {
  const out = {} as DatabaseUrls;
  for (const s of SUBGRAPHS) {
    out[s.name] = serviceUrl(urls[s.name], serviceRoleName(s.name));
    await grantServiceRole(urls[s.name], out[s.name]);
  }
  return out;
}
