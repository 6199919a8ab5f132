// GOV.UK checkboxes in a fieldset with legend, hint and inline error; the value is the ticked codes.
import { Choices, type ChoicesProps } from './Choices';

export function Checkboxes({ value, onChange, ...p }: ChoicesProps & { value: string[]; onChange: (v: string[]) => void }) {
  return (
    <Choices
      {...p}
      kind="checkboxes"
      small
      checked={(v) => value.includes(v)}
      onToggle={(v, on) => onChange(on ? [...value, v] : value.filter((x) => x !== v))}
    />
  );
}
