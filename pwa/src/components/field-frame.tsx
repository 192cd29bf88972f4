// The frame every form field shares: a label (or a legend), a hint and an error message,
// tied to the control through aria-describedby so screen readers read them with it.
import type { ComponentChildren } from "preact";

/** The ids a control lists in aria-describedby: its error first, then its hint. */
export function describedBy(
  id: string,
  hint?: string | null,
  error?: string | null,
  ...more: ReadonlyArray<string | null | undefined>
): string | undefined {
  return [error ? `${id}-error` : null, hint ? `${id}-hint` : null, ...more].filter(Boolean).join(" ") || undefined;
}

function fieldClass(extra: string | undefined, error: string | null | undefined): string {
  return ["field", extra, error ? "field-invalid" : null].filter(Boolean).join(" ");
}

interface FrameProps {
  id: string;
  hint?: string | null | undefined;
  error?: string | null | undefined;
  /** Classes beside "field" (and "field-invalid"). */
  extraClass?: string;
  children: ComponentChildren;
}

function Notes({ id, hint, error }: Pick<FrameProps, "id" | "hint" | "error">) {
  return (
    <>
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
    </>
  );
}

/** One control with a <label for={id}>; the control itself lists describedBy(...). */
export function LabelledField({ id, label, hint, error, extraClass, children }: FrameProps & { label: string }) {
  return (
    <div class={fieldClass(extraClass, error)}>
      <label for={id} class="field-label">
        {label}
      </label>
      <Notes id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

/** A group of controls under a <legend>, described by the hint and the error. */
export function FieldGroup({ id, legend, hint, error, extraClass, children }: FrameProps & { legend: string }) {
  return (
    <fieldset class={fieldClass(extraClass, error)} aria-describedby={describedBy(id, hint, error)}>
      <legend class="field-label">{legend}</legend>
      <Notes id={id} hint={hint} error={error} />
      {children}
    </fieldset>
  );
}
