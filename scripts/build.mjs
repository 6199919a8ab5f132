// The services as production runs them: each entry point bundled by esbuild into one CommonJS file
// under dist/, with the hub's own code (packages/*, schema/, the service) inside
// and every npm package left external, loaded from node_modules as usual. No tsx, no source maps at
// run time. `npm start` calls ensureBuild(), which rebuilds only when an input changed.
//
// Code that finds files beside itself (SDL read with readFileSync(join(__dirname, …)), the
// supergraph, the web app's dist) keeps working: each source file's `__dirname` is rewritten to
// its own folder, relative to the bundle, so the bundle can move with the checkout.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');

/** What `npm start` runs, name → entry point: the gateway and every subgraph with a main.ts. */
export function serviceEntries() {
  // A service's image holds its own folder only (docker/Dockerfile): the subgraphs present are the ones to build.
  const subgraphs = (existsSync(join(ROOT, 'subgraphs')) ? readdirSync(join(ROOT, 'subgraphs')) : []).filter((d) =>
    existsSync(join(ROOT, 'subgraphs', d, 'src', 'main.ts')),
  );
  return { gateway: 'gateway/src/main.ts', ...Object.fromEntries(subgraphs.map((d) => [d, `subgraphs/${d}/src/main.ts`])) };
}

const BUNDLE_DIR = '__hubBundleDir';

/** Bare imports stay external (node_modules), except the workspace's own @hub/* packages. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@hub/') || args.path.startsWith('node:')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** Each hub source file's `__dirname` is its own folder, not the bundle's. */
const ownDirname = (outdir) => ({
  name: 'own-dirname',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!/\b__dirname\b/.test(text)) return undefined;
      const rel = relative(outdir, dirname(args.path)).split('\\').join('/');
      return {
        contents: text.replace(/\b__dirname\b/g, `require('node:path').join(${BUNDLE_DIR}, ${JSON.stringify(rel)})`),
        loader: 'ts',
      };
    });
  },
});

const metaFile = (outdir, name) => join(outdir, `${name}.inputs.json`);

/** Bundles `entries` (name → path from the root) into `outdir`/<name>.js. */
export async function buildEntries(entries, outdir = DIST) {
  mkdirSync(outdir, { recursive: true });
  for (const [name, entry] of Object.entries(entries)) {
    const outfile = join(outdir, `${name}.js`);
    const result = await build({
      entryPoints: [join(ROOT, entry)],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node24',
      format: 'cjs',
      // TypeORM reads migration classes' names; Apollo and graphql-js read none, but keeping names
      // costs nothing at run time and keeps stack traces readable without source maps.
      keepNames: true,
      sourcemap: false,
      metafile: true,
      absWorkingDir: ROOT,
      logLevel: 'warning',
      banner: { js: `var ${BUNDLE_DIR} = __dirname;` },
      plugins: [externalPackages, ownDirname(outdir)],
    });
    const inputs = Object.keys(result.metafile.inputs);
    writeFileSync(metaFile(outdir, name), `${JSON.stringify({ entry, inputs }, null, 1)}\n`);
  }
}

/** Why `name` must be rebuilt (its output missing, or an input newer), or undefined when current. */
export function staleReason(name, entry, outdir = DIST) {
  const outfile = join(outdir, `${name}.js`);
  if (!existsSync(outfile) || !existsSync(metaFile(outdir, name))) return 'not built yet';
  const built = statSync(outfile).mtimeMs;
  const meta = JSON.parse(readFileSync(metaFile(outdir, name), 'utf8'));
  if (meta.entry !== entry) return 'its entry point moved';
  // The build script and the lock file change what any bundle holds.
  for (const f of [...meta.inputs, 'scripts/build.mjs', 'package-lock.json']) {
    const p = join(ROOT, f);
    if (!existsSync(p)) return `${f} is gone`;
    if (statSync(p).mtimeMs > built) return `${f} changed`;
  }
  return undefined;
}

/** Rebuilds the entries whose output is missing or stale; returns the milliseconds spent (0: none). */
export async function ensureBuild({ entries = serviceEntries(), outdir = DIST, log = () => {} } = {}) {
  const stale = Object.fromEntries(Object.entries(entries).filter(([name, entry]) => staleReason(name, entry, outdir)));
  if (!Object.keys(stale).length) return 0;
  const started = Date.now();
  const [first] = Object.keys(stale);
  log(`building ${Object.keys(stale).join(', ')} (${first}: ${staleReason(first, stale[first], outdir)})…`);
  await buildEntries(stale, outdir);
  return Date.now() - started;
}

// No top-level await: the benchmark's TypeScript loads this module too.
// `node scripts/build.mjs [service…]`: those services only (an image builds its own), else all.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const all = serviceEntries();
  const named = process.argv.slice(2);
  const unknown = named.filter((n) => !(n in all));
  if (unknown.length) throw new Error(`no service named ${unknown.join(', ')} here (services: ${Object.keys(all).join(', ')})`);
  const entries = named.length ? Object.fromEntries(named.map((n) => [n, all[n]])) : all;
  ensureBuild({ entries, log: (s) => console.log(`[build] ${s}`) }).then((ms) =>
    console.log(`[build] ${ms ? `built in ${(ms / 1000).toFixed(1)}s` : 'up to date'}: ${relative(ROOT, DIST)}/`),
  );
}
