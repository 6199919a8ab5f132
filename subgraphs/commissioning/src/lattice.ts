// A cross-tabulation with every subtotal, and the small-number suppression applied to it.
//
// Cells are counted at full detail, then every subtotal table (every subset of the dimensions, a
// summed dimension holding TOTAL) is derived from them. Suppression:
//   - primary: every cell or subtotal of 1..SMALL_COUNT_MAX is suppressed;
//   - secondary: in every line (the cells that differ in one dimension only, plus their subtotal),
//     0 or at least 2 members are suppressed, so no single subtraction recovers a cell. Lines are
//     revisited until nothing changes.
// Tables are settled from the grand total upwards, and a table's secondary suppression only ever
// picks cells of that table, never of the lower tables it rests on. A table's suppression
// therefore depends only on its own data and its subtotals, so a query for fewer dimensions (or a
// filtered query, which is a slice of the table with the filter's dimension added) publishes
// exactly what the bigger query publishes for the same figures: asking the margins directly
// reveals nothing that the bigger table hid.
import { SMALL_COUNT_MAX, TOTAL, UNKNOWN } from '@hub/schema';

const NOT_KNOWN = 'NOT_KNOWN';

export interface Cell {
  /** One value per lattice dimension, TOTAL where summed. */
  values: string[];
  key: string;
  /** Sorts the cells of one table as their values do (see build). */
  order: number;
  /** Bit i set: dimension i is grouped (not summed). */
  mask: number;
  count: number;
  suppressed: boolean;
  /** Values attached to the counted units (e.g. wait days), when the measure keeps them. */
  samples?: number[];
  /** margins[i]: the subtotal over dimension i (for grouped dimensions), set once when built. */
  margins: (Cell | undefined)[];
}

const SEP = '\u001f';

/** No pattern of suppression protects this table (too few children over too many dimensions). */
export class TooSparse extends Error {
  constructor() {
    super('the table is too sparse to publish without disclosing small numbers');
  }
}

export class Lattice {
  private readonly full = new Map<string, { values: string[]; count: number; samples?: number[] }>();
  readonly cells = new Map<string, Cell>();
  /** Values seen per dimension (its one-way table), for choosing empty combinations to hide. */
  private domains: string[][] = [];

  constructor(readonly dims: readonly string[]) {
    if (dims.length > 16) throw new Error('too many dimensions');
  }

  /** Counts `count` units with these values (one per dimension), with their samples if the measure keeps them. */
  add(values: string[], count = 1, samples?: number[]): void {
    const key = values.join(SEP);
    let c = this.full.get(key);
    if (!c) this.full.set(key, (c = { values, count: 0, samples: samples === undefined ? undefined : [] }));
    c.count += count;
    if (samples !== undefined) for (const x of samples) c.samples!.push(x);
  }

  /** Derives every subtotal and applies suppression. Call once, after the last add(). */
  build(): this {
    const k = this.dims.length;
    const masks = 1 << k;
    // Cells are found by an integer key while deriving (mixed radix over each dimension's values,
    // 0 = TOTAL): one addition per (full cell, subtotal), no string per lookup.
    // Values are coded in sorted order and the first dimension is the most significant, so within
    // a table the integer order of keys is the order of the cells' values: tables are settled in
    // that order, the same in every query that contains them, whatever order children arrived in.
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
          c = { values, key: values.join(SEP), order: key, mask, count: 0, suppressed: false, samples: f.samples ? [] : undefined, margins: new Array(k) };
          byKey.set(key, c);
          this.cells.set(c.key, c);
          // Smaller masks come first, so this full cell's subtotals are already in `derived`.
          for (let d = 0; d < k; d++) if (mask & (1 << d)) c.margins[d] = derived[mask ^ (1 << d)];
        }
        derived[mask] = c;
        c.count += f.count;
        if (f.samples) for (const x of f.samples) c.samples!.push(x);
      }
    }
    this.full.clear();
    const tables = new Map<number, Cell[]>();
    this.domains = this.dims.map(() => []);
    for (const c of this.cells.values()) {
      if (c.count >= 1 && c.count <= SMALL_COUNT_MAX) c.suppressed = true;
      let t = tables.get(c.mask);
      if (!t) tables.set(c.mask, (t = []));
      t.push(c);
      for (let d = 0; d < k; d++) if (c.mask === 1 << d) this.domains[d].push(c.values[d]);
    }
    for (const d of this.domains) d.sort();
    for (const t of tables.values()) t.sort((a, b) => a.order - b.order);
    const order = [...tables.keys()].sort((a, b) => popcount(a) - popcount(b) || a - b);
    // Settle bottom-up; a table that cannot be protected by its own cells hides a subtotal below
    // it (escalate), and then everything is settled again from the bottom, until nothing changes.
    for (let escalated = true; escalated; ) {
      escalated = false;
      for (const mask of order) {
        if (this.settle(mask, tables.get(mask)!)) {
          escalated = true;
          break;
        }
      }
    }
    return this;
  }

  /** Returns true when it had to hide a cell of a lower table (the caller then starts again). */
  private settle(mask: number, table: Cell[]): boolean {
    const positions = this.dims.map((_, i) => i).filter((i) => mask & (1 << i));
    // Candidates for secondary suppression: smallest first, then by key, so the choice is the same
    // in every query that contains this table.
    const bySize = (a: Cell, b: Cell) => a.count - b.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    // Hiding a cell that equals a published subtotal (the only non-zero cell of one of its lines)
    // protects nothing: the subtotal gives it away.
    const givenAway = (c: Cell) => positions.some((e) => !c.margins[e]!.suppressed && c.margins[e]!.count === c.count);
    // UNKNOWN / NOT_KNOWN groups are the same children in every dimension their agency holds (not
    // known to education is UNKNOWN for age band, SEN type and placement alike), so a figure hidden
    // there is often shown in a sibling table: prefer other cells.
    const vague = (c: Cell) => c.values.some((v) => v === UNKNOWN || v === NOT_KNOWN);
    // The lines of this table: per grouped dimension, the cells sharing a subtotal over it.
    const lines = positions.map((d) => {
      const byMargin = new Map<Cell, Cell[]>();
      for (const c of table) {
        const m = c.margins[d]!;
        let l = byMargin.get(m);
        if (!l) byMargin.set(m, (l = []));
        l.push(c);
      }
      return byMargin;
    });
    const addZero = (z: Cell) => {
      this.cells.set(z.key, z);
      table.push(z);
      positions.forEach((e, i) => lines[i].get(z.margins[e]!)!.push(z));
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (let li = 0; li < positions.length; li++) {
        const d = positions[li];
        for (const [margin, members] of lines[li]) {
          let hidden = margin.suppressed ? 1 : 0;
          for (const c of members) if (c.suppressed) hidden++;
          if (hidden !== 1) continue;
          const open = members.filter((c) => !c.suppressed && c.count > 0).sort(bySize);
          // A cell given away by a subtotal can still be hidden if the zeros that give it away can.
          const rescuable = (c: Cell) => positions.every((e) => {
            const m = c.margins[e]!;
            return m.suppressed || m.count !== c.count || e === d || !!this.zeroCell(c, e, positions);
          });
          const pick =
            open.find((c) => !givenAway(c) && !vague(c)) ??
            open.find((c) => !givenAway(c)) ??
            this.zeroCell(members[0], d, positions) ??
            open.find((c) => rescuable(c));
          if (pick) {
            if (pick.count === 0 && !this.cells.has(pick.key)) addZero(pick);
            pick.suppressed = true;
            changed = true;
            continue;
          }
          // Nothing in this table protects the line: hide the subtotal (if a cell is the lone hidden
          // one), or a cell that equals a shown subtotal (if the subtotal is), and start again.
          if (!margin.suppressed) {
            margin.suppressed = true;
            return true;
          }
          if (open.length) {
            open[0].suppressed = true;
            changed = true;
            continue;
          }
          throw new TooSparse();
        }
      }
    }
    return false;
  }

  /**
   * A combination with no children, in the same line, to hide as the second cell when no counted
   * cell can be: published as suppressed, it is as uncertain as any other. Only one whose other
   * subtotals are all non-zero, or it would be known to be 0.
   */
  private zeroCell(like: Cell, d: number, positions: number[]): Cell | undefined {
    for (const v of this.domains[d]) {
      const values = like.values.map((x, i) => (i === d ? v : x));
      const key = values.join(SEP);
      if (this.cells.has(key)) continue;
      const margins: (Cell | undefined)[] = new Array(this.dims.length);
      let ok = true;
      for (const e of positions) {
        const m = e === d ? like.margins[d] : this.cells.get(values.map((x, i) => (i === e ? TOTAL : x)).join(SEP));
        if (!m || m.count === 0) {
          ok = false;
          break;
        }
        margins[e] = m;
      }
      if (ok) return { values, key, order: -1, mask: like.mask, count: 0, suppressed: true, margins };
    }
    return undefined;
  }

  get(values: string[]): Cell | undefined {
    return this.cells.get(values.join(SEP));
  }
}

function popcount(n: number): number {
  let c = 0;
  for (; n; n &= n - 1) c++;
  return c;
}

/** Median (mean of the two middle values for an even count) and 90th percentile (nearest rank). */
export function medianAndP90(samples: number[]): { median: number; p90: number } {
  const a = [...samples].sort((x, y) => x - y);
  const n = a.length;
  return { median: (a[Math.floor((n - 1) / 2)] + a[Math.ceil((n - 1) / 2)]) / 2, p90: a[Math.ceil(0.9 * n) - 1] };
}
