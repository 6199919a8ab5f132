// GOV.UK radios in a fieldset with legend, hint and inline error.
export function Radios({ id, legend, hint, error, value, onChange, options, small }: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (v: string) => void;
  options: { value: string; text: string; hint?: string }[];
  small?: boolean;
}) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={[hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint && <div id={`${id}-hint`} className="govuk-hint">{hint}</div>}
        {error && <p id={`${id}-error`} className="govuk-error-message"><span className="govuk-visually-hidden">Error:</span> {error}</p>}
        <div className={`govuk-radios${small ? ' govuk-radios--small' : ''}`}>
          {options.map((o, i) => (
            <div className="govuk-radios__item" key={o.value}>
              <input className="govuk-radios__input" id={i === 0 ? id : `${id}-${i}`} name={id} type="radio" value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} aria-describedby={o.hint ? `${id}-${i}-hint` : undefined} />
              <label className="govuk-label govuk-radios__label" htmlFor={i === 0 ? id : `${id}-${i}`}>{o.text}</label>
              {o.hint && <div id={`${id}-${i}-hint`} className="govuk-hint govuk-radios__hint">{o.hint}</div>}
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
