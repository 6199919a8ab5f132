import { readOptions, wholeNumber } from './cli-options';

const SPEC = {
  children: { type: 'string', short: 'n', needs: 'an integer >= 1' },
  reset: { type: 'boolean' },
} as const;

describe('command-line options', () => {
  it('reads --name value, --name=value, short forms and switches', () => {
    expect(readOptions(['--children', '5', '--reset'], SPEC)).toEqual({ children: '5', reset: true });
    expect(readOptions(['--children=7'], SPEC)).toEqual({ children: '7' });
    expect(readOptions(['-n', '3'], SPEC)).toEqual({ children: '3' });
  });

  it('refuses, naming the option and what it needs: a missing value, an unknown option, a stray word', () => {
    expect(() => readOptions(['--children'], SPEC)).toThrow('--children needs an integer >= 1');
    expect(() => readOptions(['-n'], SPEC)).toThrow('--children needs an integer >= 1');
    expect(() => readOptions(['--children', '--reset'], SPEC)).toThrow('--children needs an integer >= 1');
    expect(() => readOptions(['--fast'], SPEC)).toThrow('unknown argument --fast');
    expect(() => readOptions(['many'], SPEC)).toThrow('unexpected argument many');
  });

  it('checks whole numbers against their least value', () => {
    expect(wholeNumber('--children', undefined, 1)).toBeUndefined();
    expect(wholeNumber('--children', '12', 1)).toBe(12);
    for (const bad of ['0', '-2', '1.5', 'many', ''])
      expect(() => wholeNumber('--children', bad, 1)).toThrow('--children needs an integer >= 1');
  });
});
