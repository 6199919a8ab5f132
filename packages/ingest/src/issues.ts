// What every ingestion reports about a file: each problem by record and field, never the value
// (values are personal data). Errors reject the whole submission; warnings (DfE "query" rules and
// their like) are reported and do not block.
import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';

export interface IngestIssue {
  severity: 'error' | 'warning';
  /** Position of the record in the file (Bundle entry index, Child element number), from 0. */
  record: number | null;
  /** The record's kind (FHIR resource type, XML element). */
  recordType: string | null;
  /** The field, as a path inside the record (`identifier`, `code.coding`). */
  field: string;
  /** A stable code: a DfE rule number where one applies, else the hub's own (`FHIR-REF`). */
  code: string;
  message: string;
}

export class IssueList {
  readonly items: IngestIssue[] = [];
  error(record: number | null, recordType: string | null, field: string, code: string, message: string) {
    this.items.push({ severity: 'error', record, recordType, field, code, message });
  }
  warning(record: number | null, recordType: string | null, field: string, code: string, message: string) {
    this.items.push({ severity: 'warning', record, recordType, field, code, message });
  }
  get errors() {
    return this.items.filter((i) => i.severity === 'error');
  }
  get warnings() {
    return this.items.filter((i) => i.severity === 'warning');
  }
}

/** A rejected file: BAD_USER_INPUT naming the argument, with every error listed (at most 1,000). */
export function rejected(argument: string, issues: IngestIssue[]): GraphQLError {
  const errors = issues.filter((i) => i.severity === 'error');
  return new GraphQLError(`${argument} was rejected: ${errors.length} error(s); nothing was written`, {
    extensions: { code: 'BAD_USER_INPUT', argument, issues: issues.slice(0, 1000), errorCount: errors.length },
  });
}

/**
 * A submission whose children's identifiers belong to a different child (in governance's child
 * index, or in this agency's own records) is rejected, each such record named; nothing is merged.
 * Null when there is no conflict.
 */
export function linkConflicts(
  argument: string,
  identifier: string,
  at: { record: number; recordType: string; field: string }[],
  warnings: IngestIssue[],
): GraphQLError | null {
  if (!at.length) return null;
  const issues = new IssueList();
  for (const a of at)
    issues.error(
      a.record,
      a.recordType,
      a.field,
      'HUB-LINK-CONFLICT',
      `${identifier} already belongs to a different child in the child index; resolve the duplicate first (never merged silently)`,
    );
  return rejected(argument, [...issues.items, ...warnings]);
}

/** The content hash a submission is known by: the same bytes twice are the same submission. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface IngestCounts {
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
}
