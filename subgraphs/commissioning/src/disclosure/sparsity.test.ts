// The table-level sparsity rule on hand-made lattices: what it counts (rounded figures only), where
// the threshold is, and the refusal a caller gets.
import { MIN_CHILDREN_PER_CELL } from '@hub/schema';
import { GraphQLError } from 'graphql';
import { Lattice } from '../lattice';
import { applyCellKey } from './cell-key';
import { checkSparsity, sparsity } from './sparsity';

/** A lattice over dims with `count` children in every combination of the given values (cell key 0: counts round up). */
function grid(dims: Record<string, string[]>, count: (values: string[]) => number, keySum = 0): Lattice {
  const names = Object.keys(dims);
  const l = new Lattice(names);
  const combos = names.reduce<string[][]>((acc, d) => acc.flatMap((c) => dims[d].map((v) => [...c, v])), [[]]);
  for (const c of combos) if (count(c) > 0) l.add(c, count(c), undefined, keySum);
  return applyCellKey(l.build());
}

function refusal(f: () => unknown): GraphQLError {
  try {
    f();
  } catch (e) {
    return e as GraphQLError;
  }
  throw new Error('not refused');
}

it('a dense table passes; its total and combinations are the rounded total and the values its margins list', () => {
  const l = grid({ A: ['a1', 'a2'], B: ['b1', 'b2', 'b3'] }, () => 100);
  expect(sparsity(l, ['A', 'B'], {})).toEqual({ total: 600, cells: 6, perCell: 100 });
  expect(() => checkSparsity(l, ['A', 'B'], {})).not.toThrow();
  expect(sparsity(l, [], {})).toEqual({ total: 600, cells: 1, perCell: 600 });
});

it('a sparse table is refused with BAD_USER_INPUT on dimensions, saying why and what to do, with rounded figures only', () => {
  const l = grid({ A: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'], B: ['b1', 'b2', 'b3', 'b4', 'b5'] }, () => 23);
  // 30 combinations of 23 (each rounded to 25): total 690, 23 a combination.
  const e = refusal(() => checkSparsity(l, ['A', 'B'], {}));
  expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'dimensions', reason: 'TABLE_TOO_SPARSE', total: 690, cells: 30, minimumPerCell: MIN_CHILDREN_PER_CELL });
  expect(e.message).toMatch(/^dimensions make a table too sparse to publish safely: about 690 children over 30 combinations, fewer than 30 a combination on average\. Drop a dimension, or widen or remove the filter\.$/);
  // One dimension fewer is dense enough.
  expect(() => checkSparsity(l, ['A'], {})).not.toThrow();
});

it('the threshold: exactly MIN_CHILDREN_PER_CELL a combination passes, fewer children in the total are refused', () => {
  const at = grid({ A: ['a1', 'a2'] }, () => MIN_CHILDREN_PER_CELL);
  expect(sparsity(at, ['A'], {}).perCell).toBe(MIN_CHILDREN_PER_CELL);
  expect(() => checkSparsity(at, ['A'], {})).not.toThrow();
  const below = grid({ A: ['a1', 'a2'] }, (v) => (v[0] === 'a1' ? MIN_CHILDREN_PER_CELL - 5 : MIN_CHILDREN_PER_CELL));
  expect(() => checkSparsity(below, ['A'], {})).toThrow(/too sparse/);
});

it('a value whose margin rounds to 0 is not a combination: the rule sees what is published, not the true counts', () => {
  // b3 has 2 children; with a cell key of 255 they round down to 0 and b3 is not listed.
  const l = grid({ B: ['b1', 'b2', 'b3'] }, (v) => (v[0] === 'b3' ? 2 : 40), 255);
  expect(sparsity(l, ['B'], {})).toEqual({ total: 80, cells: 2, perCell: 40 });
  // The same children with keys that round b3 up to 5: a third combination, and the total rounds differently.
  const up = grid({ B: ['b1', 'b2', 'b3'] }, (v) => (v[0] === 'b3' ? 2 : 40), 0);
  expect(sparsity(up, ['B'], {}).cells).toBe(3);
});

it('a filter: the slice is judged on its own total, the filtered dimension is not a combination, and the message says so', () => {
  const l = grid({ LA: ['937', '873'], B: ['b1', 'b2', 'b3'] }, (v) => (v[0] === '937' ? 200 : 20));
  expect(sparsity(l, ['B'], { LA: '937' })).toEqual({ total: 600, cells: 3, perCell: 200 });
  expect(sparsity(l, ['B', 'LA'], { LA: '937' })).toEqual({ total: 600, cells: 3, perCell: 200 });
  const e = refusal(() => checkSparsity(l, ['B'], { LA: '873' }));
  expect(e.message).toMatch(/^dimensions with this filter make a table too sparse .* about 60 children over 3 combinations/);
});

it('only reads: a table that passes is published exactly as the cell key method rounded it', () => {
  const l = grid({ A: ['a1', 'a2'], B: ['b1', 'b2', 'b3'] }, (v) => (v[1] === 'b3' ? 3 : 97), 100);
  const before = [...l.cells.values()].map((c) => [c.key, c.published, c.perturbed, c.suppressed]);
  checkSparsity(l, ['A', 'B'], {});
  expect([...l.cells.values()].map((c) => [c.key, c.published, c.perturbed, c.suppressed])).toEqual(before);
});
