// A check-your-answers step inside a question page: back to the questions, the hub's refusal if
// any, the answers with a "Change" link each (to the question, focused), and the one button that
// sends them (disabled while it is sending, so a double click sends once).
import type { ReactNode } from 'react';
import { ProblemSummary } from './ErrorSummary';
import { SummaryList } from './SummaryList';
import { ChangeLink } from './ChangeLink';

export interface Answer {
  key: string;
  value: ReactNode;
  /** The question's field id and how "Change …" reads it out. */
  change: [field: string, label: string];
}

export function CheckYourAnswers(p: {
  caption: string;
  problem: string | null;
  answers: Answer[];
  onBack: () => void;
  confirm: { id: string; text: string; busy: boolean; onClick: () => void };
}) {
  return (
    <>
      <a
        href="#"
        className="govuk-back-link"
        onClick={(e) => {
          e.preventDefault();
          p.onBack();
        }}
      >
        Back
      </a>
      <ProblemSummary message={p.problem} />
      <span className="govuk-caption-l">{p.caption}</span>
      <h1 className="govuk-heading-l">Check your answers</h1>
      <SummaryList
        rows={p.answers.map((a) => ({
          key: a.key,
          value: a.value,
          action: <ChangeLink field={a.change[0]} label={a.change[1]} onChange={p.onBack} />,
        }))}
      />
      <button type="button" className="govuk-button" id={p.confirm.id} disabled={p.confirm.busy} onClick={p.confirm.onClick}>
        {p.confirm.text}
      </button>
    </>
  );
}
