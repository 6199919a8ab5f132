// GOV.UK radios and checkboxes share their markup: a fieldset, then one input, label and optional
// hint per option. The first option's input takes the field's id, so an error summary link lands on it.
import { Fieldset } from './Fieldset';

export interface Choice {
  value: string;
  text: string;
  hint?: string;
}

export interface ChoicesProps {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  options: Choice[];
}

export function Choices({
  kind,
  small,
  checked,
  onToggle,
  ...p
}: ChoicesProps & {
  kind: 'radios' | 'checkboxes';
  small?: boolean;
  checked: (v: string) => boolean;
  onToggle: (v: string, on: boolean) => void;
}) {
  return (
    <Fieldset id={p.id} legend={p.legend} hint={p.hint} error={p.error}>
      <div className={`govuk-${kind}${small ? ` govuk-${kind}--small` : ''}`}>
        {p.options.map((o, i) => {
          const id = i === 0 ? p.id : `${p.id}-${i}`;
          return (
            <div className={`govuk-${kind}__item`} key={o.value}>
              <input
                className={`govuk-${kind}__input`}
                id={id}
                name={p.id}
                type={kind === 'radios' ? 'radio' : 'checkbox'}
                value={o.value}
                checked={checked(o.value)}
                onChange={(e) => onToggle(o.value, e.target.checked)}
                aria-describedby={o.hint ? `${p.id}-${i}-hint` : undefined}
              />
              <label className={`govuk-label govuk-${kind}__label`} htmlFor={id}>
                {o.text}
              </label>
              {o.hint && (
                <div id={`${p.id}-${i}-hint`} className={`govuk-hint govuk-${kind}__hint`}>
                  {o.hint}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}
