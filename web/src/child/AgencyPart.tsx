// One agency's part of the joint view: its source named (and, for a record an agency's own system
// fed, which system and when), and a withheld, unavailable or absent part said in words (never
// left out silently).
import type { ReactNode } from 'react';
import { SummaryList, type Row } from '../govuk/SummaryList';
import { Withheld } from './Withheld';
import { longDate } from '../assessment/clock';

/** The source system and submission that last changed a record (ingestion); null for records entered in the hub. */
export type FedBy = { system: string; submittedAt: string } | null;

export type PartState =
  { kind: 'shown'; rows: Row[]; fedBy?: FedBy } | { kind: 'withheld'; reason: string } | { kind: 'unavailable' } | { kind: 'none' };

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
      {state.kind === 'shown' && state.fedBy && (
        <p className="govuk-body-s app-fed-by" data-fed-by={id}>
          From: {state.fedBy.system}, {longDate(state.fedBy.submittedAt)}
        </p>
      )}
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
