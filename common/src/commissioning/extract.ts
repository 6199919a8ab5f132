// The agency side of joint commissioning. For one commissioning query the commissioning service
// asks each agency for a pseudonymised extract: one line per child the agency knows, keyed by
// HMAC(commissioning key, nonce || hub child id) truncated to 64 bits, carrying only coarse bands
// (never a name, a date of birth, an identifier or an address finer than a postcode district).
// The agency computes the pseudonym in its own database, so the hub child id never leaves it, and
// the fresh nonce per query means pseudonyms from two queries cannot be linked.
//
// Each extract is ONE SQL statement whose result is one text value (lines of `|`-separated
// fields), shipped as one GraphQL String: graphql-js would spend seconds on 100,000 objects.
import { asAtProblem, isoDateProblem } from '@hub/schema';
import { badInput, forbidden } from '../errors';
import { hasRole } from '../identity';
import type { SubgraphContext } from '../subgraph';
import { commissioningKey, hmacPads } from './key';

/** The only service that may ask for an extract. */
export const COMMISSIONING_SERVICE = 'commissioning';

/** Parameters every extract statement receives: $1/$2 the key's HMAC pads, $3 the nonce, $4 the date. */
export const AS_AT = '$4::date';

/** SQL for a child's pseudonym: base64 of the first 64 bits of HMAC-SHA256(key, nonce || uuid). */
export function pseudonymSql(childIdColumn: string): string {
  return `rtrim(encode(substr(sha256($2::bytea || sha256($1::bytea || $3::bytea || uuid_send(${childIdColumn}))), 1, 8), 'base64'), '=')`;
}

/** Lines of `line` joined into one text value (`extract`), plus any further columns (scalar subqueries) of the same statement. */
export function extractSql(linesSelect: string, more: Record<string, string> = {}): string {
  const extra = Object.entries(more).map(([name, sql]) => `, ${sql} AS ${name}`).join('');
  return `SELECT coalesce(string_agg(line, E'\\n'), '') AS extract${extra} FROM (${linesSelect}) lines`;
}

/** Sections of one extract (EXTRACT_SECTIONS) are separated by an empty line: a line is never empty (it starts with a pseudonym). */
export const SECTION_SEPARATOR = '\n\n';

/** A child's service uses open on the "as at" date, as `id;id`, keyed by child (join on child_id). */
export const OPEN_SERVICE_USES_SQL = `(SELECT child_id, string_agg(service_id, ';' ORDER BY service_id) AS ids FROM service_use
   WHERE start_date <= ${AS_AT} AND (end_date IS NULL OR end_date >= ${AS_AT}) GROUP BY child_id)`;

/** Condition: a period with start_date/end_date (of alias `t`) is open on the "as at" date. */
export const openOn = (t: string) => `${t}.start_date <= ${AS_AT} AND (${t}.end_date IS NULL OR ${t}.end_date >= ${AS_AT})`;

/** The extract field each agency adds to its Query type: peer-only, so @inaccessible. */
export function extractField(subgraph: string): string {
  return `${subgraph.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}CommissioningExtract`;
}

export function commissioningExtractSdl(subgraph: string): string {
  return `
extend type Query {
  "Peer-only (the commissioning service): one pseudonymised line per child, coarse bands only. nonce: 32 hex digits; asAt: YYYY-MM-DD."
  ${extractField(subgraph)}(nonce: String!, asAt: String!): String! @inaccessible @notPersonal
}`;
}

let pads: { ipad: Buffer; opad: Buffer } | undefined;

/**
 * The agency's resolvers with the extract field added to Query. `finish` turns the statement's row
 * into the text sent (e.g. reducing clock input to outcome codes inside the agency); by default the
 * `extract` column as it is.
 */
export function withCommissioningExtract<T extends Record<string, any>>(
  resolvers: T,
  subgraph: string,
  sql: string,
  finish: (row: Record<string, string>, asAt: string) => string = (row) => row.extract,
): T {
  const field = extractField(subgraph);
  const resolve = async (_: unknown, args: { nonce: string; asAt: string }, ctx: SubgraphContext) => {
    // Only the commissioning service, acting for a commissioner: never the gateway, never a person directly.
    if (ctx.service !== COMMISSIONING_SERVICE || !hasRole(ctx.caller, 'commissioner')) throw forbidden('ROLE', 'commissioning extracts are for the commissioning service only');
    if (!/^[0-9a-f]{32}$/.test(args.nonce)) throw badInput('nonce', 'must be 32 hexadecimal digits');
    const today = new Date().toISOString().slice(0, 10);
    const problem = isoDateProblem(args.asAt) ?? asAtProblem(args.asAt, today);
    if (problem) throw badInput('asAt', problem);
    pads ??= hmacPads(commissioningKey());
    const [row] = await ctx.db.query<Record<string, string>>(sql, [pads.ipad, pads.opad, Buffer.from(args.nonce, 'hex'), args.asAt]);
    return finish(row, args.asAt);
  };
  return { ...resolvers, Query: { ...(resolvers.Query ?? {}), [field]: resolve } } as T;
}
