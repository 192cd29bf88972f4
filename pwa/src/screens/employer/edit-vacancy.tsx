// Change a draft or published vacancy: the same terms as the new-vacancy form. How people
// are chosen is fixed once the vacancy is online; an ended vacancy cannot change.
import { useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { getOwnVacancy, updateVacancy } from "../../api/employer";
import type { Vacancy } from "../../api/vacancies";
import { AppLink, Button } from "../../components/button";
import { ErrorSummary } from "../../components/error-summary";
import { Screen } from "../../components/page";
import { navigate } from "../../router";
import {
  checkVacancyForm,
  earliestStart,
  formFromVacancy,
  localDate,
  serverProblems,
  vacancyInput,
  VACANCY_FIELDS,
  type Problem,
  type VacancyField,
  type VacancyForm,
} from "./form";
import { Failed, Loading, problemText, useLoaded } from "./home";
import { VACANCY_LABELS, VacancyTermsFields } from "./vacancy-fields";
import { problemWords, te } from "./words";

/** Said once on the vacancy's screen after this form saved it. */
export const justSaved = new Set<number>();

export function EditVacancyScreen({ id }: { id: number }) {
  const [vacancy, reload] = useLoaded(() => getOwnVacancy(id), [id]);
  if (vacancy.status !== "ready") {
    return (
      <Screen title={te("edit.title")}>
        {vacancy.status === "loading" ? <Loading /> : <Failed error={vacancy.error} onRetry={reload} />}
        <BackToVacancy id={id} />
      </Screen>
    );
  }
  return (
    <Screen title={te("edit.title")}>
      <p class="lead">{vacancy.value.title}</p>
      {vacancy.value.status === "draft" || vacancy.value.status === "published" ? (
        <EditForm key={id} vacancy={vacancy.value} />
      ) : (
        <p>{te("edit.ended")}</p>
      )}
      <BackToVacancy id={id} />
    </Screen>
  );
}

function BackToVacancy({ id }: { id: number }) {
  return (
    <p>
      <AppLink href={`/employer/vacancies/${id}`} class="link-tap">
        {te("edit.back")}
      </AppLink>
    </p>
  );
}

function EditForm({ vacancy }: { vacancy: Vacancy }) {
  const [form, setForm] = useState<VacancyForm>(() => formFromVacancy(vacancy));
  const [problems, setProblems] = useState<Partial<Record<VacancyField, Problem | string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const published = vacancy.status === "published";

  const set = <K extends keyof VacancyForm>(key: K, value: VacancyForm[K]) => setForm((old) => ({ ...old, [key]: value }));
  const focusFirst = (found: Partial<Record<VacancyField, unknown>>) => {
    const first = VACANCY_FIELDS.find((f) => found[f]);
    if (first) document.getElementById(`vacancy-${first}`)?.focus();
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found = checkVacancyForm(form, localDate(), earliestStart(localDate(), vacancy.start_date));
    setProblems(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      const input = vacancyInput(form);
      // Once online, how people are chosen is fixed: not sent at all.
      const { hiring_mode, ...rest } = input;
      await updateVacancy(vacancy.id, published ? rest : { hiring_mode, ...rest });
      justSaved.add(vacancy.id);
      navigate(`/employer/vacancies/${vacancy.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const { fields, other } = serverProblems(error.fieldErrors);
        setProblems(fields);
        setFailure(other.join(" ") || (Object.keys(fields).length ? null : problemText(error)));
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
      <p>{te(published ? "edit.introPublished" : "edit.introDraft")}</p>
      <form class="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <ErrorSummary
          message={failure}
          fields={VACANCY_FIELDS.flatMap((name) => {
            const error = field(name);
            return error ? [{ id: `vacancy-${name}`, label: te(VACANCY_LABELS[name]), error }] : [];
          })}
        />
        <VacancyTermsFields form={form} set={set} field={field} modeFixed={published} />
        <Button type="submit" busy={busy} busyLabel={te("org.busy")}>
          {te("edit.save")}
        </Button>
      </form>
    </>
  );
}
