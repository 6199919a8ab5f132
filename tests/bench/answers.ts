// The joint view's answers through a peer gateway against the hub's own: the same children and the
// same user, asked one after another, compared as JSON values (key order aside). Only where two
// answers differ is logged, as a path, never a value: the answers are (synthetic) personal data.
import { post } from './load';
import { JOINT_VIEW } from './queries';

/** How many children's joint views are compared. */
export const ANSWER_SAMPLE = 20;

export interface Answer {
  status: number;
  data: unknown;
  /** How many GraphQL errors came with it (their wording is each gateway's own). */
  errors: number;
}

export async function jointViewAnswers(url: string, token: string, ids: readonly string[], n = ANSWER_SAMPLE): Promise<Answer[]> {
  const out: Answer[] = [];
  for (const id of ids.slice(0, n)) {
    const r = await post(url, { authorization: `Bearer ${token}` }, JSON.stringify({ query: JOINT_VIEW, variables: { id } }));
    let body: { data?: unknown; errors?: unknown[] } = {};
    try {
      body = JSON.parse(r.text);
    } catch {
      // Not JSON: compared as no data.
    }
    out.push({ status: r.status, data: body.data ?? null, errors: body.errors?.length ?? 0 });
  }
  return out;
}

/** Where two JSON values first differ, as a path (`data.child.health.referrals.2`); undefined when equal. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    if (Array.isArray(a) !== Array.isArray(b)) return path;
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) return `${path} (length)`;
      for (let i = 0; i < a.length; i++) {
        const d = firstDifference(a[i], b[i], `${path}.${i}`);
        if (d) return d;
      }
      return undefined;
    }
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    for (const k of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort()) {
      if (!(k in ra) || !(k in rb)) return `${path}.${k}`;
      const d = firstDifference(ra[k], rb[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : path;
}

/** How many of `answers` equal the reference's, and where the first that does not differs. */
export function compareAnswers(reference: readonly Answer[], answers: readonly Answer[]): { equal: number; total: number; first?: string } {
  let equal = 0;
  let first: string | undefined;
  const total = Math.max(reference.length, answers.length);
  for (let i = 0; i < total; i++) {
    const d = firstDifference(reference[i] ?? null, answers[i] ?? null);
    if (d) first ??= `child ${i + 1}: ${d}`;
    else equal++;
  }
  return { equal, total, ...(first ? { first } : {}) };
}
