// Text input, textarea and select, each with its label, hint and inline error (GOV.UK markup).
import type { ReactNode } from 'react';

interface Common {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  value: string;
  onChange: (v: string) => void;
  pageHeading?: boolean;
}

function Label({ id, label }: { id: string; label: ReactNode }) {
  return (
    <label className="govuk-label govuk-label--s" htmlFor={id}>
      {label}
    </label>
  );
}

/** A field's hint and inline error, with the ids its control's aria-describedby names. */
export function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint && (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
    </>
  );
}

export const describedBy = (id: string, hint?: ReactNode, error?: string) =>
  [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

export function TextInput(p: Common & { width?: string; type?: string; autoComplete?: string; inputMode?: 'numeric' | 'text' }) {
  return (
    <div className={`govuk-form-group${p.error ? ' govuk-form-group--error' : ''}`}>
      <Label id={p.id} label={p.label} />
      <HintAndError id={p.id} hint={p.hint} error={p.error} />
      <input
        className={`govuk-input${p.width ? ` govuk-input--width-${p.width}` : ''}${p.error ? ' govuk-input--error' : ''}`}
        id={p.id}
        name={p.id}
        type={p.type ?? 'text'}
        inputMode={p.inputMode}
        autoComplete={p.autoComplete ?? 'off'}
        spellCheck={false}
        value={p.value}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        onChange={(e) => p.onChange(e.target.value)}
      />
    </div>
  );
}

export function Textarea(p: Common & { rows?: number }) {
  return (
    <div className={`govuk-form-group${p.error ? ' govuk-form-group--error' : ''}`}>
      <Label id={p.id} label={p.label} />
      <HintAndError id={p.id} hint={p.hint} error={p.error} />
      <textarea
        className={`govuk-textarea${p.error ? ' govuk-textarea--error' : ''}`}
        id={p.id}
        name={p.id}
        rows={p.rows ?? 5}
        value={p.value}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        onChange={(e) => p.onChange(e.target.value)}
      />
    </div>
  );
}

export function Select(p: Common & { options: { value: string; text: string }[] }) {
  return (
    <div className={`govuk-form-group${p.error ? ' govuk-form-group--error' : ''}`}>
      <Label id={p.id} label={p.label} />
      <HintAndError id={p.id} hint={p.hint} error={p.error} />
      <select
        className={`govuk-select${p.error ? ' govuk-select--error' : ''}`}
        id={p.id}
        name={p.id}
        value={p.value}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        onChange={(e) => p.onChange(e.target.value)}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}
