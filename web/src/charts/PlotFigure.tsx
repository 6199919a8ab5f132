// An Observable Plot chart in React. The SVG is a picture of the table beside it: it is hidden from
// assistive technology's reading order only in the sense that the table carries the same figures,
// so the figure has a text alternative summarising it and the table is the accessible source.
import { useEffect, useRef } from 'react';
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

export function PlotFigure({ options, label }: { options: PlotOptions; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const width = Math.max(280, Math.min(el.clientWidth || 600, 960));
    const chart = Plot.plot({
      width,
      style: { fontFamily: 'arial, sans-serif', fontSize: '14px', background: 'transparent', overflow: 'visible' },
      ariaLabel: label,
      ...options,
    });
    // The wrapper is the image (role="img" with the label); Plot's own ARIA on its groups would be
    // announced as fragments of a picture whose figures the table beside it already gives.
    chart.setAttribute('aria-hidden', 'true');
    for (const n of chart.querySelectorAll('[aria-label],[aria-description]')) {
      n.removeAttribute('aria-label');
      n.removeAttribute('aria-description');
    }
    el.replaceChildren(chart);
    return () => chart.remove();
  }, [options, label]);
  return <div className="app-chart" ref={ref} role="img" aria-label={label} />;
}
