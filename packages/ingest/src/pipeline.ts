// The one shape every ingestion has, whatever the format: a submission known by its source and
// content hash (the same bytes again change nothing and say so), the whole file checked before
// anything is written, every child through governance's child index, every record written in ONE
// transaction with the submission's row (a crash leaves nothing), relationships after the commit
// (worked out from what is stored, so a replay finishes what a failed run left), and the report.
// A format states only its own steps; this runs them in that order, the same for all.
import { randomUUID } from 'node:crypto';
import { type Db } from '@hub/runtime/db';
import { type Caller } from '@hub/guard/identity';
import { type Logger } from '@hub/runtime/log';
import { type PeerClient } from '@hub/host/peers';
import type { RelationshipSync } from './allocations';
import { badInput } from '@hub/guard/errors';
import { contentHash, IssueList, rejected, type IngestCounts, type IngestIssue } from './issues';
import { insertSubmission, priorSubmission } from './tables';

export interface IngestContext {
  db: Db;
  peers: PeerClient;
  caller: Caller;
  requestId: string;
}

/** What a format's write step is handed, inside the submission's transaction. */
export interface SubmissionWrite {
  /** The submission row's id: every record written carries it. */
  submission: string;
  /** The caller's `sub`: the source system every record is attributed to. */
  sourceSystem: string;
  /** The submission's time, stamped on every record it writes (`source_at`). */
  at: string;
  caller: Caller;
}

export type PriorSubmission = NonNullable<Awaited<ReturnType<typeof priorSubmission>>>;

export interface PipelineSpec<I, C extends { issues: IssueList }, L, W> {
  /** Names the log lines: "<name> ingested", "<name> replayed: nothing changed". */
  name: string;
  log: Logger;
  /** The argument a submission with errors is rejected under. */
  argument: string;
  /** Everything the submission is, as the text its content hash is taken of: a different part is a different submission. */
  content(input: I): string;
  /** Reads and checks the whole submission (against what the agency holds, where a rule needs it); throws BAD_USER_INPUT when it cannot be read at all. */
  check(input: I, ctx: IngestContext): C | Promise<C>;
  submissionId(checked: C, hash: string): string;
  /** What the result counts besides records (`{ children: n }`), kept in the submission's summary too. */
  counted(checked: C): Record<string, number>;
  /** The records a replay confirms: reported as unchanged. */
  records(checked: C): number;
  /** For a replay: what the earlier submission linked, and relationship calls a failed run left. */
  replay?(ctx: IngestContext, checked: C, prior: PriorSubmission): Promise<Record<string, unknown>>;
  /** Every child through the child index; throws the whole submission's rejection on a conflict. */
  link(ctx: IngestContext, checked: C): Promise<L>;
  /** Every record, one statement per table, inside the transaction that holds the submission's row. */
  write(q: Db['query'], w: SubmissionWrite, checked: C, links: L, counts: IngestCounts): Promise<W>;
  /** After the commit: relationships in governance. */
  relate?(ctx: IngestContext, checked: C, links: L): Promise<RelationshipSync>;
  /** Fields the format adds to its result (and its log line, when `logged`). */
  result?(checked: C, links: L, written: W): Record<string, unknown>;
  /** Result fields that also go in the log line (counts only: a log never carries a value from the file). */
  logged?: readonly string[];
}

export interface IngestOutcome extends IngestCounts {
  submissionId: string;
  contentHash: string;
  replayed: boolean;
  warnings: IngestIssue[];
  [field: string]: unknown;
}

export type Ingestion<I> = (ctx: IngestContext, input: I) => Promise<IngestOutcome>;

export function definePipeline<I, C extends { issues: IssueList }, L, W = void>(spec: PipelineSpec<I, C, L, W>): Ingestion<I> {
  const logged = (r: Record<string, unknown>) => Object.fromEntries((spec.logged ?? []).filter((k) => k in r).map((k) => [k, r[k]]));
  return async (ctx, input) => {
    const sourceSystem = ctx.caller.sub;
    const checked = await spec.check(input, ctx);
    const hash = contentHash(spec.content(input));
    const prior = await priorSubmission(ctx.db, sourceSystem, hash);
    if (prior) {
      const extra = spec.replay ? await spec.replay(ctx, checked, prior) : {};
      spec.log.info(
        { submission: prior.id, replayed: true, ...('relationships' in extra ? { relationships: extra.relationships } : {}) },
        `${spec.name} replayed: nothing changed`,
      );
      return {
        submissionId: prior.submission_id,
        contentHash: hash,
        replayed: true,
        ...spec.counted(checked),
        created: 0,
        updated: 0,
        unchanged: spec.records(checked),
        closed: 0,
        warnings: checked.issues.warnings,
        ...extra,
      };
    }
    if (checked.issues.errors.length) throw rejected(spec.argument, checked.issues.items);

    const started = Date.now();
    const links = await spec.link(ctx, checked);
    const registered = Date.now();
    const submission = randomUUID();
    const submissionId = spec.submissionId(checked, hash);
    const counts: IngestCounts = { created: 0, updated: 0, unchanged: 0, closed: 0 };
    const written = await ctx.db.transaction(async (q) => {
      const at = await insertSubmission(q, submission, sourceSystem, submissionId, hash);
      const w = await spec.write(q, { submission, sourceSystem, at, caller: ctx.caller }, checked, links, counts);
      await q('UPDATE ingest_submission SET summary = $2 WHERE id = $1', [
        submission,
        JSON.stringify({ ...counts, ...spec.counted(checked) }),
      ]);
      return w;
    });
    const wrote = Date.now();
    const relationships = spec.relate ? { relationships: await spec.relate(ctx, checked, links) } : {};
    const own = spec.result?.(checked, links, written) ?? {};
    const ms = { register: registered - started, write: wrote - registered, ...(spec.relate ? { relationships: Date.now() - wrote } : {}) };
    spec.log.info({ submission, ...spec.counted(checked), ...counts, ...logged(own), ...relationships, ms }, `${spec.name} ingested`);
    return {
      submissionId,
      contentHash: hash,
      replayed: false,
      ...spec.counted(checked),
      ...counts,
      warnings: checked.issues.warnings,
      ...relationships,
      ...own,
    };
  };
}

/** The submitted text of an argument: refused before anything is read when it is not text or is empty. */
export function submittedText(argument: string, value: unknown, what: string): string {
  if (typeof value !== 'string' || !value.length) throw badInput(argument, `must be ${what}`);
  return value;
}

/** A JSON submission parsed, or BAD_USER_INPUT naming the argument. */
export function submittedJson(argument: string, value: unknown, what: string): unknown {
  const text = submittedText(argument, value, what);
  try {
    return JSON.parse(text);
  } catch {
    throw badInput(argument, 'is not JSON');
  }
}

/** A file that could not be read at all (not well-formed): rejected whole with the one issue that says why. */
export function unreadable(argument: string, recordType: string, code: string, problem: string): Error {
  const issues = new IssueList();
  issues.error(null, recordType, '', code, problem);
  return rejected(argument, issues.items);
}
