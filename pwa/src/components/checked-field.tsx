// Inputs whose text must have a shape (a number, a phone number, a postcode). Only a
// value that passes is saved: a half-typed or mistyped value must not make the server
// refuse the whole section. What is typed stays in the field, with a message, until it
// is fixed; the last good value stays saved meanwhile.
import type { Ref } from "preact";
import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n";
import { TextField, type TextFieldProps } from "./text-field";

export type Parsed<T> = { ok: true; value: T | null } | { ok: false; error: string };

type PassThrough = Pick<TextFieldProps, "type" | "inputMode" | "autocomplete" | "size" | "verbatim" | "maxLength">;

interface CheckedFieldProps<T> extends PassThrough {
  id: string;
  label: string;
  hint?: string;
  value: T | null;
  onValue: (value: T | null) => void;
  /** Text → value; "" must parse to null (not answered). */
  parse: (text: string) => Parsed<T>;
  show: (value: T) => string;
  /** An error from the server for this field. */
  error?: string | null;
  inputRef?: Ref<HTMLInputElement>;
  /** Extra lines under the input (the place of a postcode). */
  addon?: TextFieldProps["addon"];
  onText?: (text: string) => void;
}

export function CheckedField<T>({
  id,
  label,
  hint,
  value,
  onValue,
  parse,
  show,
  error,
  inputRef,
  addon,
  onText,
  ...input
}: CheckedFieldProps<T>) {
  const [raw, setRaw] = useState(value === null ? "" : show(value));
  const [left, setLeft] = useState(false);
  useEffect(() => {
    // Follow a change from elsewhere (a merge, a reload) unless the text already says it.
    const parsed = parse(raw);
    if (!parsed.ok || parsed.value !== value) setRaw(value === null ? "" : show(value));
  }, [value]);
  const parsed = parse(raw);
  const ownError = parsed.ok ? null : parsed.error;
  const props: TextFieldProps = {
    ...input,
    id,
    label,
    value: raw,
    inputRef,
    addon,
    error: (left ? ownError : null) ?? error ?? null,
    onBlur: () => setLeft(true),
    onValue: (text) => {
      setRaw(text);
      onText?.(text);
      const next = parse(text);
      if (next.ok) {
        setLeft(false);
        if (next.value !== value) onValue(next.value);
      }
    },
  };
  if (hint) props.hint = hint;
  return <TextField {...props} />;
}

/** Read a whole number typed by a person: "" is no answer, else digits within min..max. */
export function parseWhole(text: string, min: number, max: number): Parsed<number> {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, value: null };
  const n = /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!(n >= min && n <= max)) return { ok: false, error: t("error.numberRange", { min, max }) };
  return { ok: true, value: n };
}

interface NumberFieldProps {
  id: string;
  label: string;
  value: number | null;
  onValue: (value: number | null) => void;
  min: number;
  max: number;
  hint?: string;
  error?: string | null;
  autocomplete?: "bday-year" | "off";
  inputRef?: Ref<HTMLInputElement>;
}

/** A whole number in a text input with a number keyboard (a spin button is fiddly on a phone). */
export function NumberField({ min, max, hint, autocomplete, ...rest }: NumberFieldProps) {
  return (
    <CheckedField<number>
      {...rest}
      hint={hint ?? t("form.numberHint", { min, max })}
      inputMode="numeric"
      size="short"
      autocomplete={autocomplete ?? "off"}
      parse={(text) => parseWhole(text, min, max)}
      show={String}
    />
  );
}
