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
  /** Bit i set: dimension i is grouped (not summed). */
  mask: number;
  count: number;
  suppressed: boolean;
  /** Values attached to the counted units (e.g. wait days), when the measure keeps them. */
  samples?: number[];
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

  constructor(readonly dims: readonly string[]) {
    if (dims.length > 16) throw new Error('too many dimensions');
  }

  add(values: string[], sample?: number): void {
    const key = values.join(SEP);
    let c = this.full.get(key);
    if (!c) this.full.set(key, (c = { values, count: 0, samples: sample === undefined ? undefined : [] }));
    c.count++;
    if (sample !== undefined) c.samples!.push(sample);
  }

  /** Derives every subtotal and applies suppression. Call once, after the last add(). */
  build(): this {
    const k = this.dims.length;
    const masks = 1 << k;
    for (const f of this.full.values()) {
      for (let mask = 0; mask < masks; mask++) {
        const values = f.values.map((v, i) => (mask & (1 << i) ? v : TOTAL));
        const key = values.join(SEP);
        let c = this.cells.get(key);
        if (!c) this.cells.set(key, (c = { values, key, mask, count: 0, suppressed: false, samples: f.samples ? [] : undefined }));
        c.count += f.count;
        if (f.samples) for (const s of f.samples) c.samples!.push(s);
      }
    }
    this.full.clear();
    const tables = new Map<number, Cell[]>();
    for (const c of this.cells.values()) {
      if (c.count >= 1 && c.count <= SMALL_COUNT_MAX) c.suppressed = true;
      let t = tables.get(c.mask);
      if (!t) tables.set(c.mask, (t = []));
      t.push(c);
    }
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
    const marginOf = (c: Cell, d: number) => this.cells.get(c.values.map((v, i) => (i === d ? TOTAL : v)).join(SEP));
    // Hiding a cell that equals a published subtotal (the only non-zero cell of one of its lines)
    // protects nothing: the subtotal gives it away.
    const givenAway = (c: Cell) => positions.some((e) => {
      const m = marginOf(c, e)!;
      return !m.suppressed && m.count === c.count;
    });
    // UNKNOWN / NOT_KNOWN groups are the same children in every dimension their agency holds (not
    // known to education is UNKNOWN for age band, SEN type and placement alike), so a figure hidden
    // there is often shown in a sibling table: prefer other cells.
    const vague = (c: Cell) => c.values.some((v) => v === UNKNOWN || v === NOT_KNOWN);
    for (let changed = true; changed; ) {
      changed = false;
      for (const d of positions) {
        const lines = new Map<string, Cell[]>();
        for (const c of table) {
          const marginKey = c.values.map((v, i) => (i === d ? TOTAL : v)).join(SEP);
          let l = lines.get(marginKey);
          if (!l) lines.set(marginKey, (l = []));
          l.push(c);
        }
        for (const [marginKey, members] of lines) {
          const margin = this.cells.get(marginKey)!;
          const hidden = members.reduce((n, c) => n + (c.suppressed ? 1 : 0), margin.suppressed ? 1 : 0);
          if (hidden !== 1) continue;
          const open = members.filter((c) => !c.suppressed && c.count > 0).sort(bySize);
          // A cell given away by a subtotal can still be hidden if the zeros that give it away can.
          const rescuable = (c: Cell) => positions.every((e) => {
            const m = marginOf(c, e)!;
            return m.suppressed || m.count !== c.count || e === d || !!this.zeroCell(c, e, positions);
          });
          const pick =
            open.find((c) => !givenAway(c) && !vague(c)) ??
            open.find((c) => !givenAway(c)) ??
            this.zeroCell(members[0], d, positions) ??
            open.find((c) => rescuable(c));
          if (pick) {
            if (pick.count === 0) {
              this.cells.set(pick.key, pick);
              table.push(pick);
            }
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
          if (margin.suppressed && open.length) {
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
    const domain = [...this.cells.values()].filter((c) => c.mask === 1 << d).map((c) => c.values[d]).sort();
    for (const v of domain) {
      const values = like.values.map((x, i) => (i === d ? v : x));
      const key = values.join(SEP);
      if (this.cells.has(key)) continue;
      const margins = positions.map((e) => this.cells.get(values.map((x, i) => (i === e ? TOTAL : x)).join(SEP)));
      if (margins.every((m) => m && m.count > 0)) return { values, key, mask: like.mask | (1 << d), count: 0, suppressed: true };
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
