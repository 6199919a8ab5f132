// A question page with its check-your-answers step and confirmation, as one flow: the step shown,
// the problems found (on the question page, next to their fields), the hub's refusal (on the check
// step), and one idempotency key per set of answers (a changed answer gets a new one; a double click
// or a retry sends the same one, so the write is applied once).
import { useState } from 'react';
import { badInput, errorsOf, firstError } from '../api/errors';
import { useSingleFlight } from '../family/useSingleFlight';
import type { FieldError } from './ErrorSummary';
import { binder } from './bind';

export interface SendOptions<T> {
  /** The write's result in the answer; none means refused. */
  result: (data: any) => T | null | undefined;
  /** The question page's field for an argument the hub names. */
  fieldOf: (argument: string) => string;
  /** Said when the hub refuses the caller (FORBIDDEN). */
  refused: string;
  /** Said when the hub cannot be reached: nothing is lost, and a retry applies once. */
  failed: string;
  done?: (result: T) => void;
}

/** The flow of one set of answers, starting from `initial`; `field(name)` binds a question to its answer. */
export function useQuestionFlow<A extends object>(initial: A) {
  const [step, setStep] = useState<'ask' | 'check' | 'done'>('ask');
  const [answers, setAnswers] = useState(initial);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [busy, once] = useSingleFlight();
  // A changed answer is a new write: a new key, so it is not taken for a retry of the last one.
  const field = binder(errors, answers, (f) => (v) => {
    setKey(crypto.randomUUID());
    setAnswers((a) => ({ ...a, [f]: v }));
  });

  /** The page's own checks: nothing found goes on to check your answers. */
  const check = (problems: FieldError[]) => {
    setErrors(problems);
    if (!problems.length) setStep('check');
  };

  const send = <T>(write: () => Promise<{ data?: unknown; error?: unknown }>, o: SendOptions<T>) =>
    once(async () => {
      setProblem(null);
      try {
        const res = await write();
        const bad = badInput(errorsOf(res.error));
        if (bad) {
          setErrors([{ field: o.fieldOf(bad.argument), message: bad.message }]);
          return setStep('ask');
        }
        const out = o.result(res.data);
        if (!out) {
          const first = firstError(res.error);
          return setProblem(first?.extensions?.code === 'FORBIDDEN' ? o.refused : (first?.message ?? 'Something went wrong. Try again.'));
        }
        o.done?.(out);
        setStep('done');
      } catch {
        setProblem(o.failed);
      }
    });

  /** What the check-your-answers step needs of the flow: the hub's refusal, and the way back to the questions. */
  const checkStep = { problem, onBack: () => setStep('ask') };
  return { step, answers, field, errors, key, busy, check, send, checkStep };
}
