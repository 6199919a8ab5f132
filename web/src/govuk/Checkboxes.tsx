// GOV.UK checkboxes in a fieldset with legend, hint and inline error; the value is the ticked codes.
import { Fieldset } from './Fieldset';

export function Checkboxes({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
  options,
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  value: string[];
  onChange: (v: string[]) => void;
  options: { value: string; text: string }[];
}) {
  const toggle = (v: string, on: boolean) => onChange(on ? [...value, v] : value.filter((x) => x !== v));
  return (
    <Fieldset id={id} legend={legend} hint={hint} error={error}>
      <div className="govuk-checkboxes govuk-checkboxes--small">
        {options.map((o, i) => (
          <div className="govuk-checkboxes__item" key={o.value}>
            <input
              className="govuk-checkboxes__input"
              id={i === 0 ? id : `${id}-${i}`}
              name={id}
              type="checkbox"
              value={o.value}
              checked={value.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor={i === 0 ? id : `${id}-${i}`}>
              {o.text}
            </label>
          </div>
        ))}
      </div>
    </Fieldset>
  );
}
