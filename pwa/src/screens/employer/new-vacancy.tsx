// A new vacancy in about a minute: one of the organisation's functions, or an occupation
// (a new function is made from it, with its skills), what the work is, how people are
// chosen, places, days, hours, the first day. One tap makes the function (when new) and
// the vacancy and publishes it; when publishing is refused, the draft is kept and the
// form says what is missing.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import {
  createFunction,
  createVacancy,
  listFunctions,
  publishVacancy,
  updateVacancy,
  type JobFunction,
  type Organisation,
} from "../../api/employer";
import { Button } from "../../components/button";
import { Combobox } from "../../components/combobox";
import { ErrorSummary } from "../../components/error-summary";
import { Screen } from "../../components/page";
import { SelectField } from "../../components/select-field";
import { getLang } from "../../i18n";
import { navigate } from "../../router";
import { searchOccupations } from "../../store/occupations";
import {
  checkVacancyForm,
  emptyVacancyForm,
  formFromFunction,
  localDate,
  serverProblems,
  vacancyInput,
  VACANCY_FIELDS,
  type Problem,
  type VacancyField,
  type VacancyForm,
} from "./form";
import { Failed, Loading, ownOrganisation, problemText, useLoaded } from "./home";
import { VACANCY_LABELS, VacancyTermsFields } from "./vacancy-fields";
import { problemWords, te } from "./words";

/** Said once on the vacancy's screen after this form published it. */
export const justPublished = new Set<number>();

async function loadStart(): Promise<{ organisation: Organisation; functions: JobFunction[] } | null> {
  const organisation = await ownOrganisation();
  if (!organisation) return null;
  return { organisation, functions: await listFunctions(organisation.id) };
}

/** A new vacancy; `functionId`: made from that function ("Nieuwe vacature van deze functie"). */
export function NewVacancyScreen({ functionId }: { functionId?: number }) {
  const [organisation, reload] = useLoaded(loadStart, []);
  const noOrganisation = organisation.status === "ready" && organisation.value === null;
  // No organisation yet: that comes first.
  useEffect(() => {
    if (noOrganisation) navigate("/employer", { replace: true });
  }, [noOrganisation]);
  return (
    <Screen title={te("new.title")}>
      {organisation.status === "loading" ? <Loading /> : null}
      {organisation.status === "failed" ? <Failed error={organisation.error} onRetry={reload} /> : null}
      {organisation.status === "ready" && organisation.value ? (
        <NewVacancyForm
          organisation={organisation.value.organisation}
          functions={organisation.value.functions}
          functionId={functionId}
        />
      ) : null}
    </Screen>
  );
}

function NewVacancyForm({
  organisation,
  functions,
  functionId,
}: {
  organisation: Organisation;
  functions: JobFunction[];
  functionId?: number | undefined;
}) {
  const [form, setForm] = useState<VacancyForm>(() => {
    const empty = emptyVacancyForm(organisation.postcode);
    const chosen = functions.find((fn) => fn.id === functionId);
    return chosen ? formFromFunction(empty, chosen, organisation.postcode) : empty;
  });
  const [occupationText, setOccupationText] = useState("");
  const [problems, setProblems] = useState<Partial<Record<VacancyField, Problem | string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Made on an earlier try: a second tap reuses them instead of making doubles.
  const made = useRef<{ occupationId: string; functionId: number | null; vacancyId: number | null }>({
    occupationId: "",
    functionId: null,
    vacancyId: null,
  });
  const lastLabel = useRef("");

  const set = <K extends keyof VacancyForm>(key: K, value: VacancyForm[K]) => setForm((old) => ({ ...old, [key]: value }));
  const focusFirst = (found: Partial<Record<VacancyField, unknown>>) => {
    const first = VACANCY_FIELDS.find((f) => found[f]);
    if (first) document.getElementById(`vacancy-${first}`)?.focus();
  };

  const chooseFunction = (value: string) => {
    const chosen = functions.find((fn) => String(fn.id) === value);
    setForm((old) => {
      const previous = functions.find((fn) => String(fn.id) === old.functionId);
      return chosen ? formFromFunction(old, chosen, organisation.postcode, previous) : { ...old, functionId: "" };
    });
  };

  const send = async () => {
    const input = vacancyInput(form);
    if (form.functionId) {
      // One of the organisation's functions: reused, never copied.
      const chosen = Number(form.functionId);
      if (made.current.functionId !== chosen) made.current = { occupationId: "", functionId: chosen, vacancyId: null };
    } else if (made.current.occupationId !== form.occupationId) {
      // Another occupation: another function, and a vacancy made from it.
      made.current = { occupationId: form.occupationId, functionId: null, vacancyId: null };
    }
    if (made.current.functionId === null) {
      const created = await createFunction(organisation.id, {
        occupation_id: form.occupationId,
        title: input.title,
        description: input.description,
      });
      made.current.functionId = created.id;
    }
    if (made.current.vacancyId === null) {
      made.current.vacancyId = (await createVacancy(made.current.functionId, input)).id;
    } else {
      await updateVacancy(made.current.vacancyId, input);
    }
    return publishVacancy(made.current.vacancyId);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found = checkVacancyForm(form, localDate());
    setProblems(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      const published = await send();
      justPublished.add(published.id);
      navigate(`/employer/vacancies/${published.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const { fields, other } = serverProblems(error.fieldErrors);
        setProblems(fields);
        const draftKept = made.current.vacancyId !== null ? te("new.incomplete") : null;
        setFailure([draftKept, ...other].filter(Boolean).join(" ") || (Object.keys(fields).length ? null : problemText(error)));
        focusFirst(fields);
      } else {
        setFailure(problemText(error));
      }
    } finally {
      setBusy(false);
    }
  };

  const field = (name: VacancyField) => problemWords(problems[name]);
  return (
    <>
      <p>{te("new.intro")}</p>
      <form class="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <ErrorSummary
          message={failure}
          fields={VACANCY_FIELDS.flatMap((name) => {
            const error = field(name);
            return error ? [{ id: `vacancy-${name}`, label: te(VACANCY_LABELS[name]), error }] : [];
          })}
        />
        {functions.length > 0 ? (
          <SelectField
            id="vacancy-function"
            label={te("new.function")}
            hint={te("new.functionHint")}
            placeholder={te("new.functionNew")}
            value={form.functionId}
            options={functions.map((fn) => ({ value: String(fn.id), label: fn.title }))}
            onValue={chooseFunction}
            error={field("function")}
          />
        ) : null}
        {form.functionId ? null : (
          <Combobox
            id="vacancy-occupation"
            label={te("new.occupation")}
            hint={te("new.occupationHint")}
            error={field("occupation")}
            text={occupationText}
            onText={(value) => {
              setOccupationText(value);
              if (form.occupationId) set("occupationId", "");
            }}
            search={(query) => searchOccupations(query, getLang(), 8)}
            failText={te("new.occupationSearchFailed")}
            onPick={(option) => {
              setOccupationText(option.label);
              setForm((old) => ({
                ...old,
                occupationId: option.id,
                // The occupation's name is a good first title; one the employer typed stays.
                title: !old.title.trim() || old.title === lastLabel.current ? option.label.slice(0, 120) : old.title,
              }));
              lastLabel.current = option.label.slice(0, 120);
            }}
          />
        )}
        <VacancyTermsFields form={form} set={set} field={field} />
        <Button type="submit" busy={busy} busyLabel={te("new.busy")}>
          {te("new.submit")}
        </Button>
      </form>
    </>
  );
}
