// One access awaiting a privacy officer's review, a break glass or a claimed relationship: who and
// when, the reason they gave, until when, the way into the child's audit trail, and the review form
// (a verdict, an optional note, and whatever else that kind of review asks).
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Radios } from '../govuk/Radios';
import { Textarea } from '../govuk/Field';
import { ErrorSummary, type FieldError } from '../govuk/ErrorSummary';
import { Form } from '../govuk/Form';
import { SummaryList } from '../govuk/SummaryList';

export interface ReviewCardProps {
  /** The card's own id, if a page needs one. */
  id?: string;
  heading: 'h2' | 'h3';
  title: ReactNode;
  reason: string;
  until: string;
  childId: string;
  /** Read out after "What was seen", naming the card ("during access 1"). */
  trailLabel: string;
  children: ReactNode;
}

export function ReviewCard({ id, heading: Heading, title, reason, until, childId, trailLabel, children }: ReviewCardProps) {
  return (
    <div className="govuk-summary-card" id={id}>
      <div className="govuk-summary-card__title-wrapper">
        <Heading className="govuk-summary-card__title">{title}</Heading>
      </div>
      <div className="govuk-summary-card__content">
        <SummaryList
          rows={[
            { key: 'Reason given', value: reason },
            { key: 'Access until', value: until },
            {
              key: 'Audit trail',
              value: (
                <Link className="govuk-link" to="/privacy/audit" state={{ childId }}>
                  What was seen<span className="govuk-visually-hidden"> {trailLabel}</span>
                </Link>
              ),
            },
          ]}
        />
        {children}
      </div>
    </div>
  );
}

export interface ReviewFormProps {
  /** Prefix of the form's field ids: `${prefix}verdict-${id}`, `${prefix}note-${id}`. */
  prefix: string;
  id: string;
  /** What the refusal without a verdict says ("Select whether the access was justified"). */
  required: string;
  options: { value: string; text: string }[];
  /** Sends the review ("Justified: the note"); resolves with what went wrong, or nothing. */
  send: (outcome: string, verdict: string) => Promise<string | undefined>;
  busy: boolean;
  onDone: () => void;
  /** Further questions of this kind of review, between the note and the button. */
  children?: ReactNode;
}

export function ReviewForm({ prefix, id, required, options, send, busy, onDone, children }: ReviewFormProps) {
  const [verdict, setVerdict] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const field = `${prefix}verdict-${id}`;
  const submit = async () => {
    if (!verdict) return setErrors([{ field, message: required }]);
    const problem = await send(`${verdict}${note.trim() ? `: ${note.trim()}` : ''}`, verdict);
    if (problem) return setErrors([{ field, message: problem }]);
    onDone();
  };
  return (
    <Form onSubmit={submit}>
      <ErrorSummary errors={errors} />
      <Radios id={field} legend="Your review" small value={verdict} onChange={setVerdict} error={errors[0]?.message} options={options} />
      <Textarea id={`${prefix}note-${id}`} label="Note (optional)" rows={2} value={note} onChange={setNote} />
      {children}
      <button type="submit" className="govuk-button govuk-button--secondary" disabled={busy}>
        Record review
      </button>
    </Form>
  );
}
