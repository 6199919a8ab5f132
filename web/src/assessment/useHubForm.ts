// What every form here does on submit: check the input in the browser first (nothing is sent
// while anything is wrong), then send; bad input the API names goes next to its field. The input
// stays as typed either way.
import { useState } from 'react';
import { badInput, errorsOf, firstError } from '../api/errors';
import type { FieldError } from '../govuk/ErrorSummary';

export function useHubForm(fieldOfArgument: (argument: string) => string) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  async function submit(check: () => FieldError[], send: () => Promise<{ data?: unknown; error?: unknown }>): Promise<boolean> {
    if (busy) return false;
    const local = check();
    setErrors(local);
    if (local.length) return false;
    setBusy(true);
    try {
      const res = await send();
      const bad = badInput(errorsOf(res.error));
      if (bad) {
        setErrors([{ field: fieldOfArgument(bad.argument), message: bad.message }]);
        return false;
      }
      if (!res.data || errorsOf(res.error).length) {
        setErrors([{ field: fieldOfArgument(''), message: firstError(res.error)?.message ?? 'That could not be saved. Try again.' }]);
        return false;
      }
      return true;
    } finally {
      setBusy(false);
    }
  }
  return { errors, setErrors, busy, submit };
}
