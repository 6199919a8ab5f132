// Command-line options for the hub's own CLIs (seed, bench): node:util's parseArgs, strict, with its
// refusals reworded to name the option and what it needs ("--seconds needs an integer >= 1"), and
// whole numbers checked the same way everywhere.
import { parseArgs } from 'node:util';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** What a string option's value must be, for the refusal when it is missing. */
  needs?: string;
}

type Values<S extends Record<string, OptionSpec>> = { [K in keyof S]?: S[K]['type'] extends 'string' ? string : boolean };

export function readOptions<S extends Record<string, OptionSpec>>(argv: readonly string[], spec: S): Values<S> {
  const options = Object.fromEntries(Object.entries(spec).map(([name, { type, short }]) => [name, short ? { type, short } : { type }]));
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as Values<S>;
  } catch (e) {
    const { code, message } = e as { code?: string; message: string };
    const named = /'([^' ]+)/.exec(message)?.[1] ?? '';
    // parseArgs names an option that has a short form as '-s, --seed <value>'.
    const long = /--([\w-]+)/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && long) throw new Error(`--${long} needs ${spec[long]?.needs ?? 'a value'}`);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new Error(`unknown argument ${named}`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new Error(`unexpected argument ${named}`);
    throw e;
  }
}

/** A whole-number option's value (undefined when not given), or a refusal naming the option. */
export function wholeNumber(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value === '' || !Number.isInteger(n) || n < min) throw new Error(`${flag} needs an integer >= ${min}`);
  return n;
}
