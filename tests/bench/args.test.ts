import { DEFAULT_BENCH_CHILDREN, parseBenchArgs } from './args';

describe('npm run bench arguments', () => {
  it('defaults to 100,000 children and 20 s a scenario; --quick makes it 5 s', () => {
    expect(parseBenchArgs([])).toMatchObject({
      children: DEFAULT_BENCH_CHILDREN,
      seconds: 20,
      quick: false,
      only: [],
      settings: false,
      noHive: false,
      attack: true,
    });
    expect(parseBenchArgs(['--quick']).attack).toBe(false);
    expect(parseBenchArgs(['--only', 'hive']).attack).toBe(false);
    expect(parseBenchArgs(['--quick', '--attack']).attack).toBe(true);
    expect(parseBenchArgs(['--no-attack']).attack).toBe(false);
    expect(parseBenchArgs(['--quick']).seconds).toBe(5);
    expect(parseBenchArgs(['--quick', '--seconds', '3']).seconds).toBe(3);
  });

  it('reads --children N and --children=N, --only lists and switches', () => {
    expect(parseBenchArgs(['--children', '2000']).children).toBe(2000);
    expect(parseBenchArgs(['--children=500', '--no-hive', '--settings'])).toMatchObject({ children: 500, noHive: true, settings: true });
    expect(parseBenchArgs(['--only', 'joint view (10 conn), unguarded']).only).toEqual(['joint view (10 conn)', 'unguarded']);
  });

  it('refuses what it does not understand, naming it', () => {
    expect(() => parseBenchArgs(['--children', '0'])).toThrow('--children');
    expect(() => parseBenchArgs(['--children', 'many'])).toThrow('--children');
    expect(() => parseBenchArgs(['--seconds'])).toThrow('--seconds');
    expect(() => parseBenchArgs(['--fast'])).toThrow('--fast');
  });

  it('counts instructions by default on a full run only, and profiles only when asked', () => {
    expect(parseBenchArgs([])).toMatchObject({ instructions: true, profile: false });
    expect(parseBenchArgs(['--only', 'joint']).instructions).toBe(false);
    expect(parseBenchArgs(['--quick', '--instructions']).instructions).toBe(true);
    expect(parseBenchArgs(['--no-instructions']).instructions).toBe(false);
    expect(parseBenchArgs(['--profile']).profile).toBe(true);
  });
});

describe('--baseline', () => {
  const { baselineArgv } = require('./baseline') as typeof import('./baseline');
  it('takes a git ref, and the baseline run gets the same arguments without it and without the attack', () => {
    expect(parseBenchArgs(['--baseline', 'HEAD~1', '--quick']).baseline).toBe('HEAD~1');
    expect(() => parseBenchArgs(['--baseline'])).toThrow(/git ref/);
    expect(baselineArgv(['--quick', '--baseline', 'HEAD~1', '--only', 'joint', '--attack'])).toEqual([
      '--quick',
      '--only',
      'joint',
      '--no-attack',
      '--no-hive',
    ]);
  });

  it('keeps switches a past commit may not know (profiles, instruction counts) from the baseline run', () => {
    expect(baselineArgv(['--profile', '--instructions', '--baseline=62e03b9', '--seconds', '15', '--no-instructions'])).toEqual([
      '--seconds',
      '15',
      '--no-attack',
      '--no-hive',
    ]);
  });
});

describe('compareReports', () => {
  const { compareReports } = require('./baseline') as typeof import('./baseline');
  const report = (rps: number, cpu: number): any => ({
    scenarios: [{ name: 'joint view (10 conn)', rps, p50_ms: 1, p99_ms: 10, errors: 0, sql_per_request: {} }],
    cpu_ms_per_request: { 'joint view (10 conn)': { gateway: cpu / 2, health: cpu / 2, 'load client': 7 } },
  });
  it('puts each scenario both runs measured side by side, ratios above 1 favouring this checkout, the load client left out', () => {
    const table = compareReports(report(50, 36), report(150, 12), 'abcdef0123456789');
    expect(table).toContain('| joint view (10 conn) | 36.0 → 12.0 | 3.00× | 50.0 → 150.0 | 3.00× | 10.0 → 10.0 |');
    expect(table).toContain('baseline abcdef012345');
    expect(table).not.toContain('instructions');
  });

  it('adds the instructions per joint view of both, when this run counted the baseline’s too', () => {
    const now = {
      ...report(150, 12),
      instructions_per_joint_view: { gateway: 6e6, health: 4e6 },
      instructions_per_joint_view_baseline: { gateway: 12e6, health: 6e6 },
    };
    const table = compareReports(report(50, 36), now, 'abcdef0123456789');
    expect(table).toContain('| gateway | 12.00 | 6.00 | 2.00× |');
    expect(table).toContain('| health | 6.00 | 4.00 | 1.50× |');
  });
});
