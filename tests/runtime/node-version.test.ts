// The hub is supported on Node.js 24 LTS only (20 left support in April 2026). `npm test` must run
// on the runtime `npm ci` installed, not on whatever older Node the machine happens to have.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

test('the tests run on the Node.js 24 that npm ci installs', () => {
  const pinned = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).dependencies.node as string;
  expect(Number(process.versions.node.split('.')[0])).toBe(24);
  expect(process.versions.node).toBe(pinned);
});
