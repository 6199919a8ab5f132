// `npm run ingest -- --agency health --services services.json`, or `--services-url
// https://directory.example/services` to fetch the directory's paged /services listing (Open
// Referral UK: ?page=N&per_page=M, pages until `last` or `totalPages`). Every page is joined into
// one submission: the submission is the whole directory, and services it no longer lists are closed.
import { readFileSync } from 'node:fs';
import { createProgress } from '@hub/seed/progress';
import { postServices, SERVICES_FIELD } from './client';
import { reportOne } from './report';

const PER_PAGE = 100;
/** A directory that never says `last` must not be fetched for ever. */
const MAX_PAGES = 1000;

async function fetchAll(url: string): Promise<string> {
  const content: unknown[] = [];
  let progress: ReturnType<typeof createProgress> | null = null;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const u = new URL(url);
    u.searchParams.set('page', String(page));
    u.searchParams.set('per_page', String(PER_PAGE));
    const res = await fetch(u, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`${u.origin}${u.pathname} page ${page}: HTTP ${res.status}`);
    const body = (await res.json()) as { content?: unknown[]; totalPages?: number; last?: boolean };
    if (!Array.isArray(body.content))
      throw new Error(`${u.origin}${u.pathname} page ${page}: not an Open Referral UK /services page (no content)`);
    content.push(...body.content);
    progress ??= createProgress(body.totalPages ?? 1, { label: 'fetch services' });
    progress.update(page);
    if (body.last === true || (typeof body.totalPages === 'number' && page >= body.totalPages) || !body.content.length) break;
  }
  progress?.finish();
  return JSON.stringify({ content });
}

export async function ingestServicesCli(
  agency: string,
  file: string | undefined,
  url: string | undefined,
  gateway: string,
  token: string,
): Promise<number> {
  if (!(agency in SERVICES_FIELD)) {
    console.error(`agency ${agency} has no service directory feed`);
    return 2;
  }
  const started = Date.now();
  let text: string;
  try {
    text = url ? await fetchAll(url) : readFileSync(file!, 'utf8');
  } catch (e) {
    console.error(`could not read the directory: ${(e as Error).message}`);
    return 1;
  }
  const r = await postServices(gateway, token, agency as keyof typeof SERVICES_FIELD, text);
  return reportOne(url ?? file!, r, started);
}
