// The shared packages are layers: data flows request → gateway → subgraph → guard → repository and
// never comes back up, so a package may import only the layers below it (docs/architecture.md).
// An agency subgraph imports no other agency's code (it calls them as peers), and nothing reaches
// into another package's files except through its declared exports.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** What each shared package may import, besides @hub/schema (the code lists every layer reads). */
const BELOW: Record<string, string[]> = {
  runtime: [],
  guard: ['runtime'],
  host: ['runtime', 'guard'],
  advice: ['runtime', 'guard', 'host'],
  ingest: ['runtime', 'guard', 'host'],
  'agency-kit': ['runtime', 'guard', 'host', 'advice', 'ingest'],
};
const SUBGRAPHS = readdirSync(join(ROOT, 'subgraphs'));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const specifiers = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]);

/** Each import of a hub package that the importing folder may not make, as "file → specifier". */
function breaches(folder: string, allowed: (hubPackage: string) => boolean): string[] {
  const out: string[] = [];
  for (const file of sources(join(ROOT, folder))) {
    for (const spec of specifiers(file)) {
      const hub = /^@hub\/([a-z-]+)/.exec(spec)?.[1];
      const leaves = spec.startsWith('.') && relative(join(ROOT, folder), resolve(file, '..', spec)).startsWith('..');
      if ((hub && !allowed(hub)) || leaves || spec.includes('/dist/')) out.push(`${relative(ROOT, file)} → ${spec}`);
    }
  }
  return out;
}

describe('package layers', () => {
  it.each(Object.entries(BELOW))('%s imports only the layers below it', (pkg, below) => {
    expect(breaches(`packages/${pkg}`, (hub) => hub === 'schema' || below.includes(hub))).toEqual([]);
  });

  it.each(SUBGRAPHS)("the %s subgraph imports the shared layers, never another subgraph's code", (name) => {
    expect(breaches(`subgraphs/${name}`, (hub) => hub === 'schema' || hub in BELOW)).toEqual([]);
  });

  it('the gateway imports only runtime and guard: it holds no agency logic', () => {
    expect(breaches('gateway', (hub) => ['schema', 'runtime', 'guard', 'seed'].includes(hub))).toEqual([]);
  });

  it('finds a breach when there is one', () => {
    // the rule itself, on a folder known to import the guard: forbidding it must report it
    expect(breaches('packages/host', (hub) => hub !== 'guard').length).toBeGreaterThan(0);
  });
});
