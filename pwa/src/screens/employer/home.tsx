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
import { AppLink, ButtonLink } from "../../components/button";
import { LoadFailed, Loading } from "../../components/load-state";
import { OrganisationForm } from "../../components/organisation-form";
import { Screen } from "../../components/page";
import { t } from "../../i18n";
import { navigate } from "../../router";
import { checkOrganisation } from "./form";
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
  if (organisation.value === null) return <OrganisationScreen />;
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

function OrganisationScreen() {
  const words = {
    title: te("org.title"),
    intro: te("org.intro"),
    name: te("org.name"),
    nameHint: te("org.nameHint"),
    postcode: te("org.postcode"),
    postcodeHint: te("org.postcodeHint"),
    busy: te("org.busy"),
    submit: te("org.submit"),
  };
  return (
    <OrganisationForm
      words={words}
      check={checkOrganisation}
      describe={problemWords}
      failureText={problemText}
      create={createOrganisation}
      // Straight on to the first vacancy: that is why the employer came.
      onCreated={() => navigate("/employer/new")}
    />
  );
}
