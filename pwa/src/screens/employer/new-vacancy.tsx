// A new vacancy in about a minute: an occupation (the function is made from it, with its
// skills), what the work is, how people are chosen, places, days, hours, the first day.
// One tap makes the function and the vacancy and publishes it; when publishing is
// refused, the draft is kept and the form says what is missing.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import {
  createFunction,
  createVacancy,
  publishVacancy,
  updateVacancy,
  type Organisation,
} from "../../api/employer";
import type { HiringMode } from "../../api/vacancies";
import { AvailabilityGrid } from "../../components/availability-grid";
import { Button } from "../../components/button";
import { RadioGroup } from "../../components/choice";
import { Combobox } from "../../components/combobox";
import { ErrorSummary } from "../../components/error-summary";
import { Screen } from "../../components/page";
import { TextArea } from "../../components/text-area";
import { TextField } from "../../components/text-field";
import { getLang } from "../../i18n";
import { navigate } from "../../router";
import { searchOccupations } from "../../store/occupations";
import {
  checkVacancyForm,
  emptyVacancyForm,
  localDate,
  serverProblems,
  vacancyInput,
  VACANCY_FIELDS,
  type Problem,
  type VacancyField,
  type VacancyForm,
} from "./form";
import { Failed, Loading, ownOrganisation, problemText, useLoaded } from "./home";
import { problemWords, te, type EmployerKey } from "./words";

const LABELS: Record<VacancyField, EmployerKey> = {
  occupation: "new.occupation",
  title: "new.jobTitle",
  description: "new.description",
  places: "new.places",
  schedule: "new.schedule",
  hours: "new.hours",
  start_date: "new.start",
  postcode: "new.postcode",
  min_age: "new.minAge",
};

/** Said once on the vacancy's screen after this form published it. */
export const justPublished = new Set<number>();

export function NewVacancyScreen() {
  const [organisation, reload] = useLoaded(ownOrganisation, []);
  const noOrganisation = organisation.status === "ready" && organisation.value === null;
  // No organisation yet: that comes first.
  useEffect(() => {
    if (noOrganisation) navigate("/employer", { replace: true });
  }, [noOrganisation]);
  return (
    <Screen title={te("new.title")}>
      {organisation.status === "loading" ? <Loading /> : null}
      {organisation.status === "failed" ? <Failed error={organisation.error} onRetry={reload} /> : null}
      {organisation.status === "ready" && organisation.value ? <NewVacancyForm organisation={organisation.value} /> : null}
    </Screen>
  );
}

function NewVacancyForm({ organisation }: { organisation: Organisation }) {
  const [form, setForm] = useState<VacancyForm>(() => emptyVacancyForm(organisation.postcode));
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

  const send = async () => {
    const input = vacancyInput(form);
    if (made.current.occupationId !== form.occupationId) {
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
            return error ? [{ id: `vacancy-${name}`, label: te(LABELS[name]), error }] : [];
          })}
        />
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
        <TextField
          id="vacancy-title"
          label={te("new.jobTitle")}
          hint={te("new.jobTitleHint")}
          value={form.title}
          onValue={(value) => set("title", value)}
          error={field("title")}
          maxLength={120}
        />
        <TextArea
          id="vacancy-description"
          label={te("new.description")}
          hint={te("new.descriptionHint")}
          value={form.description}
          onValue={(value) => set("description", value)}
          error={field("description")}
          maxLength={5000}
          rows={3}
        />
        <RadioGroup<HiringMode>
          id="vacancy-mode"
          legend={te("new.mode")}
          value={form.mode}
          onChange={(value) => set("mode", value)}
          options={[
            { value: "open", label: te("new.modeOpen"), description: te("new.modeOpenHint") },
            { value: "regular", label: te("new.modeRegular"), description: te("new.modeRegularHint") },
          ]}
        />
        <TextField
          id="vacancy-places"
          label={te("new.places")}
          hint={te("new.placesHint")}
          value={form.places}
          onValue={(value) => set("places", value)}
          error={field("places")}
          inputMode="numeric"
          maxLength={4}
          size="short"
        />
        <AvailabilityGrid
          id="vacancy-schedule"
          legend={te("new.schedule")}
          hint={te("new.scheduleHint")}
          error={field("schedule")}
          schedule={form.schedule}
          onChange={(schedule) => set("schedule", schedule)}
        />
        <TextField
          id="vacancy-hours"
          label={te("new.hours")}
          hint={te("new.hoursHint")}
          value={form.hours}
          onValue={(value) => set("hours", value)}
          error={field("hours")}
          inputMode="numeric"
          maxLength={2}
          size="short"
        />
        <TextField
          id="vacancy-start_date"
          label={te("new.start")}
          type="date"
          value={form.startDate}
          onValue={(value) => set("startDate", value)}
          error={field("start_date")}
        />
        <TextField
          id="vacancy-postcode"
          label={te("new.postcode")}
          hint={te("new.postcodeHint")}
          value={form.postcode}
          onValue={(value) => set("postcode", value)}
          error={field("postcode")}
          autocomplete="postal-code"
          maxLength={7}
          size="short"
        />
        <TextField
          id="vacancy-min_age"
          label={te("new.minAge")}
          hint={te("new.minAgeHint")}
          value={form.minAge}
          onValue={(value) => set("minAge", value)}
          error={field("min_age")}
          inputMode="numeric"
          maxLength={2}
          size="short"
        />
        <Button type="submit" busy={busy} busyLabel={te("new.busy")}>
          {te("new.submit")}
        </Button>
      </form>
    </>
  );
}
