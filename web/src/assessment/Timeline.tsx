// The 20-week clock drawn: weeks since the request along the bottom, one row per step, each
// deadline as a tick, each step done as a dot, and words on the chart itself ("late", "overdue"),
// so nothing depends on colour. The table beside it holds the same facts.
import { useMemo } from 'react';
import * as Plot from '@observablehq/plot';
import { PlotFigure } from '../charts/PlotFigure';
import { Table } from '../govuk/Table';
import { Tag, words } from '../govuk/Tag';
import { STEP_NAMES, longDate } from './clock';

const DAY = 86_400_000;
const weeksBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY / 7;

interface Line {
  name: string;
  startOn: string;
  dueOn: string;
  doneOn: string | null;
  timeliness: string;
}

export function Timeline({ assessment }: { assessment: any }) {
  const start: string = assessment.requestReceivedOn;
  const today = new Date().toISOString().slice(0, 10);
  const lines: Line[] = useMemo(() => {
    const steps = [
      assessment.decisionStep,
      ...assessment.adviceRequests.map((r: any) => ({
        step: 'ADVICE',
        name: `${words(r.adviceType)} advice`,
        startOn: r.requestedOn,
        dueOn: r.dueOn,
        doneOn: r.receivedOn,
        timeliness: r.timeliness,
      })),
      assessment.notIssuedNoticeStep,
      assessment.finalPlanStep,
    ];
    return steps
      .filter((s: any) => s.timeliness !== 'NOT_APPLICABLE')
      .map((s: any) => ({
        name: s.name ?? STEP_NAMES[s.step],
        startOn: s.startOn,
        dueOn: s.dueOn,
        doneOn: s.doneOn ?? null,
        timeliness: s.timeliness,
      }));
  }, [assessment]);
  const elapsed = Math.max(0, weeksBetween(start, today));
  const label = (l: Line) => {
    const t = l.timeliness;
    if (t === 'IN_TIME') return 'in time';
    if (t.startsWith('LATE')) return t === 'LATE' ? 'late' : 'late (exception)';
    if (t.startsWith('OVERDUE')) return t === 'OVERDUE' ? 'overdue' : 'overdue (exception)';
    return 'due';
  };
  // On a phone the step names go above their lines instead of in a left margin.
  const narrow = typeof window !== 'undefined' && window.innerWidth < 640;
  const options = useMemo(() => {
    const rows = lines.map((l) => ({
      ...l,
      s: weeksBetween(start, l.startOn),
      d: weeksBetween(start, l.dueOn),
      done: l.doneOn ? weeksBetween(start, l.doneOn) : null,
      text: label(l),
    }));
    const xMax = Math.max(21, elapsed + 1, ...rows.map((r) => Math.max(r.d, r.done ?? 0) + 1));
    return {
      marginLeft: narrow ? 10 : Math.min(280, 12 + Math.max(...rows.map((r) => r.name.length)) * 7.5),
      marginRight: 20,
      height: 60 + rows.length * (narrow ? 64 : 44),
      x: { domain: [0, xMax], label: 'Weeks since the request', grid: true },
      y: { domain: rows.map((r) => r.name), label: null, axis: narrow ? null : 'left' },
      marks: [
        ...(narrow ? [Plot.text(rows, { x: 0, y: 'name', text: 'name', textAnchor: 'start', dy: -26, fill: '#0b0c0c' })] : []),
        Plot.ruleY(rows, { x1: 's', x2: 'd', y: 'name', stroke: '#b1b4b6', strokeWidth: 6 }),
        Plot.tickX(rows, { x: 'd', y: 'name', stroke: '#0b0c0c', strokeWidth: 3 }),
        Plot.dot(
          rows.filter((r) => r.done != null),
          {
            x: 'done',
            y: 'name',
            r: 7,
            fill: (r: any) => (r.text.startsWith('late') ? '#d4351c' : '#00703c'),
            symbol: (r: any) => (r.text.startsWith('late') ? 'cross' : 'circle'),
          },
        ),
        Plot.text(rows, {
          x: (r: any) => r.done ?? r.d,
          y: 'name',
          text: (r: any) => `${r.text} wk ${Math.round(r.done ?? r.d)}`,
          dy: -14,
          fontWeight: 'bold',
          fill: '#0b0c0c',
        }),
        Plot.ruleX([elapsed], { stroke: '#1d70b8', strokeDasharray: '4,3' }),
        Plot.text([elapsed], {
          x: (d: number) => d,
          frameAnchor: 'top',
          text: () => `today: week ${Math.floor(elapsed)}`,
          dy: -2,
          fill: '#1d70b8',
          fontWeight: 'bold',
        }),
      ],
    };
  }, [lines, start, elapsed, narrow]);
  return (
    <div className="govuk-grid-row" id="timeline">
      <div className="govuk-grid-column-full">
        <h2 className="govuk-heading-m">Timeline: {Math.floor(elapsed)} weeks since the request</h2>
        <PlotFigure
          options={options as any}
          label={`Timeline of the assessment: ${lines.map((l) => `${l.name} due ${longDate(l.dueOn)}, ${label(l)}`).join('; ')}`}
        />
        <Table
          caption="Steps and their deadlines"
          head={['Step', 'Due', 'Done', 'Status']}
          rows={lines.map((l) => [l.name, longDate(l.dueOn), l.doneOn ? longDate(l.doneOn) : 'Not yet', <Tag code={l.timeliness} />])}
        />
      </div>
    </div>
  );
}
