// The organisation's functions ("Mijn functies"): each one described once and reused for
// every vacancy made from it; a future function shows the demand expected.
import { useEffect, useState } from "preact/hooks";
import { listFunctions, listOrganisationVacancies, type JobFunction, type Organisation } from "../../api/employer";
import { AppLink, ButtonLink } from "../../components/button";
import { Screen } from "../../components/page";
import { getLang } from "../../i18n";
import { navigate } from "../../router";
import { Failed, Loading, ownOrganisation, useLoaded } from "./home";
import { te } from "./words";

/** Said once on the list after a function was deleted (its title). */
export const justDeleted: { title: string | null } = { title: null };

const LOCALES = { nl: "nl-NL", en: "en-GB" } as const;

/** "1 januari 2027" in the screen's language. */
export function formatDate(iso: string | null): string {
  if (!iso) return "";
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Intl.DateTimeFormat(LOCALES[getLang()], { day: "numeric", month: "long", year: "numeric" }).format(new Date(time));
}

/** "Functie voor later: 20 mensen vanaf 1 januari 2027", or null for a function of today. */
export function futureWords(fn: Pick<JobFunction, "is_future" | "future_count" | "future_date">): string | null {
  if (!fn.is_future) return null;
  return te("fns.future", { count: fn.future_count ?? 0, date: formatDate(fn.future_date) });
}

/** "Geen vacatures" / "1 vacature" / "3 vacatures" made from a function. */
export function usedWords(count: number): string {
  if (count === 0) return te("fns.usedNone");
  return count === 1 ? te("fns.usedOne") : te("fns.used", { count });
}

export function EmployerFunctionsScreen() {
  const [organisation, reload] = useLoaded(ownOrganisation, []);
  const noOrganisation = organisation.status === "ready" && organisation.value === null;
  useEffect(() => {
    if (noOrganisation) navigate("/employer", { replace: true });
  }, [noOrganisation]);
  return (
    <Screen title={te("fns.title")}>
      <p>{te("fns.intro")}</p>
      {organisation.status === "loading" ? <Loading /> : null}
      {organisation.status === "failed" ? <Failed error={organisation.error} onRetry={reload} /> : null}
      {organisation.status === "ready" && organisation.value ? <FunctionList organisation={organisation.value} /> : null}
      <p>
        <AppLink href="/employer" class="link-tap">
          {te("common.back")}
        </AppLink>
      </p>
    </Screen>
  );
}

async function loadFunctions(organisationId: number) {
  const [functions, vacancies] = await Promise.all([listFunctions(organisationId), listOrganisationVacancies(organisationId)]);
  const used = new Map<number, number>();
  for (const vacancy of vacancies) used.set(vacancy.function_id, (used.get(vacancy.function_id) ?? 0) + 1);
  return { functions, used };
}

function FunctionList({ organisation }: { organisation: Organisation }) {
  const [loaded, reload] = useLoaded(() => loadFunctions(organisation.id), [organisation.id]);
  const [deleted] = useState(() => {
    const title = justDeleted.title;
    justDeleted.title = null;
    return title;
  });
  return (
    <>
      {deleted ? (
        <p class="done-note" role="status">
          {te("fn.deleted", { title: deleted })}
        </p>
      ) : null}
      {loaded.status === "loading" ? <Loading /> : null}
      {loaded.status === "failed" ? <Failed error={loaded.error} onRetry={reload} /> : null}
      {loaded.status === "ready" && loaded.value.functions.length === 0 ? (
        <>
          <p>{te("fns.empty")}</p>
          <div class="actions">
            <ButtonLink href="/employer/new">{te("home.new")}</ButtonLink>
          </div>
        </>
      ) : null}
      {loaded.status === "ready" && loaded.value.functions.length > 0 ? (
        <ul class="cards">
          {loaded.value.functions.map((fn) => {
            const future = futureWords(fn);
            return (
              <li key={fn.id} class="card">
                <h2 class="card-title">
                  <AppLink href={`/employer/functions/${fn.id}`} class="link-tap">
                    {fn.title}
                  </AppLink>
                </h2>
                <p class="card-meta">
                  {usedWords(loaded.value.used.get(fn.id) ?? 0)}
                  {" · "}
                  {fn.skills.length === 1 ? te("fns.skillsOne") : te("fns.skills", { count: fn.skills.length })}
                </p>
                {future ? <p class="card-meta">{future}</p> : null}
                <div class="card-actions">
                  <ButtonLink href={`/employer/functions/${fn.id}/new`} variant="secondary">
                    {te("fn.newVacancy")}
                    <span class="visually-hidden">: {fn.title}</span>
                  </ButtonLink>
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
    </>
  );
}
