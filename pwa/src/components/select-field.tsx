import type { TargetedEvent } from "preact";

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
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ");
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={id} class="field-label">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} class="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      ) : null}
      <select
        id={id}
        name={id}
        class="field-input field-select"
        value={value}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event: TargetedEvent<HTMLSelectElement>) => onValue(event.currentTarget.value)}
      >
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
