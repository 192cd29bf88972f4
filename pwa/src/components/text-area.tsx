import type { TargetedInputEvent } from "preact";

interface TextAreaProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string;
  error?: string | null;
  maxLength?: number;
  rows?: number;
}

/** A labelled multi-line input with its hint and error tied to it. */
export function TextArea({ id, label, value, onValue, hint, error, maxLength, rows = 4 }: TextAreaProps) {
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
      <textarea
        id={id}
        name={id}
        class="field-input field-textarea"
        rows={rows}
        value={value}
        maxLength={maxLength}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy || undefined}
        onInput={(event: TargetedInputEvent<HTMLTextAreaElement>) => onValue(event.currentTarget.value)}
      />
    </div>
  );
}
