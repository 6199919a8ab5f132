// A cross-tabulation with every subtotal: cells are counted at full detail, then every subtotal
// table (every subset of the dimensions, a summed dimension holding TOTAL) is derived from them.
// Each cell carries its cell key (the sum of its units' record keys), so that the disclosure
// control applied afterwards (disclosure/cell-key.ts) gives the same figure for the same units
// whichever table, query or order they are counted in.
import { RECORD_KEY_RANGE, TOTAL } from '@hub/schema';

export interface Cell {
  /** One value per lattice dimension, TOTAL where summed. */
  values: string[];
  key: string;
  /** Sorts the cells of one table as their values do (see build). */
  order: number;
  /** Bit i set: dimension i is grouped (not summed). */
  mask: number;
  /** The true count. Never published as such. */
  count: number;
  /** Sum of the counted units' record keys, mod RECORD_KEY_RANGE. */
  cellKey: number;
  /** The figure published for this cell (set by the disclosure control); 0 is not listed. */
  published: number;
  /** The published figure is perturbed by design (may differ from the count). */
  perturbed: boolean;
  /** Hidden altogether (only the old line rule, kept for the tests' control run, hides cells). */
  suppressed: boolean;
  /** Values attached to the counted units (e.g. wait days), when the measure keeps them. */
  samples?: number[];
  /** margins[i]: the subtotal over dimension i (for grouped dimensions), set once when built. */
  margins: (Cell | undefined)[];
}

export const SEP = '\u001f';

export class Lattice {
  private readonly full = new Map<string, { values: string[]; count: number; cellKey: number; samples?: number[] }>();
  readonly cells = new Map<string, Cell>();

  constructor(readonly dims: readonly string[]) {
    if (dims.length > 16) throw new Error('too many dimensions');
  }

  /** Counts `count` units with these values (one per dimension) whose record keys sum to `keySum`, with their samples if the measure keeps them. */
  add(values: string[], count = 1, samples?: number[], keySum = 0): void {
    const key = values.join(SEP);
    let c = this.full.get(key);
    if (!c) this.full.set(key, (c = { values, count: 0, cellKey: 0, samples: samples === undefined ? undefined : [] }));
    c.count += count;
    c.cellKey = (c.cellKey + keySum) % RECORD_KEY_RANGE;
    if (samples !== undefined) for (const x of samples) c.samples!.push(x);
  }

  /** Derives every subtotal (figures published as counted until a disclosure control is applied). Call once, after the last add(). */
  build(): this {
    const k = this.dims.length;
    const masks = 1 << k;
    // Cells are found by an integer key while deriving (mixed radix over each dimension's values,
    // 0 = TOTAL): one addition per (full cell, subtotal), no string per lookup.
    // Values are coded in sorted order and the first dimension is the most significant, so within
    // a table the integer order of keys is the order of the cells' values, whatever order children
    // arrived in.
    const seen = this.dims.map(() => new Set<string>());
    for (const f of this.full.values()) f.values.forEach((v, i) => seen[i].add(v));
    const codeOf = seen.map((vs) => new Map([...vs].sort().map((v, i) => [v, i + 1])));
    const stride: number[] = new Array(k);
    let size = 1;
    for (let i = k - 1; i >= 0; i--) {
      stride[i] = size;
      size *= codeOf[i].size + 1;
    }
    if (size > Number.MAX_SAFE_INTEGER) throw new Error('too many combinations for integer keys');
    const byKey = new Map<number, Cell>();
    const derived: Cell[] = new Array(masks);
    const keyOf = new Float64Array(masks);
    const low = new Int8Array(masks);
    for (let mask = 1; mask < masks; mask++) low[mask] = 31 - Math.clz32(mask & -mask);
    const codes = new Float64Array(k);
    for (const f of this.full.values()) {
      for (let i = 0; i < k; i++) codes[i] = codeOf[i].get(f.values[i])! * stride[i];
      // The cells this full-detail cell counts in, one per subset of dimensions; the subtotal of
      // (f, mask) over dimension d is (f, mask without d), so margins are linked without lookups.
      for (let mask = 0; mask < masks; mask++) {
        const key = mask === 0 ? 0 : keyOf[mask & (mask - 1)] + codes[low[mask]];
        keyOf[mask] = key;
        let c = byKey.get(key);
        if (!c) {
          const values = f.values.map((v, i) => (mask & (1 << i) ? v : TOTAL));
          c = {
            values,
            key: values.join(SEP),
            order: key,
            mask,
            count: 0,
            cellKey: 0,
            published: 0,
            perturbed: false,
            suppressed: false,
            samples: f.samples ? [] : undefined,
            margins: new Array(k),
          };
          byKey.set(key, c);
          this.cells.set(c.key, c);
          // Smaller masks come first, so this full cell's subtotals are already in `derived`.
          for (let d = 0; d < k; d++) if (mask & (1 << d)) c.margins[d] = derived[mask ^ (1 << d)];
        }
        derived[mask] = c;
        c.count += f.count;
        // Record keys add up, so a subtotal's cell key is its units' sum, as if counted directly.
        c.cellKey = (c.cellKey + f.cellKey) % RECORD_KEY_RANGE;
        if (f.samples) for (const x of f.samples) c.samples!.push(x);
      }
    }
    this.full.clear();
    for (const c of this.cells.values()) c.published = c.count;
    return this;
  }

  get(values: string[]): Cell | undefined {
    return this.cells.get(values.join(SEP));
  }
}

/** Median (mean of the two middle values for an even count) and 90th percentile (nearest rank). */
export function medianAndP90(samples: number[]): { median: number; p90: number } {
  const a = [...samples].sort((x, y) => x - y);
  const n = a.length;
  return { median: (a[Math.floor((n - 1) / 2)] + a[Math.ceil((n - 1) / 2)]) / 2, p90: a[Math.ceil(0.9 * n) - 1] };
}
