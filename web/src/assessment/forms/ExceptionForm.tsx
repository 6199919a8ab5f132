// An exception to the time limits (regs 5(4), 8(2), 10(4), 13(3)): it never moves a deadline, it
// stops a missed one counting as missed. The reason is personal and stays in education's record.
import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { EXCEPTION_KINDS } from '@hub/schema/codes';
import { EXCEPTION } from '../assessment-query';
import { DateInput, emptyDate, isoDate } from '../../govuk/DateInput';
import { Select, Textarea } from '../../govuk/Field';
import { ErrorSummary, errorFor } from '../../govuk/ErrorSummary';
import { words } from '../../govuk/Tag';
import { useHubForm } from '../useHubForm';
import { Form } from '../../govuk/Form';

export function ExceptionForm({
  assessmentId,
  requests,
  onDone,
}: {
  assessmentId: string;
  requests: { id: string; adviceType: string; organisation: string }[];
  onDone: () => void;
}) {
  const [kind, setKind] = useState<string>(EXCEPTION_KINDS[0]);
  const [reason, setReason] = useState('');
  const [start, setStart] = useState(emptyDate);
  const [end, setEnd] = useState(emptyDate);
  const [req, setReq] = useState('');
  const [run] = useMutation(EXCEPTION);
  const form = useHubForm(
    (a) =>
      ({
        reason: 'exception-reason',
        startOn: 'exception-start',
        endOn: 'exception-end',
        adviceRequestId: 'exception-request',
        kind: 'exception-kind',
      })[a] ?? 'exception-kind',
  );
  const send = async () => {
    const ok = await form.submit(
      () => {
        const out = [];
        if (!reason.trim()) out.push({ field: 'exception-reason', message: 'Enter the reason for the exception' });
        const s = isoDate(start, 'the start date');
        if (s.error) out.push({ field: 'exception-start', message: s.error });
        const e = isoDate(end, 'the end date');
        if (e.error) out.push({ field: 'exception-end', message: e.error });
        return out;
      },
      () =>
        run({
          variables: {
            id: assessmentId,
            kind,
            reason: reason.trim(),
            start: isoDate(start, '').iso,
            end: isoDate(end, '').iso,
            req: req || null,
          },
        }),
    );
    if (ok) {
      setReason('');
      setStart(emptyDate);
      setEnd(emptyDate);
      onDone();
    }
  };
  return (
    <Form className="govuk-!-margin-bottom-6" id="record-exception" onSubmit={send}>
      <h3 className="govuk-heading-s">Record an exception to the time limits</h3>
      <ErrorSummary errors={form.errors} />
      <Select
        id="exception-kind"
        label="Kind of exception"
        value={kind}
        onChange={setKind}
        options={EXCEPTION_KINDS.map((k) => ({ value: k, text: words(k) }))}
        error={errorFor(form.errors, 'exception-kind')}
      />
      <Select
        id="exception-request"
        label="Which part it concerns"
        value={req}
        onChange={setReq}
        options={[
          { value: '', text: 'The whole assessment' },
          ...requests.map((r) => ({ value: r.id, text: `${words(r.adviceType)} advice (${r.organisation})` })),
        ]}
        error={errorFor(form.errors, 'exception-request')}
      />
      <Textarea
        id="exception-reason"
        label="Reason"
        rows={3}
        value={reason}
        onChange={setReason}
        error={errorFor(form.errors, 'exception-reason')}
      />
      <DateInput
        id="exception-start"
        legend="First day"
        value={start}
        onChange={setStart}
        error={errorFor(form.errors, 'exception-start')}
      />
      <DateInput id="exception-end" legend="Last day" value={end} onChange={setEnd} error={errorFor(form.errors, 'exception-end')} />
      <button type="submit" className="govuk-button govuk-button--secondary" disabled={form.busy}>
        Record exception
      </button>
    </Form>
  );
}
