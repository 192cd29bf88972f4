// The organisation's first form (its name and postcode), made once by an employer and by a
// learning provider before anything else. The words and the checks are the caller's (each
// chunk has its own catalogue); the form, the focus, and the server's 422 per field are here.
import { useRef, useState } from "preact/hooks";
import { ApiError } from "../api/client";
import { serverProblemsFor } from "./field-checks";
import { Button } from "./button";
import { ErrorSummary } from "./error-summary";
import { Screen } from "./page";
import { TextField } from "./text-field";

export type OrganisationField = "name" | "postcode";
const FIELDS = ["name", "postcode"] as const;

export interface OrganisationWords {
  title: string;
  intro: string;
  name: string;
  nameHint: string;
  postcode: string;
  postcodeHint: string;
  busy: string;
  submit: string;
}

interface OrganisationFormProps<P> {
  words: OrganisationWords;
  /** The checks made on the phone: a problem per field, in the caller's terms. */
  check: (name: string, postcode: string) => Partial<Record<OrganisationField, P>>;
  /** A problem's words (the server's own text passes as it is); null when there is none. */
  describe: (problem: P | string | undefined) => string | null;
  /** Words for a failure that is not about a field (offline, a server error). */
  failureText: (error: unknown) => string;
  create: (name: string, postcode: string) => Promise<unknown>;
  onCreated: () => void;
}

export function OrganisationForm<P>({ words, check, describe, failureText, create, onCreated }: OrganisationFormProps<P>) {
  const [name, setName] = useState("");
  const [postcode, setPostcode] = useState("");
  const [problems, setProblems] = useState<Partial<Record<OrganisationField, P | string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = { name: useRef<HTMLInputElement>(null), postcode: useRef<HTMLInputElement>(null) };

  const focusFirst = (found: Partial<Record<OrganisationField, unknown>>) => {
    const first = FIELDS.find((f) => found[f]);
    if (first) refs[first].current?.focus();
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found = check(name, postcode);
    setProblems(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      await create(name, postcode);
      onCreated();
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const known = new Set<string>(FIELDS);
        const { fields: fromServer } = serverProblemsFor(error.fieldErrors, (name) =>
          known.has(name) ? (name as OrganisationField) : undefined,
        );
        setProblems(fromServer);
        focusFirst(fromServer);
        if (Object.keys(fromServer).length === 0) setFailure(failureText(error));
      } else {
        setFailure(failureText(error));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={words.title}>
      <p>{words.intro}</p>
      <form class="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <ErrorSummary
          message={failure}
          fields={FIELDS.flatMap((id) => {
            const error = describe(problems[id]);
            return error ? [{ id: `org-${id}`, label: words[id], error }] : [];
          })}
        />
        <TextField
          id="org-name"
          label={words.name}
          hint={words.nameHint}
          value={name}
          onValue={setName}
          error={describe(problems.name)}
          maxLength={120}
          inputRef={refs.name}
        />
        <TextField
          id="org-postcode"
          label={words.postcode}
          hint={words.postcodeHint}
          value={postcode}
          onValue={setPostcode}
          error={describe(problems.postcode)}
          autocomplete="postal-code"
          maxLength={7}
          size="short"
          inputRef={refs.postcode}
        />
        <Button type="submit" busy={busy} busyLabel={words.busy}>
          {words.submit}
        </Button>
      </form>
    </Screen>
  );
}
