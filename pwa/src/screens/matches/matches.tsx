// Werk dat bij je past: my best vacancies, each with why it fits (per part of the score,
// in the person's language), what is still missing, and the way to learn it. The filter
// (distance, kind of work) lives in the URL's query string.
import { useEffect, useState } from "preact/hooks";
import { getMatches, WORK_KINDS, type Match, type MatchList, type MatchQuery, type WorkKind } from "../../api/matching";
import { AppLink, Button, ButtonLink } from "../../components/button";
import { CheckboxGroup } from "../../components/choice";
import { Screen } from "../../components/page";
import { SelectField } from "../../components/select-field";
import { getLang } from "../../i18n";
import { useKnown } from "../work/use-known";
import { DISTANCES, filterSearch, missingStep, parseFilters, sortedKinds, vacancyPath } from "./filters";
import { Failed, formatKm, Loading, missingWords, StaleNote } from "./parts";
import { tm, type MatchesKey } from "./words";

const PART_WORDS: Readonly<Record<string, MatchesKey>> = {
  essential_skills: "part.essential_skills",
  optional_skills: "part.optional_skills",
  distance: "part.distance",
  availability: "part.availability",
  education: "part.education",
  wishes: "part.wishes",
  interests: "part.interests",
};

const KIND_WORDS: Record<WorkKind, [MatchesKey, MatchesKey]> = {
  job: ["kind.job", "kind.jobHint"],
  stage: ["kind.stage", "kind.stageHint"],
  opdracht: ["kind.opdracht", "kind.opdrachtHint"],
  open_hiring: ["kind.open_hiring", "kind.open_hiringHint"],
};

/** The filter in the URL; follows the back and forward buttons. */
function useUrlFilter(): [MatchQuery, (query: MatchQuery) => void] {
  const [query, setQuery] = useState<MatchQuery>(() => parseFilters(location.search));
  useEffect(() => {
    const update = () => setQuery(parseFilters(location.search));
    window.addEventListener("popstate", update);
    return () => window.removeEventListener("popstate", update);
  }, []);
  const change = (next: MatchQuery) => {
    const url = `${location.pathname}${filterSearch(next)}`;
    if (url !== `${location.pathname}${location.search}`) history.pushState(null, "", url);
    setQuery(next);
  };
  return [query, change];
}

export function MatchesScreen() {
  const [query, setQuery] = useUrlFilter();
  const key = `matches:${filterSearch(query)}`;
  const [state, reload] = useKnown<MatchList>(key, () => getMatches(query));
  const radius = state.status === "ready" ? state.known.value.radius_km : null;
  return (
    <Screen title={tm("title")}>
      <p>{tm("intro")}</p>
      <FilterForm query={query} radius={radius} busy={state.status === "loading"} onApply={setQuery} />
      <section aria-labelledby="results-title">
        <h2 id="results-title">{tm("results")}</h2>
        {state.status === "loading" ? <Loading /> : null}
        {state.status === "failed" ? <Failed error={state.error} onRetry={reload} /> : null}
        {state.status === "ready" ? (
          <>
            {state.known.stale ? <StaleNote at={state.known.at} /> : null}
            <Results list={state.known.value} />
          </>
        ) : null}
      </section>
    </Screen>
  );
}

function FilterForm({
  query,
  radius,
  busy,
  onApply,
}: {
  query: MatchQuery;
  radius: number | null;
  busy: boolean;
  onApply: (query: MatchQuery) => void;
}) {
  const [km, setKm] = useState(query.distanceKm === null ? "" : String(query.distanceKm));
  const [kinds, setKinds] = useState<WorkKind[]>([...query.kinds]);
  // The back button changed the URL: the form shows that filter.
  useEffect(() => {
    setKm(query.distanceKm === null ? "" : String(query.distanceKm));
    setKinds([...query.kinds]);
  }, [query.distanceKm, query.kinds.join(",")]);
  const distances: number[] = [...DISTANCES];
  if (query.distanceKm !== null && !distances.includes(query.distanceKm)) distances.push(query.distanceKm);
  distances.sort((a, b) => a - b);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (busy) return;
    onApply({ distanceKm: km ? Number(km) : null, kinds: sortedKinds(kinds) });
  };
  // Folded away on a phone, so the matches come first; open when a filter is in use.
  const inUse = query.distanceKm !== null || query.kinds.length > 0;
  return (
    <details class="match-filter" open={inUse}>
      <summary>
        <span class="match-filter-title">{inUse ? tm("filtersInUse", { filter: filterWords(query) }) : tm("filters")}</span>
      </summary>
      <form class="form" noValidate onSubmit={onSubmit} aria-label={tm("filters")}>
        <SelectField
          id="match-distance"
          label={tm("distance")}
          value={km}
          placeholder={radius === null ? tm("distanceOwn") : tm("distanceOwnKm", { km: radius })}
          options={distances.map((d) => ({ value: String(d), label: tm("km", { km: d }) }))}
          onValue={setKm}
        />
        <CheckboxGroup<WorkKind>
          id="match-kinds"
          legend={tm("kinds")}
          hint={tm("kindsHint")}
          values={kinds}
          onChange={setKinds}
          options={WORK_KINDS.map((kind) => ({
            value: kind,
            label: tm(KIND_WORDS[kind][0]),
            description: tm(KIND_WORDS[kind][1]),
          }))}
        />
        <Button type="submit" busy={busy} busyLabel={tm("busy")}>
          {tm("apply")}
        </Button>
      </form>
    </details>
  );
}

/** The filter in use, in a few words: "tot 10 km, een stage". */
function filterWords(query: MatchQuery): string {
  const parts = query.distanceKm === null ? [] : [tm("km", { km: query.distanceKm })];
  for (const kind of query.kinds) parts.push(tm(KIND_WORDS[kind][0]));
  return parts.join(", ");
}

function Results({ list }: { list: MatchList }) {
  if (list.missing.length > 0) {
    return (
      <div class="notice" role="status">
        <p>{tm("fillFirst")}</p>
        <ul class="link-list">
          {list.missing.map((field) => (
            <li key={field}>
              <AppLink href={missingStep(field)} class="link-tap">
                {missingWords(field)}
              </AppLink>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const count = list.matches.length;
  return (
    <>
      <p role="status">{count === 0 ? tm("none") : count === 1 ? tm("countOne") : tm("count", { count })}</p>
      {count === 0 ? <p>{tm("noneHint")}</p> : null}
      {count > 0 ? (
        <ul class="cards match-list">
          {list.matches.map((match) => (
            <MatchCard key={match.vacancy.id} match={match} />
          ))}
        </ul>
      ) : null}
      {count > 0 ? (
        <div class="actions">
          <ButtonLink href="/learning" variant="secondary">
            {tm("toLearningAll")}
          </ButtonLink>
        </div>
      ) : null}
    </>
  );
}

function MatchCard({ match }: { match: Match }) {
  const { vacancy } = match;
  const en = getLang() === "en";
  const titleId = `match-${vacancy.id}`;
  return (
    <li class="card match">
      <h3 class="card-title" id={titleId}>
        <AppLink href={vacancyPath(vacancy)} class="link-tap">
          {vacancy.title}
        </AppLink>
      </h3>
      <p class="badge">{vacancy.hiring_mode === "open" ? tm("openHiring") : tm("regular")}</p>
      <p class="card-meta">
        {vacancy.place ? tm("where", { organisation: vacancy.organisation_name, place: vacancy.place }) : vacancy.organisation_name}
      </p>
      <p class="card-meta">{tm("distanceKm", { km: formatKm(vacancy.distance_km) })}</p>
      <p class="match-score">{tm("score", { score: match.score })}</p>
      {match.attention ? (
        <p class="card-meta">
          <strong>{tm("crowded")}:</strong> {en ? match.attention.en : match.attention.nl}
        </p>
      ) : null}
      <h4 class="match-heading">{tm("why")}</h4>
      <dl class="match-parts">
        {match.components.map((part) => (
          <div key={part.name} class="match-part">
            <dt>{tm(PART_WORDS[part.name] ?? "part.other")}</dt>
            <dd>{en ? part.en : part.nl}</dd>
          </div>
        ))}
      </dl>
      <h4 class="match-heading">{tm("missingTitle")}</h4>
      {match.missing_skills.length === 0 ? (
        <p>{tm("missingNone")}</p>
      ) : (
        <>
          <ul class="match-missing">
            {match.missing_skills.map((skill) => (
              <li key={skill.skill_id}>{en ? skill.label_en : skill.label}</li>
            ))}
          </ul>
          <p>
            <AppLink href="/learning" class="link-tap">
              {tm("toLearning")}
              <span class="visually-hidden">: {vacancy.title}</span>
            </AppLink>
          </p>
        </>
      )}
    </li>
  );
}
