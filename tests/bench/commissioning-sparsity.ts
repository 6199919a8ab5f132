// Which of the commissioning benchmark's tables the sparsity check refuses on n synthetic children,
// how sparse each is (the whole table and its sparsest area), and what the check costs, in process:
// `npx tsx tests/bench/commissioning-sparsity.ts 100000`. Cell keys here are made up: the decision
// reads rounded figures, which a real key moves by at most 4 a figure.
import { generatePopulation } from '@hub/seed';
import { MIN_CHILDREN_PER_CELL } from '@hub/schema';
import { stored, truthOf } from '../e2e/commissioning/truth';
import { Lattice } from '../../subgraphs/commissioning/src/lattice';
import { applyCellKey } from '../../subgraphs/commissioning/src/disclosure/cell-key';
import { sparsity } from '../../subgraphs/commissioning/src/disclosure/sparsity';

const n = Number(process.argv[2] ?? 100_000);
const truths = stored([...generatePopulation({ children: n, seed: 42 })])
  .map((c) => truthOf(c))
  .filter((t) => t.AGENCIES !== '');
const FILTER: Record<string, string> = { la: 'LA', senStatus: 'SEN_STATUS' };
// The count tables of tests/bench/commissioning.ts, and the dashboard's.
const TABLES: [string[], Record<string, string>][] = [
  [['PRIMARY_SEN_TYPE', 'PLACEMENT_TYPE', 'SOCIAL_CARE_STATUS', 'WAIT_SALT'], {}],
  [['AGE_BAND', 'LA', 'AGENCIES'], {}],
  [['LOCALITY', 'PRIMARY_SEN_TYPE'], { la: '937' }],
  [['LA', 'SEN_STATUS', 'PRIMARY_SEN_TYPE', 'PLACEMENT_TYPE', 'SOCIAL_CARE_STATUS', 'WAIT_SALT'], {}],
  [['LOCALITY', 'AGE_BAND', 'SEN_STATUS', 'WAIT_CAMHS'], {}],
  [['LA', 'PLACEMENT_TYPE'], { senStatus: 'EHC_PLAN' }],
  [['PRIMARY_SEN_TYPE'], {}],
  [['PLACEMENT_TYPE'], {}],
];
for (const [out, filter] of TABLES) {
  const fixed = Object.fromEntries(Object.entries(filter).map(([k, v]) => [FILTER[k], v]));
  const dims = [...new Set([...out, ...Object.keys(fixed)])];
  const l = new Lattice(dims);
  truths.forEach((t, i) =>
    l.add(
      dims.map((d) => t[d]),
      1,
      undefined,
      (i * 97) % 256,
    ),
  );
  const t0 = process.hrtime.bigint();
  const built = applyCellKey(l.build());
  const t1 = process.hrtime.bigint();
  // The fastest of 5 (the first pays for compiling the function and for collecting the build's garbage).
  let s = sparsity(built, out, fixed);
  let checkMs = Infinity;
  for (let k = 0; k < 5; k++) {
    const a = process.hrtime.bigint();
    s = sparsity(built, out, fixed);
    checkMs = Math.min(checkMs, Number(process.hrtime.bigint() - a) / 1e6);
  }
  const worst = s.reduce((a, b) => (b.perCell < a.perCell ? b : a));
  const where = worst.area ? `${worst.area.dimension} ${worst.area.value}` : 'whole table';
  console.log(
    `${worst.perCell < MIN_CHILDREN_PER_CELL ? 'REFUSED' : 'ok     '} ${out.join(' × ')} ${JSON.stringify(filter)}: ${s[0].perCell.toFixed(1)} a combination; sparsest: ${where} ${worst.perCell.toFixed(1)}; ` +
      `${built.cells.size} cells, build and round ${(Number(t1 - t0) / 1e6).toFixed(0)} ms, check ${checkMs.toFixed(1)} ms`,
  );
}
