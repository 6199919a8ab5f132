// Break glass: access without consent in an emergency. A deliberate two-step action with a typed
// reason, a warning that a privacy officer reviews every use, and a time limit.
import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { BREAK_GLASS } from './joint-view-query';
import { badInput, errorsOf } from '../api/errors';
import { Textarea } from '../govuk/Field';
import { ErrorSummary, type FieldError } from '../govuk/ErrorSummary';
import { WarningText } from '../govuk/WarningText';

export function BreakGlass({ childId, onDone }: { childId: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [run, { loading }] = useMutation(BREAK_GLASS);
  if (!open) {
    return (
      <button type="button" className="govuk-button govuk-button--warning" id="break-glass-start" onClick={() => setOpen(true)}>
        Break glass: emergency access
      </button>
    );
  }
  const submit = async () => {
    if (reason.trim().length < 10)
      return setErrors([{ field: 'break-glass-reason', message: 'Enter why you need emergency access, in at least 10 characters' }]);
    const res = await run({ variables: { childId, reason: reason.trim(), minutes: 60 } });
    const bad = badInput(errorsOf(res.error));
    if (bad || !res.data)
      return setErrors([{ field: 'break-glass-reason', message: bad?.message ?? 'Emergency access could not be recorded. Try again.' }]);
    setOpen(false);
    onDone();
  };
  return (
    <div className="govuk-!-margin-bottom-6" id="break-glass">
      <ErrorSummary errors={errors} />
      <h2 className="govuk-heading-m">Emergency access (break glass)</h2>
      <WarningText>
        Only break glass to protect a child from harm. You will see records the family has not agreed to share, for 60 minutes. A privacy
        officer reviews every use, with the reason you give.
      </WarningText>
      <Textarea
        id="break-glass-reason"
        label="Why do you need emergency access?"
        hint="Say what risk you are acting on. This is kept in the audit trail."
        value={reason}
        onChange={setReason}
        error={errors[0]?.message}
        rows={3}
      />
      <div className="govuk-button-group">
        <button type="button" className="govuk-button govuk-button--warning" id="break-glass-confirm" disabled={loading} onClick={submit}>
          Break glass and view records
        </button>
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => {
            setOpen(false);
            setErrors([]);
          }}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
