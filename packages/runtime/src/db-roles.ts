// Least privilege in PostgreSQL. Two roles per service database:
//   - the migration role (the owner, e.g. `hub`): runs migrations, owns every table;
//   - the service role (e.g. `hub_svc_health`), which the running service connects as: it reads and
//     writes its tables, but may not change the schema, may not UPDATE or DELETE audit records (only
//     the sealer's three chain columns, seq / prev_hash / hash), and may only read the migration log.
// So a compromised service, or a hostile insider with its credentials, cannot quietly delete an
// audit record in the moment before the sealer chains it; tampering needs the owner's credentials,
// and the hash chain still shows it.
import { Client } from 'pg';

/** The conventional service role of a subgraph: `hub_svc_<name>` (hyphens as underscores). */
export function serviceRoleName(subgraph: string): string {
  return `hub_svc_${subgraph.replace(/-/g, '_')}`;
}

/** Development password of every service role (npm start, tests); production sets its own in the URL. */
export const DEV_SERVICE_DB_PASSWORD = 'hub-service-dev-only';

/** The service's URL: the owner's URL with the service role's user and password. */
export function serviceUrl(ownerUrl: string, role: string, password = DEV_SERVICE_DB_PASSWORD): string {
  const u = new URL(ownerUrl);
  u.username = role;
  u.password = password;
  return u.toString();
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Run as the owner after migrations: creates the service role if it is missing (with the user and
 * password the service's own URL names) and grants it exactly what a running service needs.
 * Idempotent; safe to run at every start and from several processes at once.
 */
export async function grantServiceRole(ownerUrl: string, serviceDatabaseUrl: string): Promise<void> {
  const service = new URL(serviceDatabaseUrl);
  const role = decodeURIComponent(service.username);
  const owner = decodeURIComponent(new URL(ownerUrl).username);
  if (!IDENT.test(role)) throw new Error('the service database URL must name a role of lower-case letters, digits and _');
  if (role === owner) throw new Error('the service must connect as a role of its own, not as the owner that runs migrations');
  const password = decodeURIComponent(service.password);
  const c = new Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    const db = (await c.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
    // Roles are cluster-wide: another database's start may be creating the same role right now.
    await c.query(`DO $$ BEGIN
      CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD ${c.escapeLiteral(password)};
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    const tables = (await c.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'")).rows.map(
      (r) => r.name,
    );
    const statements = [
      `REVOKE ALL ON DATABASE ${c.escapeIdentifier(db)} FROM PUBLIC`,
      `GRANT CONNECT, TEMPORARY ON DATABASE ${c.escapeIdentifier(db)} TO ${role}`,
      'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
      `GRANT USAGE ON SCHEMA public TO ${role}`,
      `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    ];
    for (const t of tables) {
      const table = c.escapeIdentifier(t);
      statements.push(`REVOKE ALL ON ${table} FROM ${role}`);
      if (t === 'audit_event') {
        statements.push(`GRANT SELECT, INSERT ON ${table} TO ${role}`, `GRANT UPDATE (seq, prev_hash, hash) ON ${table} TO ${role}`);
      } else if (t === 'audit_head') {
        statements.push(`GRANT SELECT, UPDATE ON ${table} TO ${role}`);
      } else if (t === 'schema_migrations') {
        statements.push(`GRANT SELECT ON ${table} TO ${role}`);
      } else {
        statements.push(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${role}`);
      }
    }
    await c.query('BEGIN');
    // Two starts granting at once would otherwise fail with "tuple concurrently updated".
    await c.query("SELECT pg_advisory_xact_lock(hashtext('hub-service-grants'))");
    for (const s of statements) await c.query(s);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await c.end();
  }
}
