// One of the organisation's vacancies: its state in words, changing it (while draft or
// published), ending it as filled or closed after a confirmation. A draft: what is
// missing, and publish. Open hiring: the dashboard (list length, people per state, the
// accepted people's shared details), opening places, and marking started or no-show.
// Regular: who is interested, each with the profile they agreed to show.
import { useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import {
  endVacancy,
  getDashboard,
  getOwnVacancy,
  listInterested,
  markNoShow,
  markStarted,
  openPlaces,
  publishVacancy,
  type AcceptedPerson,
  type Dashboard,
  type InterestedPerson,
} from "../../api/employer";
import type { Vacancy, VacancyStatus } from "../../api/vacancies";
import { AppLink, Button, ButtonLink } from "../../components/button";
import { ErrorSummary } from "../../components/error-summary";
import { Screen } from "../../components/page";
import { TextField } from "../../components/text-field";
import { getLang } from "../../i18n";
import { countLines, placesLeft, wholeNumber } from "./form";
import { Failed, Loading, problemText, STATUS_WORDS, useLoaded } from "./home";
import { justSaved } from "./edit-vacancy";
import { justPublished } from "./new-vacancy";
import { te, type EmployerKey } from "./words";

const LOCALES = { nl: "nl-NL", en: "en-GB" } as const;

function formatDay(iso: string | null): string {
  if (!iso) return "";
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Intl.DateTimeFormat(LOCALES[getLang()], { day: "numeric", month: "long", year: "numeric" }).format(new Date(time));
}

const MISSING_WORDS: Record<string, EmployerKey> = {
  title: "field.title",
  description: "field.description",
  postcode: "field.postcode",
  schedule: "field.schedule",
  hours_per_week: "field.hours_per_week",
  start_date: "field.start_date",
  places: "field.places",
  closes_on: "field.closes_on",
  end_date: "field.end_date",
};

export function EmployerVacancyScreen({ id }: { id: number }) {
  const [vacancy, reload] = useLoaded(() => getOwnVacancy(id), [id]);
  const [replaced, setReplaced] = useState<Vacancy | null>(null);
  if (vacancy.status === "loading") {
    return (
      <Screen title={te("home.title")}>
        <Loading />
      </Screen>
    );
  }
  if (vacancy.status === "failed") {
    return (
      <Screen title={te("home.title")}>
        <Failed error={vacancy.error} onRetry={reload} />
        <Back />
      </Screen>
    );
  }
  const current = replaced && replaced.id === id ? replaced : vacancy.value;
  return <VacancyView vacancy={current} onChanged={setReplaced} />;
}

function Back() {
  return (
    <p>
      <AppLink href="/employer" class="link-tap">
        {te("common.back")}
      </AppLink>
    </p>
  );
}

const STATUS_HINTS: Record<VacancyStatus, EmployerKey> = {
  draft: "statusHint.draft",
  published: "statusHint.published",
  filled: "statusHint.filled",
  closed: "statusHint.closed",
  expired: "statusHint.expired",
};

function VacancyView({ vacancy, onChanged }: { vacancy: Vacancy; onChanged: (v: Vacancy) => void }) {
  const [fresh] = useState(() => justPublished.delete(vacancy.id));
  const [saved] = useState(() => justSaved.delete(vacancy.id));
  const [endedNow, setEndedNow] = useState(false);
  const open = vacancy.status === "draft" || vacancy.status === "published";
  return (
    <Screen title={vacancy.title}>
      {endedNow ? (
        <p class="done-note" role="status">
          {te("end.done", { status: te(STATUS_WORDS[vacancy.status]) })}
        </p>
      ) : null}
      {fresh ? (
        <p class="done-note" role="status">
          {te("new.published")}
        </p>
      ) : null}
      {saved ? (
        <p class="done-note" role="status">
          {te("edit.saved")}
        </p>
      ) : null}
      <p class="lead">
        {te("dash.status", { status: te(STATUS_WORDS[vacancy.status]) })} ·{" "}
        {te(vacancy.hiring_mode === "open" ? "mode.open" : "mode.regular")}
      </p>
      <p>{te(STATUS_HINTS[vacancy.status])}</p>
      {open ? (
        <div class="actions">
          <ButtonLink href={`/employer/vacancies/${vacancy.id}/edit`} variant="secondary">
            {te("edit.link")}
          </ButtonLink>
        </div>
      ) : null}
      {vacancy.public_url ? (
        // The server's own page, not a screen of the app: a plain link.
        <p>
          <a href={vacancy.public_url} class="link-tap">
            {te("dash.publicPage")}
          </a>
        </p>
      ) : null}
      {vacancy.status === "draft" ? <Publish vacancy={vacancy} onPublished={onChanged} /> : null}
      {vacancy.hiring_mode === "open" ? (
        <OpenHiringDashboard vacancy={vacancy} />
      ) : vacancy.status !== "draft" ? (
        <Interested vacancy={vacancy} />
      ) : null}
      {open ? (
        <EndVacancy
          vacancy={vacancy}
          onEnded={(ended) => {
            setEndedNow(true);
            onChanged(ended);
          }}
        />
      ) : null}
      <Back />
    </Screen>
  );
}

function Publish({ vacancy, onPublished }: { vacancy: Vacancy; onPublished: (v: Vacancy) => void }) {
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState<string[]>(vacancy.missing);
  const [failure, setFailure] = useState<string | null>(null);
  const publish = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const published = await publishVacancy(vacancy.id);
      justPublished.add(published.id);
      onPublished(published);
    } catch (error) {
      if (error instanceof ApiError && error.code === "incomplete") setMissing(Object.keys(error.fieldErrors));
      else setFailure(problemText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="publish-title">
      <h2 id="publish-title">{te("dash.publish")}</h2>
      <ErrorSummary message={failure} />
      {missing.length > 0 ? (
        <div class="missing-note" role="status">
          <p>{te("dash.missing")}</p>
          <ul>
            {missing.map((name) => (
              <li key={name}>{MISSING_WORDS[name] ? te(MISSING_WORDS[name]) : name}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="actions">
        <Button busy={busy} busyLabel={te("dash.publishBusy")} onClick={() => void publish()}>
          {te("dash.publish")}
        </Button>
      </div>
    </section>
  );
}

function EndVacancy({ vacancy, onEnded }: { vacancy: Vacancy; onEnded: (v: Vacancy) => void }) {
  const [confirming, setConfirming] = useState<"filled" | "closed" | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const published = vacancy.status === "published";

  const end = async (status: "filled" | "closed") => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      onEnded(await endVacancy(vacancy.id, status));
    } catch (error) {
      setFailure(problemText(error));
      setConfirming(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="end-title">
      <h2 id="end-title">{te("end.title")}</h2>
      <p>{te(published ? "end.intro" : "end.introDraft")}</p>
      <ErrorSummary message={failure} />
      {confirming ? (
        <div class="confirm" role="group" aria-label={te(confirming === "filled" ? "end.filled" : "end.closed")}>
          <p>{te(confirming === "filled" ? "end.confirmFilled" : "end.confirmClosed")}</p>
          <Button variant="danger" busy={busy} busyLabel={te("dash.openBusy")} onClick={() => void end(confirming)}>
            {te(confirming === "filled" ? "end.yesFilled" : "end.yesClosed")}
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(null)}>
            {te("end.no")}
          </Button>
        </div>
      ) : (
        <div class="actions">
          {published ? (
            <Button variant="secondary" onClick={() => setConfirming("filled")}>
              {te("end.filled")}
            </Button>
          ) : null}
          <Button variant="secondary" onClick={() => setConfirming("closed")}>
            {te("end.closed")}
          </Button>
        </div>
      )}
    </section>
  );
}

function OpenHiringDashboard({ vacancy }: { vacancy: Vacancy }) {
  const [loaded, reload] = useLoaded(() => getDashboard(vacancy.id), [vacancy.id, vacancy.status]);
  const [replaced, setReplaced] = useState<Dashboard | null>(null);
  if (loaded.status === "loading") return <Loading />;
  if (loaded.status === "failed") return <Failed error={loaded.error} onRetry={reload} />;
  const dashboard = replaced ?? loaded.value;
  const refresh = () => {
    setReplaced(null);
    reload();
  };
  return (
    <>
      <section aria-labelledby="list-title">
        <h2 id="list-title">{te("dash.listTitle")}</h2>
        <div class="actions refresh-row">
          <Button variant="secondary" onClick={refresh}>
            {te("common.refresh")}
          </Button>
        </div>
        <p>
          {dashboard.list_length === 1
            ? te("dash.listLengthOne")
            : te("dash.listLength", { count: dashboard.list_length })}
        </p>
        <p>{te("dash.places", { open: dashboard.places_open, places: dashboard.places })}</p>
        <h3>{te("dash.countsTitle")}</h3>
        <dl class="facts counts">
          {countLines(dashboard.counts).map(({ state, count }) => (
            <div key={state}>
              <dt>{te(`count.${state}` as const)}</dt>
              <dd>{count}</dd>
            </div>
          ))}
        </dl>
        <p class="field-hint">{te("dash.noProfiles")}</p>
      </section>
      <OpenPlaces vacancy={vacancy} dashboard={dashboard} onChange={setReplaced} />
      <section aria-labelledby="accepted-title">
        <h2 id="accepted-title">{te("dash.acceptedTitle")}</h2>
        {dashboard.accepted.length === 0 ? (
          <p>{te("dash.acceptedEmpty")}</p>
        ) : (
          <ul class="cards">
            {dashboard.accepted.map((person) => (
              <AcceptedCard key={person.place_id} initial={person} onNoShow={refresh} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function OpenPlaces({
  vacancy,
  dashboard,
  onChange,
}: {
  vacancy: Vacancy;
  dashboard: Dashboard;
  onChange: (d: Dashboard) => void;
}) {
  const left = placesLeft(dashboard.places, dashboard.places_open);
  const [count, setCount] = useState(String(left || 1));
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const n = wholeNumber(count, 1, left);
    setDone(false);
    setFailure(null);
    if (n === null) {
      setError(te("common.number", { min: 1, max: left }));
      document.getElementById("open-count")?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const updated = await openPlaces(vacancy.id, n);
      onChange(updated);
      setDone(true);
      setCount(String(Math.max(1, placesLeft(updated.places, updated.places_open))));
    } catch (problem) {
      if (problem instanceof ApiError && problem.fieldErrors.count) setError(problem.fieldErrors.count.join(" "));
      else setFailure(problemText(problem));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="open-title">
      <h2 id="open-title">{te("dash.openTitle")}</h2>
      {done ? (
        <p class="done-note" role="status">
          {te("dash.opened")}
        </p>
      ) : null}
      {vacancy.status !== "published" ? (
        <p>{te(vacancy.status === "draft" ? "dash.notPublished" : "dash.ended")}</p>
      ) : left === 0 ? (
        <p>{te("dash.allOpen")}</p>
      ) : (
        <form class="form" noValidate onSubmit={(event) => void onSubmit(event)}>
          <p>{te("dash.openHint", { hours: dashboard.offer_hours })}</p>
          <ErrorSummary
            message={failure}
            fields={error ? [{ id: "open-count", label: te("dash.openCount"), error }] : []}
          />
          <TextField
            id="open-count"
            label={te("dash.openCount")}
            hint={te("dash.openCountHint", { left })}
            value={count}
            onValue={setCount}
            error={error}
            inputMode="numeric"
            maxLength={4}
            size="short"
          />
          <Button type="submit" busy={busy} busyLabel={te("dash.openBusy")}>
            {te("dash.openSubmit")}
          </Button>
        </form>
      )}
    </section>
  );
}

function AcceptedCard({ initial, onNoShow }: { initial: AcceptedPerson; onNoShow: () => void }) {
  const [person, setPerson] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [said, setSaid] = useState<{ text: string; failed: boolean } | null>(null);
  const contact = person.contact;
  const label = te("dash.person", { position: person.position });

  const act = async (action: () => Promise<AcceptedPerson>, done: EmployerKey, after?: () => void) => {
    if (busy) return;
    setBusy(true);
    setSaid(null);
    try {
      setPerson(await action());
      setConfirming(false);
      setSaid({ text: te(done), failed: false });
      after?.();
    } catch (error) {
      setSaid({ text: problemText(error), failed: true });
    } finally {
      setBusy(false);
    }
  };

  const rows: Array<[EmployerKey, string | undefined]> = [
    ["dash.name", contact.display_name],
    ["dash.phone", contact.phone],
    ["dash.email", contact.email],
  ];
  const shared = rows.filter(([, value]) => value);
  return (
    <li class="card">
      <h3 class="card-title">{contact.display_name ?? label}</h3>
      {contact.display_name ? <p class="card-meta">{label}</p> : null}
      {shared.length > 0 ? (
        <dl class="facts">
          {shared.map(([key, value]) => (
            <div key={key}>
              <dt>{te(key)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p class="card-meta">{te("dash.nothingShared")}</p>
      )}
      <p class="card-meta">
        {person.state === "started"
          ? te("dash.startedOn", { date: formatDay(person.started_at) })
          : te("dash.acceptedOn", { date: formatDay(person.accepted_at) })}
      </p>
      {said ? (
        <p role={said.failed ? "alert" : "status"} class={said.failed ? "field-error" : "done-note"}>
          {said.text}
        </p>
      ) : null}
      {person.state === "accepted" ? (
        <div class="card-actions">
          <Button busy={busy} busyLabel={te("dash.openBusy")} onClick={() => void act(() => markStarted(person.place_id), "dash.markedStarted")}>
            {te("dash.markStarted")}
            <span class="visually-hidden">: {contact.display_name ?? label}</span>
          </Button>
          {confirming ? (
            <div class="confirm" role="group" aria-label={te("dash.markNoShow")}>
              <p>{te("dash.noShowConfirm")}</p>
              <Button
                variant="danger"
                busy={busy}
                busyLabel={te("dash.openBusy")}
                onClick={() => void act(() => markNoShow(person.place_id), "dash.markedNoShow", onNoShow)}
              >
                {te("dash.noShowYes")}
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                {te("dash.noShowNo")}
              </Button>
            </div>
          ) : (
            <Button variant="secondary" onClick={() => setConfirming(true)}>
              {te("dash.markNoShow")}
              <span class="visually-hidden">: {contact.display_name ?? label}</span>
            </Button>
          )}
        </div>
      ) : null}
    </li>
  );
}

function Interested({ vacancy }: { vacancy: Vacancy }) {
  const lang = getLang();
  const [loaded, reload] = useLoaded(() => listInterested(vacancy.id, lang), [vacancy.id, lang]);
  return (
    <section aria-labelledby="interested-title">
      <h2 id="interested-title">{te("int.title")}</h2>
      <p>{te("int.intro")}</p>
      <div class="actions refresh-row">
        <Button variant="secondary" onClick={reload}>
          {te("common.refresh")}
        </Button>
      </div>
      {loaded.status === "loading" ? <Loading /> : null}
      {loaded.status === "failed" ? <Failed error={loaded.error} onRetry={reload} /> : null}
      {loaded.status === "ready" && loaded.value.length === 0 ? <p>{te("int.empty")}</p> : null}
      {loaded.status === "ready" && loaded.value.length > 0 ? (
        <ul class="cards">
          {loaded.value.map((person) => (
            <InterestedCard key={person.id} person={person} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function InterestedCard({ person }: { person: InterestedPerson }) {
  const p = person.profile;
  const level = te(person.share === "full" ? "int.full" : "int.anonymous");
  const rows: Array<[EmployerKey, string]> = [];
  if (p.display_name) rows.push(["int.name", p.display_name]);
  const contact = [p.contact?.phone, p.contact?.email].filter(Boolean).join(", ");
  if (contact) rows.push(["int.contact", contact]);
  if (p.region) rows.push(["int.region", p.region.name]);
  if (p.education_level) rows.push(["int.education", p.education_level.name ?? p.education_level.code]);
  if (p.skills && p.skills.length > 0) rows.push(["int.skills", p.skills.map((s) => s.label).join(", ")]);
  const availability = p.availability;
  if (availability) {
    const parts = [
      availability.days_per_week ? te("int.daysPerWeek", { days: availability.days_per_week }) : null,
      availability.hours_per_week_min && availability.hours_per_week_max
        ? te("int.hours", { min: availability.hours_per_week_min, max: availability.hours_per_week_max })
        : null,
    ].filter(Boolean);
    if (parts.length > 0) rows.push(["int.availability", parts.join(", ")]);
  }
  const dutch = p.languages?.dutch;
  if (dutch && (dutch.understanding || dutch.speaking || dutch.writing)) {
    rows.push([
      "int.languages",
      te("int.languageLevels", {
        understanding: dutch.understanding ?? "–",
        speaking: dutch.speaking ?? "–",
        writing: dutch.writing ?? "–",
      }),
    ]);
  }
  if (p.experience && p.experience.length > 0) {
    rows.push(["int.experience", p.experience.map((e) => e.label ?? e.title ?? "").filter(Boolean).join(", ")]);
  }
  return (
    <li class="card">
      <h3 class="card-title">{p.display_name ?? level}</h3>
      <p class="card-meta">{[p.display_name ? level : null, te("int.shownOn", { date: formatDay(person.created_at) })].filter(Boolean).join(" · ")}</p>
      {rows.length > 0 ? (
        <dl class="facts">
          {rows.map(([key, value]) => (
            <div key={key}>
              <dt>{te(key)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p class="card-meta">{te("int.nothing")}</p>
      )}
      {person.message ? (
        <>
          <h4 class="card-subtitle">{te("int.message")}</h4>
          <p class="interest-message">{person.message}</p>
        </>
      ) : null}
    </li>
  );
}
