import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { origin, summarise } from './profile';
import { dumpTotals } from './instructions';

describe('bench profiles', () => {
  const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 });
  // Samples at 10, 20, …, 60 µs; each counts for the time to the next sample.
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(idle)') },
      { id: 2, callFrame: frame('isSecureEndpoint', 'file:///x/node_modules/agent-base/dist/index.js') },
      { id: 3, callFrame: frame('verify', 'file:///x/dist/health.js') },
      { id: 4, callFrame: frame('writev') },
    ],
    startTime: 0,
    samples: [2, 2, 3, 1, 4, 2],
    timeDeltas: [10, 10, 10, 10, 10, 10],
  };

  it('names where code comes from: a package, Node, the compiled hub, or native', () => {
    expect(origin('file:///w/node_modules/@apollo/gateway/dist/x.js', 'f')).toBe('@apollo/gateway');
    expect(origin('node:internal/streams/writable', 'f')).toBe('node:internal');
    expect(origin('file:///w/dist/gateway.js', 'f')).toBe('hub (compiled)');
    expect(origin('file:///w/packages/runtime/src/db.ts', 'f')).toBe('hub:packages/runtime');
    expect(origin('', 'writev')).toBe('(native)');
  });

  it('shares self time within the window only, leaving idle out', () => {
    const all = summarise(profile, 0, 100);
    expect(all.origins.map((o) => [o.name, o.share])).toEqual([
      ['agent-base', 50],
      ['hub (compiled)', 25],
      ['(native)', 25],
    ]);
    // From 25 µs on: the samples at 30 (hub), 40 (idle), 50 (writev), 60 (last: no time after it).
    expect(summarise(profile, 25, 100).origins.map((o) => o.name)).toEqual(['hub (compiled)', '(native)']);
  });

  it("reads each counted window of a process's callgrind dumps, in order", () => {
    const dir = mkdtempSync(join(tmpdir(), 'callgrind-'));
    writeFileSync(join(dir, 'health.callgrind.1'), 'events: Ir\nsummary: 0\ntotals: 1200\n');
    writeFileSync(join(dir, 'health.callgrind.2'), 'totals: 9000\n');
    writeFileSync(join(dir, 'health.callgrind.10'), 'totals: 1100\n');
    writeFileSync(join(dir, 'health.callgrind'), 'events: Ir\ntotals: 0\n');
    writeFileSync(join(dir, 'social-care.callgrind.1'), 'totals: 99\n');
    expect(dumpTotals(dir, 'health')).toEqual([1200, 9000, 1100]);
  });
});
