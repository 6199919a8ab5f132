// A form's fields bound to its answers: each control gets its id (the error summary's link target),
// its inline error, its value and its setter from one call, so no field is wired up by hand.
import { errorFor, type FieldError } from './ErrorSummary';

export function binder<T extends object>(errors: FieldError[], values: T, set: (field: keyof T & string) => (v: any) => void) {
  return <K extends keyof T & string>(field: K) => ({
    id: field,
    error: errorFor(errors, field),
    value: values[field],
    onChange: set(field),
  });
}
