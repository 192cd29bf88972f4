// Werk bij mij in de buurt: vacancies near a postcode, nearest first, as a list (no map).
// The postcode comes from the selfie's location step, or the person types one.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { searchVacancies, type SearchPage, type VacancySummary } from "../../api/vacancies";
import { AppLink, Button } from "../../components/button";
import { RadioGroup } from "../../components/choice";
import { ErrorSummary } from "../../components/error-summary";
import { Screen } from "../../components/page";
import { SelectField } from "../../components/select-field";
import { TextField } from "../../components/text-field";
import { loadSection } from "../../sync/selfie-sync";
import { text, whole } from "../selfie/model";
import { dayNames, failureText, formatKm, postcodeProblem } from "./format";
import { loadOrLastKnown } from "./last-known";
import { StaleNote } from "./parts";
import { tw, type WorkKey } from "./words";

export const DISTANCES = [5, 10, 25, 50] as const;
type Filter = "open" | "all";

interface Query {
  postcode: string;
  km: number;
  filter: Filter;
}

interface Results {
  query: Query;
  items: VacancySummary[];
  total: number;
  nextPage: number | null;
  /** Set when the list is the copy on the phone. */
  staleAt: number | null;
}

/** The distance option closest to the person's own maximum (the selfie's location step). */
export function nearestDistance(km: number | null): number {
  if (km === null) return 10;
  return DISTANCES.reduce((best, d) => (Math.abs(d - km) < Math.abs(best - km) ? d : best), DISTANCES[0]);
}

/** Where a vacancy of the list opens: the open-hiring screen or the vacancy screen. */
export function vacancyPath(vacancy: Pick<VacancySummary, "id" | "hiring_mode">): string {
  return vacancy.hiring_mode === "open" ? `/open-hiring/${vacancy.id}` : `/vacancies/${vacancy.id}`;
}

const searchKey = (q: Query, page: number) => `search:${q.postcode.replace(/\s+/g, "").toUpperCase()}:${q.km}:${q.filter}:${page}`;

function fetchPage(query: Query, page: number) {
  return loadOrLastKnown<SearchPage>(searchKey(query, page), () =>
    searchVacancies({
      postcode: query.postcode,
      distanceKm: query.km,
      openHiring: query.filter === "open" ? true : null,
      page,
    }),
  );
}

export function NearbyScreen() {
  const [postcode, setPostcode] = useState("");
  const [km, setKm] = useState(String(nearestDistance(null)));
  const [filter, setFilter] = useState<Filter>("open");
  const [fieldError, setFieldError] = useState<WorkKey | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<Results | null>(null);
  const postcodeRef = useRef<HTMLInputElement>(null);
  const typed = useRef(false);

  const search = async (query: Query, page = 1) => {
    setBusy(true);
    setFailure(null);
    try {
      const found = await fetchPage(query, page);
      setResults((old) => ({
        query,
        items: page > 1 && old ? [...old.items, ...found.value.items] : found.value.items,
        total: found.value.total,
        nextPage: found.value.nextPage,
        staleAt: found.stale ? found.at : null,
      }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && "postcode" in error.fieldErrors) {
        setFieldError("nearby.postcodeUnknown");
        postcodeRef.current?.focus();
      } else {
        setFailure(failureText(error));
      }
    } finally {
      setBusy(false);
    }
  };

  // The selfie's postcode and distance, then search at once: one tap less.
  useEffect(() => {
    let active = true;
    loadSection("location").then(
      (location) => {
        const own = text(location.data.postcode);
        if (!active || typed.current || !own || postcodeProblem(own)) return;
        const distance = nearestDistance(whole(location.data.max_distance_km));
        setPostcode(own);
        setKm(String(distance));
        void search({ postcode: own, km: distance, filter: "open" });
      },
      () => undefined, // no selfie on this phone: the person types a postcode
    );
    return () => {
      active = false;
    };
  }, []);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const problem = postcodeProblem(postcode);
    setFieldError(problem);
    if (problem) {
      postcodeRef.current?.focus();
      return;
    }
    void search({ postcode: postcode.trim(), km: Number(km), filter });
  };

  const error = fieldError ? tw(fieldError) : null;
  return (
    <Screen title={tw("nearby.title")}>
      <p>{tw("nearby.intro")}</p>
      <form class="form" noValidate onSubmit={onSubmit}>
        <ErrorSummary
          message={failure}
          fields={error ? [{ id: "postcode", label: tw("nearby.postcode"), error }] : []}
        />
        <TextField
          id="postcode"
          label={tw("nearby.postcode")}
          hint={tw("nearby.postcodeHint")}
          value={postcode}
          onValue={(value) => {
            typed.current = true;
            setPostcode(value);
          }}
          error={error}
          autocomplete="postal-code"
          maxLength={7}
          size="short"
          inputRef={postcodeRef}
        />
        <SelectField
          id="distance"
          label={tw("nearby.distance")}
          value={km}
          placeholder={tw("nearby.distance")}
          options={DISTANCES.map((d) => ({ value: String(d), label: tw("nearby.km", { km: d }) }))}
          onValue={(value) => setKm(value || String(nearestDistance(null)))}
        />
        <RadioGroup<Filter>
          id="filter"
          legend={tw("nearby.filter")}
          value={filter}
          onChange={setFilter}
          options={[
            { value: "open", label: tw("nearby.filterOpen"), description: tw("nearby.filterOpenHint") },
            { value: "all", label: tw("nearby.filterAll"), description: tw("nearby.filterAllHint") },
          ]}
        />
        <Button type="submit" busy={busy} busyLabel={tw("common.busy")}>
          {tw("nearby.search")}
        </Button>
      </form>
      {results ? <ResultList results={results} busy={busy} onMore={(page) => void search(results.query, page)} /> : null}
    </Screen>
  );
}

function ResultList({ results, busy, onMore }: { results: Results; busy: boolean; onMore: (page: number) => void }) {
  const { query, items, total, nextPage, staleAt } = results;
  let summary: string;
  if (total === 0) summary = tw("nearby.none", { km: query.km });
  else if (total === 1) summary = tw("nearby.countOne", { km: query.km });
  else summary = tw("nearby.count", { count: total, km: query.km });
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">{tw("nearby.results")}</h2>
      {staleAt !== null ? <StaleNote at={staleAt} /> : null}
      <p role="status">{summary}</p>
      {items.length > 0 ? (
        <ul class="cards">
          {items.map((vacancy) => (
            <VacancyCard key={vacancy.id} vacancy={vacancy} />
          ))}
        </ul>
      ) : null}
      {nextPage !== null ? (
        <div class="actions">
          <Button variant="secondary" busy={busy} busyLabel={tw("common.busy")} onClick={() => onMore(nextPage)}>
            {tw("nearby.more")}
          </Button>
        </div>
      ) : null}
    </section>
  );
}

function VacancyCard({ vacancy }: { vacancy: VacancySummary }) {
  const where = [vacancy.organisation_name, vacancy.place].filter(Boolean).join(", ");
  return (
    <li class="card">
      <h3 class="card-title">
        <AppLink href={vacancyPath(vacancy)} class="link-tap">
          {vacancy.title}
        </AppLink>
      </h3>
      <p class="badge">{vacancy.hiring_mode === "open" ? tw("card.open") : tw("card.regular")}</p>
      <p class="card-meta">{where}</p>
      {vacancy.distance_km !== null ? (
        <p class="card-meta">{tw("card.distance", { km: formatKm(vacancy.distance_km) })}</p>
      ) : null}
      <p class="card-meta">
        {[
          vacancy.hours_per_week !== null ? tw("card.hours", { hours: vacancy.hours_per_week }) : null,
          dayNames(vacancy.schedule),
          vacancy.places === 1 ? tw("card.placesOne") : tw("card.places", { count: vacancy.places }),
        ]
          .filter(Boolean)
          .join(" · ")}
      </p>
    </li>
  );
}
