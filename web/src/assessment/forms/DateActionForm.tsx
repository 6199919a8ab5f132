// A statutory step recorded with one date (the decision adds its choice): draft plan, final plan,
// notice not to issue, advice received, opening an assessment.
import { useState, type ReactNode } from 'react';
import { DateInput, emptyDate, isoDate } from '../../govuk/DateInput';
import { ErrorSummary, errorFor } from '../../govuk/ErrorSummary';
import { useHubForm } from '../useHubForm';
import { Form } from '../../govuk/Form';

export function DateActionForm({
  id,
  title,
  dateLabel,
  button,
  extra,
  extraValid,
  onSend,
  onDone,
}: {
  id: string;
  title: string;
  dateLabel: string;
  button: string;
  extra?: ReactNode;
  extraValid?: () => { field: string; message: string } | null;
  onSend: (iso: string) => Promise<{ data?: unknown; error?: unknown }>;
  onDone: () => void;
}) {
  const [date, setDate] = useState(emptyDate);
  const dateField = `${id}-date`;
  const form = useHubForm(() => dateField);
  const send = async () => {
    const ok = await form.submit(
      () => {
        const out = [];
        const extraProblem = extraValid?.();
        if (extraProblem) out.push(extraProblem);
        const d = isoDate(date, dateLabel.toLowerCase());
        if (d.error) out.push({ field: dateField, message: d.error });
        return out;
      },
      () => onSend(isoDate(date, '').iso!),
    );
    if (ok) {
      setDate(emptyDate);
      onDone();
    }
  };
  return (
    <Form className="govuk-!-margin-bottom-6" id={id} onSubmit={send}>
      <h3 className="govuk-heading-s">{title}</h3>
      <ErrorSummary errors={form.errors} />
      {extra}
      <DateInput
        id={dateField}
        legend={dateLabel}
        hint="For example, 27 3 2026"
        value={date}
        onChange={setDate}
        error={errorFor(form.errors, dateField)}
      />
      <button type="submit" className="govuk-button govuk-button--secondary" disabled={form.busy}>
        {button}
      </button>
    </Form>
  );
}
