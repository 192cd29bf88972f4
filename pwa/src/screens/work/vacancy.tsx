// One vacancy: what, where, when, and how to get it. Open hiring: "Zet mij op de lijst"
// with the right-to-work declaration; a regular vacancy: "Ik heb interesse" with the
// choice of what the employer sees. Both need the server's answer at that moment.
import { useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { getMyPlace, signUp, type QueuePlace } from "../../api/open-hiring";
import {
  getMyInterest,
  getVacancy,
  showInterest,
  withdrawInterest,
  type Interest,
  type InterestShare,
  type Vacancy,
} from "../../api/vacancies";
import { AppLink, Button, ButtonLink } from "../../components/button";
import { Checkbox, RadioGroup } from "../../components/choice";
import { ErrorSummary } from "../../components/error-summary";
import { Screen } from "../../components/page";
import { TextArea } from "../../components/text-area";
import { t } from "../../i18n";
import { failureText, formatDate, formatMoment, scheduleLines } from "./format";
import { LoadFailed, Loading, StaleNote } from "./parts";
import { stateSentence } from "./place-words";
import { useKnown } from "./use-known";
import { tw, type WorkKey } from "./words";

export const MAX_MESSAGE = 1000;

/** The person's own part in a vacancy: a place on its list, or an interest; null: none yet. */
type Mine<T> = T | null;

/** Load mine, where "not on the list" (404) is an answer, not a failure. */
async function orNone<T>(load: () => Promise<T>): Promise<Mine<T>> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function VacancyScreen({ id }: { id: number }) {
  const [loaded, reload] = useKnown(`vacancy.${id}`, () => getVacancy(id));
  if (loaded.status === "loading") {
    return (
      <Screen title={t("app.loading")}>
        <Loading />
      </Screen>
    );
  }
  if (loaded.status === "failed") {
    const missing = loaded.error instanceof ApiError && loaded.error.status === 404;
    return (
      <Screen title={tw("vacancy.notFound")}>
        {missing ? (
          <p>
            <AppLink href="/work" class="link-tap">
              {tw("common.toNearby")}
            </AppLink>
          </p>
        ) : (
          <LoadFailed error={loaded.error} onRetry={reload} />
        )}
      </Screen>
    );
  }
  const { value: vacancy, stale, at } = loaded.known;
  const published = vacancy.status === "published";
  return (
    <Screen title={vacancy.title}>
      {stale ? <StaleNote at={at} /> : null}
      <p class="lead">
        <span class="visually-hidden">{tw("vacancy.employer")}: </span>
        {vacancy.organisation_name}
      </p>
      {published ? null : <p class="notice">{tw("vacancy.ended")}</p>}
      <Facts vacancy={vacancy} />
      {vacancy.hiring_mode === "open" ? (
        <OpenHiring vacancy={vacancy} published={published} />
      ) : (
        <RegularInterest vacancy={vacancy} published={published} />
      )}
    </Screen>
  );
}

function Facts({ vacancy }: { vacancy: Vacancy }) {
  const days = scheduleLines(vacancy.schedule);
  return (
    <>
      <h2>{tw("vacancy.what")}</h2>
      {vacancy.description
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((paragraph, i) => (
          <p key={i}>{paragraph}</p>
        ))}
      {vacancy.tasks.length > 0 ? (
        <>
          <h3>{tw("vacancy.tasks")}</h3>
          <ul>
            {vacancy.tasks.map((task) => (
              <li key={task}>{task}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{tw("vacancy.where")}</h2>
      <p>{[vacancy.place, vacancy.postcode].filter(Boolean).join(", ")}</p>
      <h2>{tw("vacancy.when")}</h2>
      {days.length > 0 ? (
        <ul>
          {days.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {vacancy.hours_per_week !== null ? <p>{tw("vacancy.hours", { hours: vacancy.hours_per_week })}</p> : null}
      {vacancy.start_date ? <p>{tw("vacancy.start", { date: formatDate(vacancy.start_date) })}</p> : null}
      {vacancy.end_date ? <p>{tw("vacancy.end", { date: formatDate(vacancy.end_date) })}</p> : null}
      <p>{vacancy.places === 1 ? tw("vacancy.placesOne") : tw("vacancy.places", { count: vacancy.places })}</p>
      {vacancy.min_age !== null ? <p>{tw("vacancy.minAge", { age: vacancy.min_age })}</p> : null}
    </>
  );
}

const SIGN_UP_CODES: Record<string, WorkKey> = {
  already_signed: "vacancy.alreadySigned",
  list_closed: "vacancy.closed",
};

function OpenHiring({ vacancy, published }: { vacancy: Vacancy; published: boolean }) {
  const [loaded, reload, replace] = useKnown<Mine<QueuePlace>>(`place.${vacancy.id}`, () =>
    orNone(() => getMyPlace(vacancy.id)),
  );
  const [declared, setDeclared] = useState(false);
  // toBasics: the words of a link to the selfie's basics step, where the birth year is.
  const [problem, setProblem] = useState<{ text: string; field: boolean; toBasics: WorkKey | null } | null>(null);
  const [busy, setBusy] = useState(false);

  const onSignUp = async () => {
    if (busy) return;
    if (!declared) {
      setProblem({ text: tw("vacancy.rightToWorkMissing"), field: true, toBasics: null });
      document.getElementById("right-to-work")?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      replace(await signUp(vacancy.id));
    } catch (error) {
      if (error instanceof ApiError && error.code === "below_minimum_age") {
        setProblem({ text: tw("vacancy.tooYoung", { age: vacancy.min_age ?? "" }), field: false, toBasics: "vacancy.fixBirthYear" });
      } else if (error instanceof ApiError && error.code === "birth_year_missing") {
        setProblem({ text: tw("vacancy.birthYearMissing"), field: false, toBasics: "vacancy.toBasics" });
      } else {
        if (error instanceof ApiError && error.code === "already_signed") reload();
        setProblem({ text: failureText(error, SIGN_UP_CODES, true), field: false, toBasics: null });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="open-title">
      <h2 id="open-title">{tw("vacancy.openTitle")}</h2>
      <ol>
        <li>{tw("vacancy.openHow1")}</li>
        <li>{tw("vacancy.openHow2")}</li>
        <li>{tw("vacancy.openHow3", { hours: vacancy.offer_hours })}</li>
        <li>{tw("vacancy.openHow4", { days: vacancy.reconfirm_days })}</li>
      </ol>
      {loaded.status === "loading" ? <Loading /> : null}
      {loaded.status === "failed" ? <LoadFailed error={loaded.error} onRetry={reload} /> : null}
      {loaded.status === "ready" && loaded.known.value ? <MyPlace place={loaded.known.value} /> : null}
      {loaded.status === "ready" && !loaded.known.value && published ? (
        <div class="form">
          <ErrorSummary
            message={problem && !problem.field ? problem.text : null}
            fields={problem?.field ? [{ id: "right-to-work", label: tw("vacancy.rightToWork"), error: problem.text }] : []}
          />
          {problem?.toBasics ? (
            <p>
              <AppLink href="/selfie/basics" class="link-tap">
                {tw(problem.toBasics)}
              </AppLink>
            </p>
          ) : null}
          <Checkbox
            id="right-to-work"
            label={tw("vacancy.rightToWork")}
            description={tw("vacancy.rightToWorkHint")}
            checked={declared}
            onChange={(checked) => {
              setDeclared(checked);
              if (checked && problem?.field) setProblem(null);
            }}
          />
          <Button busy={busy} busyLabel={tw("vacancy.signUpBusy")} onClick={() => void onSignUp()}>
            {tw("vacancy.signUp")}
          </Button>
        </div>
      ) : null}
    </section>
  );
}

function MyPlace({ place }: { place: QueuePlace }) {
  const sentence = stateSentence(place, formatMoment);
  return (
    <div class="my-place">
      <h3>{tw("vacancy.myPlace")}</h3>
      <p role="status">{tw(sentence.key, sentence.params)}</p>
      <div class="actions">
        {place.state === "offered" ? (
          <ButtonLink href={`/open-hiring/${place.vacancy_id}/offer`}>{tw("lists.toOffer")}</ButtonLink>
        ) : null}
        <ButtonLink href="/my-lists" variant="secondary">
          {tw("common.toMyLists")}
        </ButtonLink>
      </div>
    </div>
  );
}

const INTEREST_CODES: Record<string, WorkKey> = {
  already_interested: "vacancy.alreadyInterested",
  not_published: "vacancy.ended",
  not_interested: "vacancy.interestWithdrawn",
};

function RegularInterest({ vacancy, published }: { vacancy: Vacancy; published: boolean }) {
  const [loaded, reload, replace] = useKnown<Mine<Interest>>(`interest.${vacancy.id}`, () =>
    orNone(() => getMyInterest(vacancy.id)),
  );
  const [share, setShare] = useState<InterestShare | null>(null);
  const [message, setMessage] = useState("");
  const [problem, setProblem] = useState<{ field: "share" | "message" | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const onSend = async () => {
    if (busy) return;
    if (share === null) {
      setProblem({ field: "share", text: tw("vacancy.shareMissing") });
      document.getElementById("share")?.focus();
      return;
    }
    if ([...message.trim()].length > MAX_MESSAGE) {
      setProblem({ field: "message", text: tw("vacancy.messageTooLong") });
      document.getElementById("message")?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      replace(await showInterest(vacancy.id, share, message));
    } catch (error) {
      if (error instanceof ApiError && error.code === "already_interested") reload();
      setProblem({ field: null, text: failureText(error, INTEREST_CODES, true) });
    } finally {
      setBusy(false);
    }
  };

  const onWithdraw = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await withdrawInterest(vacancy.id);
      setConfirming(false);
      setNotice(tw("vacancy.interestWithdrawn"));
      replace(null);
    } catch (error) {
      setProblem({ field: null, text: failureText(error, INTEREST_CODES, true) });
    } finally {
      setBusy(false);
    }
  };

  const interest = loaded.status === "ready" ? loaded.known.value : null;
  const fieldErrors =
    problem?.field === "share"
      ? [{ id: "share", label: tw("vacancy.share"), error: problem.text }]
      : problem?.field === "message"
        ? [{ id: "message", label: tw("vacancy.message"), error: problem.text }]
        : [];
  return (
    <section aria-labelledby="interest-title">
      <h2 id="interest-title">{tw("vacancy.interestTitle")}</h2>
      {notice ? <p role="status">{notice}</p> : null}
      {loaded.status === "loading" ? <Loading /> : null}
      {loaded.status === "failed" ? <LoadFailed error={loaded.error} onRetry={reload} /> : null}
      {interest ? (
        <div class="form">
          <ErrorSummary message={problem && !problem.field ? problem.text : null} />
          <p role="status">
            {interest.share === "full" ? tw("vacancy.interestedFull") : tw("vacancy.interestedAnonymous")}
          </p>
          {confirming ? (
            <div class="confirm" role="group" aria-label={tw("vacancy.withdrawInterest")}>
              <p>{tw("vacancy.withdrawInterestConfirm")}</p>
              <Button variant="danger" busy={busy} busyLabel={tw("common.busy")} onClick={() => void onWithdraw()}>
                {tw("vacancy.withdrawInterestYes")}
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                {tw("vacancy.withdrawInterestNo")}
              </Button>
            </div>
          ) : (
            <Button variant="secondary" onClick={() => setConfirming(true)}>
              {tw("vacancy.withdrawInterest")}
            </Button>
          )}
        </div>
      ) : null}
      {loaded.status === "ready" && !interest && published ? (
        <div class="form">
          <p>{tw("vacancy.interestIntro")}</p>
          <ErrorSummary message={problem && !problem.field ? problem.text : null} fields={fieldErrors} />
          <RadioGroup<InterestShare>
            id="share"
            legend={tw("vacancy.share")}
            value={share}
            onChange={(value) => {
              setShare(value);
              if (problem?.field === "share") setProblem(null);
            }}
            error={problem?.field === "share" ? problem.text : null}
            options={[
              { value: "anonymous", label: tw("vacancy.shareAnonymous"), description: tw("vacancy.shareAnonymousHint") },
              { value: "full", label: tw("vacancy.shareFull"), description: tw("vacancy.shareFullHint") },
            ]}
          />
          <TextArea
            id="message"
            label={tw("vacancy.message")}
            hint={tw("vacancy.messageHint")}
            value={message}
            onValue={setMessage}
            error={problem?.field === "message" ? problem.text : null}
            rows={3}
          />
          <Button busy={busy} busyLabel={tw("vacancy.interestBusy")} onClick={() => void onSend()}>
            {tw("vacancy.interest")}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
