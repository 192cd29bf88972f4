import type { TargetedEvent } from "preact";
import { describedBy, LabelledField } from "./field-frame";

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  /** The empty first option ("choose…"): "" is "not answered". */
  placeholder: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  onValue: (value: string) => void;
  hint?: string;
  error?: string | null;
}

/** A labelled native select: the phone's own picker, which every screen reader knows. */
export function SelectField({ id, label, value, placeholder, options, onValue, hint, error }: SelectFieldProps) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        name={id}
        class="field-input field-select"
        value={value}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event: TargetedEvent<HTMLSelectElement>) => onValue(event.currentTarget.value)}
      >
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}
