import type { TargetedInputEvent } from "preact";
import { describedBy, LabelledField } from "./field-frame";

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
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        name={id}
        class="field-input field-textarea"
        rows={rows}
        value={value}
        maxLength={maxLength}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(event: TargetedInputEvent<HTMLTextAreaElement>) => onValue(event.currentTarget.value)}
      />
    </LabelledField>
  );
}
