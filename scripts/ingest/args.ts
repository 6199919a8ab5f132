// `--name value` pairs, as every hub CLI takes them; anything else is refused, naming it.
export function cliArgs(argv: string[]): Record<string, string> {
  const o: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    o[a.slice(2)] = argv[++i] ?? '';
  }
  return o;
}
