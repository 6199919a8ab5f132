// Chart options for the dashboard's measures: horizontal bars with the figure written at the end
// of each bar (direct labels; colour carries nothing on its own). Suppressed figures are left out
// of the chart and written "c" in the table beside it.
import * as Plot from '@observablehq/plot';
import type { PlotOptions } from '@observablehq/plot';

export interface Bar {
  label: string;
  value: number;
  text: string;
}

export function bars(all: Bar[], xLabel: string, marks: Plot.Markish[] = []): PlotOptions | null {
  // Zero bars say nothing a chart can show; the table still lists them.
  const data = all.filter((d) => d.value > 0);
  if (!data.length) return null;
  const longest = Math.max(...data.map((d) => d.label.length));
  return {
    marginLeft: Math.min(300, 10 + longest * 7.5),
    marginRight: 110,
    height: 40 + data.length * 30,
    x: { label: xLabel, grid: true, nice: true },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [
      Plot.barX(data, { x: 'value', y: 'label', fill: '#1d70b8' }),
      Plot.text(data, { x: 'value', y: 'label', text: 'text', textAnchor: 'start', dx: 4, fill: '#0b0c0c' }),
      Plot.ruleX([0]),
      ...marks,
    ],
  };
}
