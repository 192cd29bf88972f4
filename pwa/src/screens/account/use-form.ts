// Form state shared by the account screens: values, problems, busy, and focus on the
// first field that needs fixing.
import type { RefObject } from "preact";
import { useRef, useState } from "preact/hooks";
import type { MessageKey } from "../../i18n";
import { explainError, noProblems, type FormProblems } from "./errors";

export type Checks<F extends string> = Partial<
  Record<F, (value: string, values: Record<F, string>) => MessageKey | null>
>;

export function useForm<F extends string>(fields: readonly F[], checks: Checks<F>) {
  const [values, setValues] = useState(
    () => Object.fromEntries(fields.map((f) => [f, ""])) as Record<F, string>,
  );
  const [problems, setProblems] = useState<FormProblems<F>>(noProblems);
  const [busy, setBusy] = useState(false);
  const refsHolder = useRef<Record<F, RefObject<HTMLInputElement>> | null>(null);
  refsHolder.current ??= Object.fromEntries(
    fields.map((f) => [f, { current: null }]),
  ) as unknown as Record<F, RefObject<HTMLInputElement>>;
  const refs = refsHolder.current;

  const focusFirstProblem = (found: FormProblems<F>) => {
    const first = fields.find((f) => found.fields[f]);
    if (first) refs[first].current?.focus();
  };

  return {
      values,
      problems,
      busy,
      refs,
      setValue: (field: F, value: string) => setValues((old) => ({ ...old, [field]: value })),
      /** Run the checks; show and focus what is wrong, and return false if anything is. */
      validate(): boolean {
        const found = noProblems<F>();
        for (const field of fields) {
          const key = checks[field]?.(values[field], values);
          if (key) found.fields[field] = { key };
        }
        setProblems(found);
        focusFirstProblem(found);
        return Object.keys(found.fields).length === 0;
      },
      /** Send with `action`; on failure show the explained error. */
      async submit(action: () => Promise<void>): Promise<void> {
        if (busy) return;
        setBusy(true);
        try {
          await action();
        } catch (error) {
          const found = explainError(error, fields);
          setProblems(found);
          focusFirstProblem(found);
        } finally {
          setBusy(false);
        }
      },
  };
}
