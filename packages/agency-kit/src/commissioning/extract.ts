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
import { badInput } from '@hub/guard/errors';
import type { SubgraphContext } from '@hub/host/subgraph';
import { commissioningKey } from '@hub/runtime/settings/secrets';
import { hmacPads } from './key';
import { AS_AT, EXTRACT_FIELDS, lineColumns, SECTION_FIELDS, type ExtractAgency, type ExtractFieldName } from './layout';

type SectionField = (typeof SECTION_FIELDS)[number];

/** The only service that may ask for an extract. */
export const COMMISSIONING_SERVICE = 'commissioning';

/** SQL for a child's pseudonym: base64 of the first 64 bits of HMAC-SHA256(key, nonce || uuid). */
export function pseudonymSql(childIdColumn: string): string {
  return `rtrim(encode(substr(sha256($2::bytea || sha256($1::bytea || $3::bytea || uuid_send(${childIdColumn}))), 1, 8), 'base64'), '=')`;
}

/**
 * SQL for a child's record key: the first byte of HMAC-SHA256(key, 'record-key' || uuid), 0..255.
 * No nonce, so it is the same in every query (the cell key method needs every table to see the same
 * key for the same child); one byte, so some 400 of 100,000 children share each value and it cannot
 * serve to link a pseudonymous row across queries. Keyed, so nobody without the key (a commissioner
 * who knows a child's hub id) can compute it.
 */
export function recordKeySql(childIdColumn: string): string {
  return `get_byte(sha256($2::bytea || sha256($1::bytea || 'record-key'::bytea || uuid_send(${childIdColumn}))), 0)::text`;
}

/** Sections of one extract (e.g. TIMELINESS_FIELDS) are separated by an empty line: a line is never empty (it starts with a pseudonym). */
export const SECTION_SEPARATOR = '\n\n';

/** How one field of the line is read: an SQL expression (never NULL) and the joins it needs. */
export interface ExtractColumn {
  select: string;
  joins?: string[];
}

/** An agency's extract: its record table and the SQL of each field it can send. */
export interface AgencyExtract<A extends ExtractAgency> {
  agency: A;
  /** The agency's record, FROM-clause text (alias r, one row per child it knows). */
  from: string;
  columns: Record<Exclude<ExtractFieldName<A>, SectionField | 'recordKey'>, ExtractColumn>;
  /** Education: the timeliness section, a scalar subquery (for the section fields asked for) whose text `finish` reduces to outcome codes. */
  timeliness?: { sql(requested: readonly string[]): string; finish(text: string, asAt: string): string };
}

/**
 * The one statement of an extract for the requested fields: built only from the agency's fixed SQL
 * per field (the names are checked against EXTRACT_FIELDS first), so a caller's text never reaches SQL.
 */
export function extractStatement<A extends ExtractAgency>(spec: AgencyExtract<A>, requested: readonly string[]): string {
  const recordKey: ExtractColumn = { select: recordKeySql('r.child_id') };
  const cols = lineColumns(spec.agency, requested).map((f) =>
    f === 'recordKey' ? recordKey : spec.columns[f as Exclude<ExtractFieldName<A>, SectionField | 'recordKey'>],
  );
  const joins = [...new Set(cols.flatMap((c) => c.joins ?? []))];
  const line = [pseudonymSql('r.child_id'), ...cols.map((c) => c.select)].join(` || '|' || `);
  const section = SECTION_FIELDS.some((f) => requested.includes(f));
  const timeliness = spec.timeliness && section ? `, ${spec.timeliness.sql(requested)} AS timeliness` : '';
  // Every statement takes the same four parameters, whether or not a field uses the date.
  return `SELECT coalesce(string_agg(${line}, E'\\n'), '') AS extract${timeliness} FROM ${spec.from} ${joins.join(' ')} WHERE ${AS_AT} IS NOT NULL`;
}

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
  "Peer-only (the commissioning service): one pseudonymised line per child, coarse bands only. nonce: 32 hex digits; asAt: YYYY-MM-DD; fields: names from the agency's extract layout (default all)."
  ${extractField(subgraph)}(nonce: String!, asAt: String!, fields: [String!]): String! @requiresService(services: ["${COMMISSIONING_SERVICE}"], roles: ["commissioner"], reason: "commissioning extracts are for the commissioning service only") @inaccessible @notPersonal
}`;
}

let pads: { ipad: Buffer; opad: Buffer } | undefined;

/** The agency's resolvers with the extract field added to Query. */
export function withCommissioningExtract<T extends Record<string, any>, A extends ExtractAgency>(resolvers: T, spec: AgencyExtract<A>): T {
  const field = extractField(spec.agency);
  const known: readonly string[] = EXTRACT_FIELDS[spec.agency];
  const statements = new Map<string, string>();
  const resolve = async (_: unknown, args: { nonce: string; asAt: string; fields?: string[] | null }, ctx: SubgraphContext) => {
    if (!/^[0-9a-f]{32}$/.test(args.nonce)) throw badInput('nonce', 'must be 32 hexadecimal digits');
    const today = new Date().toISOString().slice(0, 10);
    const problem = isoDateProblem(args.asAt) ?? asAtProblem(args.asAt, today);
    if (problem) throw badInput('asAt', problem);
    const fields = args.fields ?? known;
    if (fields.some((f) => !known.includes(f)))
      throw badInput('fields', `names a field this agency does not extract (it has ${known.join(', ')})`);
    const key = known.filter((f) => fields.includes(f)).join(',');
    let sql = statements.get(key);
    if (!sql) statements.set(key, (sql = extractStatement(spec, fields)));
    pads ??= hmacPads(commissioningKey());
    const [row] = await ctx.db.query<{ extract: string; timeliness?: string }>(sql, [
      pads.ipad,
      pads.opad,
      Buffer.from(args.nonce, 'hex'),
      args.asAt,
    ]);
    return row.timeliness === undefined
      ? row.extract
      : row.extract + SECTION_SEPARATOR + spec.timeliness!.finish(row.timeliness, args.asAt);
  };
  return { ...resolvers, Query: { ...(resolvers.Query ?? {}), [field]: resolve } } as T;
}
