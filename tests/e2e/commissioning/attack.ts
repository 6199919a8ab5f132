// Differencing attackers: everything the commissioner was shown, across any number of queries, as
// linear equations (each subtotal equals the sum of the cells it sums).
//   differencing(): subtract along any one line whose other members are known, substitute what was
//     found and go on until nothing more comes out: what the suppression rules promise to stop.
//   linearAttack(): Gaussian elimination over all the equations at once: stronger than the rules
//     promise (see docs/commissioning.md, residual risk), used to measure that residual.

export interface PublishedTable {
  /** Output dimensions, the order of each cell's values. */
  dimensions: string[];
  /** The filter: dimension → value (a slice of the table with those dimensions added). */
  fixed: Record<string, string>;
  cells: { values: string[]; count: number | null }[];
}

/** Which figure a cell is, whatever query showed it: its grouped dimensions' values, filters included. */
export function identity(t: PublishedTable, values: string[]): string {
  const where: Record<string, string> = { ...t.fixed };
  t.dimensions.forEach((d, i) => {
    if (values[i] !== 'TOTAL') where[d] = values[i];
  });
  return Object.keys(where)
    .sort()
    .map((d) => `${d}=${where[d]}`)
    .join('&');
}

export interface AttackResult {
  suppressed: number;
  recovered: { cell: string; value: number }[];
  equations: number;
}

function equationsOf(tables: PublishedTable[]) {
  const known = new Map<string, number>();
  const hidden = new Set<string>();
  const equations = new Map<string, { total: string; parts: string[] }>();
  for (const t of tables) {
    for (const c of t.cells) {
      const id = identity(t, c.values);
      if (c.count === null) hidden.add(id);
      else known.set(id, c.count);
    }
    for (const m of t.cells) {
      m.values.forEach((v, d) => {
        if (v !== 'TOTAL') return;
        const parts = t.cells
          .filter((c) => c.values[d] !== 'TOTAL' && c.values.every((x, i) => i === d || x === m.values[i]))
          .map((c) => identity(t, c.values))
          .sort();
        const total = identity(t, m.values);
        equations.set(`${total}=${parts.join('+')}`, { total, parts });
      });
    }
  }
  for (const id of known.keys()) hidden.delete(id); // shown somewhere is shown
  return { known, hidden, equations };
}

export function differencing(tables: PublishedTable[]): AttackResult {
  const { known, hidden, equations } = equationsOf(tables);
  const found = new Map<string, number>();
  const value = (id: string) => known.get(id) ?? found.get(id) ?? (hidden.has(id) ? undefined : 0);
  for (let progress = true; progress;) {
    progress = false;
    for (const { total, parts } of equations.values()) {
      const members = [total, ...parts];
      const unknown = members.filter((m) => value(m) === undefined);
      if (unknown.length !== 1) continue;
      const [u] = unknown;
      const partsSum = parts.reduce((n, p) => n + (p === u ? 0 : value(p)!), 0);
      found.set(u, u === total ? partsSum : value(total)! - partsSum);
      progress = true;
    }
  }
  return { suppressed: hidden.size, recovered: [...found].map(([cell, v]) => ({ cell, value: v })), equations: equations.size };
}

export function linearAttack(tables: PublishedTable[]): AttackResult {
  const { known, hidden, equations } = equationsOf(tables);
  const unknowns = [...hidden];
  const col = new Map(unknowns.map((u, i) => [u, i]));
  // Rows: coefficients over the unknowns, and the right-hand side from the known figures.
  const rows: { a: Float64Array; b: number }[] = [];
  for (const { total, parts } of equations.values()) {
    const a = new Float64Array(unknowns.length);
    let b = 0;
    const term = (id: string, sign: number) => {
      const j = col.get(id);
      if (j !== undefined) a[j] += sign;
      else b -= sign * (known.get(id) ?? 0); // not shown anywhere and not hidden: a listed-as-absent zero
    };
    term(total, 1);
    for (const p of parts) term(p, -1);
    if (a.some((x) => x !== 0)) rows.push({ a, b });
  }
  // Reduced row echelon form.
  const pivotRow = new Map<number, number>();
  let r = 0;
  for (let j = 0; j < unknowns.length && r < rows.length; j++) {
    let p = -1;
    for (let i = r; i < rows.length; i++)
      if (Math.abs(rows[i].a[j]) > 1e-9) {
        p = i;
        break;
      }
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p], rows[r]];
    const pr = rows[r];
    const f = pr.a[j];
    for (let k = 0; k < unknowns.length; k++) pr.a[k] /= f;
    pr.b /= f;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const g = rows[i].a[j];
      if (Math.abs(g) < 1e-12) continue;
      for (let k = 0; k < unknowns.length; k++) rows[i].a[k] -= g * pr.a[k];
      rows[i].b -= g * pr.b;
    }
    pivotRow.set(j, r);
    r++;
  }
  const recovered: AttackResult['recovered'] = [];
  for (const [j, i] of pivotRow) {
    const row = rows[i];
    if (row.a.every((x, k) => k === j || Math.abs(x) < 1e-9)) recovered.push({ cell: unknowns[j], value: Math.round(row.b) });
  }
  return { suppressed: unknowns.length, recovered, equations: equations.size };
}
