// Builds web/dist when it is missing or older than the app's sources, so `npm ci && npm start` (and
// the browser tests) always serve the current app without a separate build step. Usable as a
// module (ensureWebBuild) or run directly (`node web/scripts/ensure-build.mjs`).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((f) => newest(join(path, f))));
}

export function webBuildIsCurrent() {
  const built = join(webDir, 'dist', 'index.html');
  if (!existsSync(built)) return false;
  const sources = Math.max(
    ...['src', 'index.html', 'vite.config.ts', 'package.json', join('..', 'schema', 'src')].map((p) => newest(join(webDir, p))),
  );
  return statSync(built).mtimeMs >= sources;
}

/** Returns the build's duration in ms, or 0 when the existing build was current. */
export async function ensureWebBuild({ log = console.log } = {}) {
  if (webBuildIsCurrent()) return 0;
  const started = Date.now();
  log('building the web app (web/dist)…');
  // In a child process: Vite sets NODE_ENV=production in the process that builds, which would make
  // the hub started next refuse its development settings. The child gets production explicitly, or
  // a run under jest (NODE_ENV=test) would bundle React's development build.
  await new Promise((resolve, reject) => {
    const script = `const { build } = await import('vite'); await build({ root: ${JSON.stringify(webDir)}, logLevel: 'warn' });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: webDir,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the web app build failed (exit ${code})`))));
  });
  return Date.now() - started;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ms = await ensureWebBuild();
  console.log(ms ? `web app built in ${(ms / 1000).toFixed(1)}s` : 'web app is up to date');
}
