// One agency's part of the joint view: its source named, and a withheld, unavailable or absent
// part said in words (never left out silently).
import type { ReactNode } from 'react';
import { SummaryList, type Row } from '../govuk/SummaryList';
import { Withheld } from './Withheld';

export type PartState = { kind: 'shown'; rows: Row[] } | { kind: 'withheld'; reason: string } | { kind: 'unavailable' } | { kind: 'none' };

export function AgencyPart({
  id,
  title,
  source,
  state,
  children,
}: {
  id: string;
  title: string;
  source: string;
  state: PartState;
  children?: ReactNode;
}) {
  return (
    <section className="govuk-!-margin-bottom-8" aria-labelledby={`${id}-title`} id={id}>
      <h2 className="govuk-heading-m govuk-!-margin-bottom-1" id={`${id}-title`}>
        {title}
      </h2>
      <span className="govuk-caption-m app-source">Source: {source}</span>
      {state.kind === 'shown' && <SummaryList rows={state.rows} />}
      {state.kind === 'withheld' && (
        <p className="govuk-body">
          <Withheld reason={state.reason} />
        </p>
      )}
      {state.kind === 'unavailable' && (
        <div className="govuk-inset-text" data-unavailable={id}>
          {title} is unavailable: the {source} did not answer. The other parts are shown; try again later for this one.
        </div>
      )}
      {state.kind === 'none' && <p className="govuk-body">No record held by the {source}.</p>}
      {children}
    </section>
  );
}
