// The employer's start: create the organisation once, then the organisation's vacancies.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import {
  createOrganisation,
  listOrganisationVacancies,
  listOrganisations,
  type Organisation,
} from "../../api/employer";
import type { EmployerVacancy } from "../../api/vacancies";
import { AppLink, Button, ButtonLink } from "../../components/button";
import { ErrorSummary } from "../../components/error-summary";
import { LoadFailed, Loading } from "../../components/load-state";
import { Screen } from "../../components/page";
import { TextField } from "../../components/text-field";
import { t } from "../../i18n";
import { navigate } from "../../router";
import { checkOrganisation, type OrganisationField, type Problem } from "./form";
import { problemWords, te, type EmployerKey } from "./words";

type Loaded<T> = { status: "loading" } | { status: "failed"; error: unknown } | { status: "ready"; value: T };

/** Load once on mount (and on `reload`). */
export function useLoaded<T>(load: () => Promise<T>, deps: readonly unknown[]): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: "loading" });
  const request = useRef(0);
  const run = () => {
    const mine = ++request.current;
    load().then(
      (value) => mine === request.current && setState({ status: "ready", value }),
      (error: unknown) => mine === request.current && setState({ status: "failed", error }),
    );
  };
  useEffect(() => {
    run();
    return () => {
      request.current++;
    };
  }, deps);
  return [state, run];
}

/** The employer's (first) employer organisation, or null when there is none yet. */
export async function ownOrganisation(): Promise<Organisation | null> {
  const organisations = await listOrganisations();
  return organisations.find((o) => o.kind === "employer") ?? null;
}

export function problemText(error: unknown): string {
  if (!(error instanceof ApiError)) return t("error.unknown");
  if (error.isNetworkError) return t("error.network");
  if (error.status >= 500) return t("error.server");
  return error.message || t("error.unknown");
}

export { Loading } from "../../components/load-state";

export function Failed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return <LoadFailed message={problemText(error)} retryLabel={te("common.retry")} onRetry={onRetry} />;
}

export const STATUS_WORDS: Record<EmployerVacancy["status"], EmployerKey> = {
  draft: "status.draft",
  published: "status.published",
  filled: "status.filled",
  closed: "status.closed",
  expired: "status.expired",
};

export function EmployerHome() {
  const [organisation, reload] = useLoaded(ownOrganisation, []);
  if (organisation.status === "loading") {
    return (
      <Screen title={te("home.title")}>
        <Loading />
      </Screen>
    );
  }
  if (organisation.status === "failed") {
    return (
      <Screen title={te("home.title")}>
        <Failed error={organisation.error} onRetry={reload} />
      </Screen>
    );
  }
  if (organisation.value === null) return <OrganisationForm />;
  return <VacancyList organisation={organisation.value} />;
}

function VacancyList({ organisation }: { organisation: Organisation }) {
  const [vacancies, reload] = useLoaded(() => listOrganisationVacancies(organisation.id), [organisation.id]);
  return (
    <Screen title={te("home.title")}>
      <p>{te("home.intro")}</p>
      <div class="actions">
        <ButtonLink href="/employer/new">{te("home.new")}</ButtonLink>
        <ButtonLink href="/employer/functions" variant="secondary">
          {te("home.functions")}
        </ButtonLink>
      </div>
      <h2>{te("home.list", { organisation: organisation.name })}</h2>
      {vacancies.status === "loading" ? <Loading /> : null}
      {vacancies.status === "failed" ? <Failed error={vacancies.error} onRetry={reload} /> : null}
      {vacancies.status === "ready" && vacancies.value.length === 0 ? <p>{te("home.empty")}</p> : null}
      {vacancies.status === "ready" && vacancies.value.length > 0 ? (
        <ul class="cards">
          {vacancies.value.map((vacancy) => (
            <li key={vacancy.id} class="card">
              <h3 class="card-title">
                <AppLink href={`/employer/vacancies/${vacancy.id}`} class="link-tap">
                  {vacancy.title}
                </AppLink>
              </h3>
              <p class="card-meta">
                {te(STATUS_WORDS[vacancy.status])} · {te(vacancy.hiring_mode === "open" ? "mode.open" : "mode.regular")}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </Screen>
  );
}

const ORG_LABELS: Record<OrganisationField, EmployerKey> = { name: "org.name", postcode: "org.postcode" };

function OrganisationForm() {
  const [name, setName] = useState("");
  const [postcode, setPostcode] = useState("");
  const [problems, setProblems] = useState<Partial<Record<OrganisationField, Problem | string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = { name: useRef<HTMLInputElement>(null), postcode: useRef<HTMLInputElement>(null) };

  const focusFirst = (found: Partial<Record<OrganisationField, unknown>>) => {
    const first = (["name", "postcode"] as const).find((f) => found[f]);
    if (first) refs[first].current?.focus();
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found = checkOrganisation(name, postcode);
    setProblems(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      await createOrganisation(name, postcode);
      // Straight on to the first vacancy: that is why the employer came.
      navigate("/employer/new");
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const fromServer: Partial<Record<OrganisationField, string>> = {};
        for (const field of ["name", "postcode"] as const) {
          const messages = error.fieldErrors[field];
          if (messages) fromServer[field] = messages.join(" ");
        }
        setProblems(fromServer);
        focusFirst(fromServer);
        if (Object.keys(fromServer).length === 0) setFailure(problemText(error));
      } else {
        setFailure(problemText(error));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={te("org.title")}>
      <p>{te("org.intro")}</p>
      <form class="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <ErrorSummary
          message={failure}
          fields={(["name", "postcode"] as const).flatMap((id) => {
            const error = problemWords(problems[id]);
            return error ? [{ id: `org-${id}`, label: te(ORG_LABELS[id]), error }] : [];
          })}
        />
        <TextField
          id="org-name"
          label={te("org.name")}
          hint={te("org.nameHint")}
          value={name}
          onValue={setName}
          error={problemWords(problems.name)}
          maxLength={120}
          inputRef={refs.name}
        />
        <TextField
          id="org-postcode"
          label={te("org.postcode")}
          hint={te("org.postcodeHint")}
          value={postcode}
          onValue={setPostcode}
          error={problemWords(problems.postcode)}
          autocomplete="postal-code"
          maxLength={7}
          size="short"
          inputRef={refs.postcode}
        />
        <Button type="submit" busy={busy} busyLabel={te("org.busy")}>
          {te("org.submit")}
        </Button>
      </form>
    </Screen>
  );
}
