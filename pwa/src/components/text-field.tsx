import type { ComponentChildren, Ref, TargetedInputEvent } from "preact";
import { describedBy, LabelledField } from "./field-frame";

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string;
  error?: string | null;
  type?: "text" | "email" | "password" | "tel" | "date";
  autocomplete?:
    | "username"
    | "email"
    | "current-password"
    | "new-password"
    | "off"
    | "nickname"
    | "tel"
    | "postal-code"
    | "bday-year";
  inputMode?: "text" | "email" | "numeric" | "tel";
  maxLength?: number;
  /** Narrow inputs for short values (a year, a postcode), so they do not look like a sentence. */
  size?: "short" | "full";
  onBlur?: () => void;
  required?: boolean;
  /** For names, e-mail addresses and passwords: no capitals, no spelling fixes. */
  verbatim?: boolean;
  inputRef?: Ref<HTMLInputElement> | undefined;
  /** Extra controls beside the input (the show-password button). */
  addon?: ComponentChildren;
}

/** A labelled input with its hint and error tied to it through aria-describedby. */
export function TextField({
  id,
  label,
  value,
  onValue,
  hint,
  error,
  type = "text",
  autocomplete,
  inputMode,
  required = false,
  verbatim = false,
  inputRef,
  addon,
  maxLength,
  size = "full",
  onBlur,
}: TextFieldProps) {
  const attrs = {
    id,
    name: id,
    ref: inputRef ?? null,
    class: size === "short" ? "field-input field-input-short" : "field-input",
    value,
    onInput: (event: TargetedInputEvent<HTMLInputElement>) => onValue(event.currentTarget.value),
    onBlur,
    maxLength,
    autocomplete,
    required,
    "aria-invalid": error ? ("true" as const) : undefined,
    "aria-describedby": describedBy(id, hint, error),
    autoCapitalize: verbatim ? ("none" as const) : undefined,
    autoCorrect: verbatim ? ("off" as const) : undefined,
    spellcheck: verbatim ? false : undefined,
  };
  // Preact types <input> by a literal type (a password input takes no inputMode).
  let input;
  if (type === "password") input = <input type="password" {...attrs} />;
  else if (type === "email") input = <input type="email" inputMode={inputMode} {...attrs} />;
  else if (type === "tel") input = <input type="tel" inputMode={inputMode} {...attrs} />;
  else if (type === "date") input = <input type="date" {...attrs} />;
  else input = <input type="text" inputMode={inputMode} {...attrs} />;
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <div class="field-control">
        {input}
        {addon}
      </div>
    </LabelledField>
  );
}
