// The old small-number suppression (the "line rule"), kept ONLY for the tests' control run: it is
// what the cell key method replaced, and the tests show that a linear-programming attacker pins
// down cells it hid (docs/commissioning.md). No setting of a deployment reaches it; nothing in the
// service imports it.
//   - primary: every cell or subtotal of 1..SMALL_COUNT_MAX is suppressed;
//   - secondary: in every line (the cells that differ in one dimension only, plus their subtotal),
//     0 or at least 2 members are suppressed, so no single subtraction recovers a cell. Lines are
//     revisited until nothing changes; tables are settled from the grand total upwards, a table's
//     secondary suppression only ever picking cells of that table.
import { SMALL_COUNT_MAX, TOTAL, UNKNOWN } from '@hub/schema';
import { SEP, type Cell, type Lattice } from '../lattice';

const NOT_KNOWN = 'NOT_KNOWN';

/** No pattern of suppression protects this table (too few children over too many dimensions). */
export class TooSparse extends Error {
  constructor() {
    super('the table is too sparse to publish without disclosing small numbers');
  }
}

/** Applies the line rule to a built lattice: suppressed cells are published as null. */
export function suppressLines(lattice: Lattice): Lattice {
  new LineRule(lattice).run();
  return lattice;
}

class LineRule {
  private readonly dims: readonly string[];
  private readonly cells: Map<string, Cell>;
  /** Values seen per dimension (its one-way table), for choosing empty combinations to hide. */
  private domains: string[][] = [];

  constructor(lattice: Lattice) {
    this.dims = lattice.dims;
    this.cells = lattice.cells;
  }

  run(): void {
    const k = this.dims.length;
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
    for (let escalated = true; escalated;) {
      escalated = false;
      for (const mask of order) {
        if (this.settle(mask, tables.get(mask)!)) {
          escalated = true;
          break;
        }
      }
    }
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
    for (let changed = true; changed;) {
      changed = false;
      for (let li = 0; li < positions.length; li++) {
        const d = positions[li];
        for (const [margin, members] of lines[li]) {
          let hidden = margin.suppressed ? 1 : 0;
          for (const c of members) if (c.suppressed) hidden++;
          if (hidden !== 1) continue;
          const open = members.filter((c) => !c.suppressed && c.count > 0).sort(bySize);
          // A cell given away by a subtotal can still be hidden if the zeros that give it away can.
          const rescuable = (c: Cell) =>
            positions.every((e) => {
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
      if (ok)
        return { values, key, order: -1, mask: like.mask, count: 0, cellKey: 0, published: 0, perturbed: false, suppressed: true, margins };
    }
    return undefined;
  }
}

function popcount(n: number): number {
  let c = 0;
  for (; n; n &= n - 1) c++;
  return c;
}
