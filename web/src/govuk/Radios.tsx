// GOV.UK radios in a fieldset with legend, hint and inline error; the value is the chosen code.
import { Choices, type ChoicesProps } from './Choices';

export function Radios({ value, onChange, small, ...p }: ChoicesProps & { value: string; onChange: (v: string) => void; small?: boolean }) {
  return <Choices {...p} kind="radios" small={small} checked={(v) => value === v} onToggle={(v) => onChange(v)} />;
}
