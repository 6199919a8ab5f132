import { DEFAULT_BENCH_CHILDREN, parseBenchArgs } from './args';

describe('npm run bench arguments', () => {
  it('defaults to 100,000 children and 20 s a scenario; --quick makes it 5 s', () => {
    expect(parseBenchArgs([])).toMatchObject({ children: DEFAULT_BENCH_CHILDREN, seconds: 20, quick: false, only: [], settings: false, noHive: false, attack: true });
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
});
