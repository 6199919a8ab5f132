// Types of scripts/build.mjs for the TypeScript that calls it (the benchmark).
export declare const DIST: string;
export declare function serviceEntries(): Record<string, string>;
export declare function buildEntries(entries: Record<string, string>, outdir?: string): Promise<void>;
export declare function staleReason(name: string, entry: string, outdir?: string): string | undefined;
export declare function ensureBuild(opts?: {
  entries?: Record<string, string>;
  outdir?: string;
  log?: (s: string) => void;
}): Promise<number>;
