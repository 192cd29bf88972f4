// Radio groups, checkbox groups and single checkboxes as big tappable cards: native
// inputs (so keyboards and screen readers know them), inside a fieldset with a legend.
import type { ComponentChildren } from "preact";
import { FieldGroup } from "./field-frame";

export interface ChoiceOption<V extends string> {
  value: V;
  label: string;
  /** One short sentence under the label: what this choice means. */
  description?: string;
  /** The language of the label when it is not the page's ("English" on a Dutch page). */
  lang?: string;
}

interface GroupProps<V extends string> {
  /** The first input gets this id, so an error summary link lands on the group. */
  id: string;
  legend: string;
  hint?: string | undefined;
  error?: string | null | undefined;
  options: ReadonlyArray<ChoiceOption<V>>;
  /** Lay short options (yes/no) side by side. */
  inline?: boolean;
}

function GroupFrame({
  id,
  legend,
  hint,
  error,
  inline,
  children,
}: Omit<GroupProps<string>, "options"> & { children: ComponentChildren }) {
  return (
    <FieldGroup id={id} legend={legend} hint={hint} error={error} extraClass="choice-group">
      <div class={inline ? "choices choices-inline" : "choices"}>{children}</div>
    </FieldGroup>
  );
}

/** The drawn circle or box: the native input lies over the whole card, invisible, so the
 * card is its tap target (at least 44 px) and it keeps every native behaviour. */
function Mark({ kind }: { kind: "radio" | "checkbox" }) {
  return <span class={`choice-mark choice-mark-${kind}`} aria-hidden="true" />;
}

function OptionText({ label, description, lang }: { label: string; description?: string | undefined; lang?: string | undefined }) {
  return (
    <span class="choice-text">
      <span class="choice-label" lang={lang}>
        {label}
      </span>
      {description ? <span class="choice-description">{description}</span> : null}
    </span>
  );
}

interface RadioGroupProps<V extends string> extends GroupProps<V> {
  /** null: nothing chosen yet (nothing is pre-selected for the person). */
  value: V | null;
  onChange: (value: V) => void;
}

export function RadioGroup<V extends string>(props: RadioGroupProps<V>) {
  const { id, options, value, onChange, error } = props;
  return (
    <GroupFrame {...props}>
      {options.map((option, index) => (
        <label key={option.value} class="choice">
          <input
            type="radio"
            id={index === 0 ? id : `${id}-${option.value}`}
            name={id}
            value={option.value}
            checked={value === option.value}
            aria-invalid={error ? "true" : undefined}
            onChange={() => onChange(option.value)}
          />
          <Mark kind="radio" />
          <OptionText label={option.label} description={option.description} lang={option.lang} />
        </label>
      ))}
    </GroupFrame>
  );
}

interface CheckboxGroupProps<V extends string> extends GroupProps<V> {
  values: readonly V[];
  onChange: (values: V[]) => void;
}

/** Several choices; the result keeps the order of the options. */
export function CheckboxGroup<V extends string>(props: CheckboxGroupProps<V>) {
  const { id, options, values, onChange, error } = props;
  const toggle = (value: V, on: boolean) => {
    const chosen = new Set(values);
    if (on) chosen.add(value);
    else chosen.delete(value);
    onChange(options.map((o) => o.value).filter((v) => chosen.has(v)));
  };
  return (
    <GroupFrame {...props}>
      {options.map((option, index) => (
        <label key={option.value} class="choice">
          <input
            type="checkbox"
            id={index === 0 ? id : `${id}-${option.value}`}
            name={id}
            value={option.value}
            checked={values.includes(option.value)}
            aria-invalid={error ? "true" : undefined}
            onChange={(event) => toggle(option.value, event.currentTarget.checked)}
          />
          <Mark kind="checkbox" />
          <OptionText label={option.label} description={option.description} lang={option.lang} />
        </label>
      ))}
    </GroupFrame>
  );
}

interface CheckboxProps {
  id: string;
  label: string;
  description?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function Checkbox({ id, label, description, checked, onChange }: CheckboxProps) {
  return (
    <label class="choice choice-single">
      <input
        type="checkbox"
        id={id}
        checked={checked}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      <Mark kind="checkbox" />
      <OptionText label={label} description={description} />
    </label>
  );
}
