// GOV.UK radios in a fieldset with legend, hint and inline error.
import { Fieldset } from './Fieldset';

export function Radios({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
  options,
  small,
}: {
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
    <Fieldset id={id} legend={legend} hint={hint} error={error}>
      <div className={`govuk-radios${small ? ' govuk-radios--small' : ''}`}>
        {options.map((o, i) => (
          <div className="govuk-radios__item" key={o.value}>
            <input
              className="govuk-radios__input"
              id={i === 0 ? id : `${id}-${i}`}
              name={id}
              type="radio"
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              aria-describedby={o.hint ? `${id}-${i}-hint` : undefined}
            />
            <label className="govuk-label govuk-radios__label" htmlFor={i === 0 ? id : `${id}-${i}`}>
              {o.text}
            </label>
            {o.hint && (
              <div id={`${id}-${i}-hint`} className="govuk-hint govuk-radios__hint">
                {o.hint}
              </div>
            )}
          </div>
        ))}
      </div>
    </Fieldset>
  );
}
