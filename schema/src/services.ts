// The hub's topology: one place that names each service, its default port and its database.
// start.mjs, the gateway, docker/ and the tests all read this, so they cannot disagree.
// dbEnv: what the running service connects as (its own role); migrationDbEnv: the owner, which runs
// migrations and grants the service role (packages/runtime/src/db-roles.ts). auditChain: the service keeps a
// hash-chained audit of what it disclosed (commissioning holds no child data, only a query log).

export const SUBGRAPHS = [
  {
    name: 'governance',
    auditChain: true,
    port: 4004,
    database: 'hub_governance',
    urlEnv: 'GOVERNANCE_URL',
    dbEnv: 'GOVERNANCE_DATABASE_URL',
    migrationDbEnv: 'GOVERNANCE_MIGRATION_DATABASE_URL',
  },
  {
    name: 'education',
    auditChain: true,
    port: 4001,
    database: 'hub_education',
    urlEnv: 'EDUCATION_URL',
    dbEnv: 'EDUCATION_DATABASE_URL',
    migrationDbEnv: 'EDUCATION_MIGRATION_DATABASE_URL',
  },
  {
    name: 'health',
    auditChain: true,
    port: 4002,
    database: 'hub_health',
    urlEnv: 'HEALTH_URL',
    dbEnv: 'HEALTH_DATABASE_URL',
    migrationDbEnv: 'HEALTH_MIGRATION_DATABASE_URL',
  },
  {
    name: 'social-care',
    auditChain: true,
    port: 4003,
    database: 'hub_social_care',
    urlEnv: 'SOCIAL_CARE_URL',
    dbEnv: 'SOCIAL_CARE_DATABASE_URL',
    migrationDbEnv: 'SOCIAL_CARE_MIGRATION_DATABASE_URL',
  },
  // The family's own words (plan section A): no agency owns them, so they have a service of their own.
  {
    name: 'family',
    auditChain: true,
    port: 4006,
    database: 'hub_family',
    urlEnv: 'FAMILY_URL',
    dbEnv: 'FAMILY_DATABASE_URL',
    migrationDbEnv: 'FAMILY_MIGRATION_DATABASE_URL',
  },
  // Joint commissioning: aggregates only; holds no child data and no keys, only a log of queries run.
  {
    name: 'commissioning',
    auditChain: false,
    port: 4005,
    database: 'hub_commissioning',
    urlEnv: 'COMMISSIONING_URL',
    dbEnv: 'COMMISSIONING_DATABASE_URL',
    migrationDbEnv: 'COMMISSIONING_MIGRATION_DATABASE_URL',
  },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export const GATEWAY_PORT = 4000;

/**
 * Every port of one hub from a single base (`npm start`'s HUB_PORT_BASE): the gateway on the base,
 * each subgraph at its default's distance from 4000, so a second hub on the machine moves as a whole.
 */
export function hubPorts(base: number = GATEWAY_PORT): { gateway: number } & Record<SubgraphName, number> {
  const ports = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, s.port - GATEWAY_PORT + base])) as Record<SubgraphName, number>;
  return { gateway: base, ...ports };
}

export function subgraph(name: SubgraphName) {
  const s = SUBGRAPHS.find((x) => x.name === name);
  if (!s) throw new Error(`unknown subgraph ${name}`);
  return s;
}
