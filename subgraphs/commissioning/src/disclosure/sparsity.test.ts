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

/** The whole table as the rule judges it (its areas follow in sparsity()'s answer). */
const whole = (...args: Parameters<typeof sparsity>) => sparsity(...args)[0];

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
  expect(whole(l, ['A', 'B'], {})).toEqual({ total: 600, cells: 6, perCell: 100 });
  expect(() => checkSparsity(l, ['A', 'B'], {})).not.toThrow();
  expect(whole(l, [], {})).toEqual({ total: 600, cells: 1, perCell: 600 });
});

it('a sparse table is refused with BAD_USER_INPUT on dimensions, saying why and what to do, with rounded figures only', () => {
  const l = grid({ A: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'], B: ['b1', 'b2', 'b3', 'b4', 'b5'] }, () => 23);
  // 30 combinations of 23 (each rounded to 25): total 690, 23 a combination.
  const e = refusal(() => checkSparsity(l, ['A', 'B'], {}));
  expect(e.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    argument: 'dimensions',
    reason: 'TABLE_TOO_SPARSE',
    total: 690,
    cells: 30,
    minimumPerCell: MIN_CHILDREN_PER_CELL,
  });
  expect(e.message).toMatch(
    /^dimensions make a table too sparse to publish safely: about 690 children over 30 combinations, fewer than 30 a combination on average\. Drop a dimension, or widen or remove the filter\.$/,
  );
  // One dimension fewer is dense enough.
  expect(() => checkSparsity(l, ['A'], {})).not.toThrow();
});

it('the threshold: exactly MIN_CHILDREN_PER_CELL a combination passes, fewer children in the total are refused', () => {
  const at = grid({ A: ['a1', 'a2'] }, () => MIN_CHILDREN_PER_CELL);
  expect(whole(at, ['A'], {}).perCell).toBe(MIN_CHILDREN_PER_CELL);
  expect(() => checkSparsity(at, ['A'], {})).not.toThrow();
  const below = grid({ A: ['a1', 'a2'] }, (v) => (v[0] === 'a1' ? MIN_CHILDREN_PER_CELL - 5 : MIN_CHILDREN_PER_CELL));
  expect(() => checkSparsity(below, ['A'], {})).toThrow(/too sparse/);
});

it('a value whose margin rounds to 0 is not a combination: the rule sees what is published, not the true counts', () => {
  // b3 has 2 children; with a cell key of 255 they round down to 0 and b3 is not listed.
  const l = grid({ B: ['b1', 'b2', 'b3'] }, (v) => (v[0] === 'b3' ? 2 : 40), 255);
  expect(whole(l, ['B'], {})).toEqual({ total: 80, cells: 2, perCell: 40 });
  // The same children with keys that round b3 up to 5: a third combination, and the total rounds differently.
  const up = grid({ B: ['b1', 'b2', 'b3'] }, (v) => (v[0] === 'b3' ? 2 : 40), 0);
  expect(whole(up, ['B'], {}).cells).toBe(3);
});

it('a filter: the slice is judged on its own total, the filtered dimension is not a combination, and the message says so', () => {
  const l = grid({ LA: ['937', '873'], B: ['b1', 'b2', 'b3'] }, (v) => (v[0] === '937' ? 200 : 20));
  expect(whole(l, ['B'], { LA: '937' })).toEqual({ total: 600, cells: 3, perCell: 200 });
  expect(whole(l, ['B', 'LA'], { LA: '937' })).toEqual({ total: 600, cells: 3, perCell: 200 });
  const e = refusal(() => checkSparsity(l, ['B'], { LA: '873' }));
  expect(e.message).toMatch(/^dimensions with this filter make a table too sparse .* about 60 children over 3 combinations/);
});

it('only reads: a table that passes is published exactly as the cell key method rounded it', () => {
  const l = grid({ A: ['a1', 'a2'], B: ['b1', 'b2', 'b3'] }, (v) => (v[1] === 'b3' ? 3 : 97), 100);
  const before = [...l.cells.values()].map((c) => [c.key, c.published, c.perturbed, c.suppressed]);
  checkSparsity(l, ['A', 'B'], {});
  expect([...l.cells.values()].map((c) => [c.key, c.published, c.perturbed, c.suppressed])).toEqual(before);
});

it('each area (LA, locality) of a table with another dimension is judged on its own: a small LA beside a large one is refused, naming it', () => {
  const l = grid({ LA: ['937', '873'], B: ['b1', 'b2', 'b3', 'b4'] }, (v) => (v[0] === '937' ? 400 : 10));
  // The whole table: 1,640 children over 2 × 4 combinations (205 each); LA 873 alone: 40 over 4.
  expect(whole(l, ['LA', 'B'], {})).toEqual({ total: 1640, cells: 8, perCell: 205 });
  const areas = sparsity(l, ['LA', 'B'], {})
    .slice(1)
    .sort((x, y) => (x.area!.value < y.area!.value ? -1 : 1));
  expect(areas).toEqual([
    { total: 40, cells: 4, perCell: 10, area: { dimension: 'LA', value: '873' } },
    { total: 1600, cells: 4, perCell: 400, area: { dimension: 'LA', value: '937' } },
  ]);
  const e = refusal(() => checkSparsity(l, ['B', 'LA'], {}));
  expect(e.message).toBe(
    'dimensions make a table too sparse to publish safely: in LA 873, about 40 children over 4 combinations, fewer than 30 a combination on average. Drop a dimension, or leave LA out.',
  );
  expect(e.extensions).toMatchObject({ reason: 'TABLE_TOO_SPARSE', area: { dimension: 'LA', value: '873' }, total: 40, cells: 4 });
  // LA 937 on its own (a filter), and a table of LAs alone (each area a single figure), are published.
  expect(() => checkSparsity(l, ['B'], { LA: '937' })).not.toThrow();
  expect(() => checkSparsity(l, ['LA'], {})).not.toThrow();
  // Another dimension than an area is not judged value by value.
  expect(sparsity(l, ['B', 'LA'], {}).every((s) => !s.area || s.area.dimension === 'LA')).toBe(true);
});
