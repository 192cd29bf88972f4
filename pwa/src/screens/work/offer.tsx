// The offer: a live countdown to the deadline, accept with the choice of what the
// employer may know (name, phone, e-mail), decline after a confirmation.
// The countdown's words change every second but are not a live region; a separate,
// hidden live region speaks only when a milestone passes (a day, an hour, 10 minutes,
// a minute, time up), so a screen reader is not interrupted every second.
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { acceptOffer, declineOffer, getMyPlace, SHARE_FIELDS, type QueuePlace, type ShareField } from "../../api/open-hiring";
import { getVacancy, type Vacancy } from "../../api/vacancies";
import { AppLink, Button, ButtonLink } from "../../components/button";
import { CheckboxGroup } from "../../components/choice";
import { ErrorSummary } from "../../components/error-summary";
import { Screen } from "../../components/page";
import { loadSection } from "../../sync/selfie-sync";
import { text } from "../selfie/model";
import { formatTimeLeft, milestone, MILESTONE_WORDS, timeLeft, type Milestone, type TimeLeft } from "./countdown";
import { failureText, formatMoment } from "./format";
import { LoadFailed, Loading } from "./parts";
import { stateSentence } from "./place-words";
import { tw, type WorkKey } from "./words";

const OFFER_CODES: Record<string, WorkKey> = {
  no_offer: "offer.none",
  offer_expired: "offer.expired",
  places_full: "offer.placesFull",
  already_accepted: "offer.alreadyAccepted",
};

const SHARE_WORDS: Record<ShareField, WorkKey> = {
  display_name: "offer.share.display_name",
  phone: "offer.share.phone",
  email: "offer.share.email",
};

type Loaded =
  | { status: "loading" }
  | { status: "failed"; error: unknown }
  | { status: "ready"; place: QueuePlace; vacancy: Vacancy | null; basics: Partial<Record<ShareField, string>> };

async function loadOffer(id: number): Promise<Loaded> {
  const [place, vacancy, basics] = await Promise.all([
    getMyPlace(id),
    getVacancy(id).catch(() => null), // only for the organisation's name
    loadSection("basics").then(
      (section) => Object.fromEntries(SHARE_FIELDS.map((f) => [f, text(section.data[f]).trim()])),
      () => ({}),
    ),
  ]);
  return { status: "ready", place, vacancy, basics };
}

/** The current time, every second (the countdown's tick). */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

export function OfferScreen({ id }: { id: number }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const load = () => {
    loadOffer(id).then(setLoaded, (error: unknown) => setLoaded({ status: "failed", error }));
  };
  useEffect(load, [id]);

  if (loaded.status === "loading") {
    return (
      <Screen title={tw("offer.title")}>
        <Loading />
      </Screen>
    );
  }
  if (loaded.status === "failed") {
    const notSigned = loaded.error instanceof ApiError && loaded.error.status === 404;
    return (
      <Screen title={tw("offer.title")}>
        {notSigned ? <p>{tw("offer.none")}</p> : <LoadFailed error={loaded.error} onRetry={load} />}
        <p>
          <AppLink href="/my-lists" class="link-tap">
            {tw("common.toMyLists")}
          </AppLink>
        </p>
      </Screen>
    );
  }
  return (
    <Offer
      place={loaded.place}
      vacancy={loaded.vacancy}
      basics={loaded.basics}
      onChange={(place) => setLoaded({ ...loaded, place })}
    />
  );
}

interface OfferProps {
  place: QueuePlace;
  vacancy: Vacancy | null;
  basics: Partial<Record<ShareField, string>>;
  onChange: (place: QueuePlace) => void;
}

function Offer({ place, vacancy, basics, onChange }: OfferProps) {
  const now = useNow();
  const left = place.offer_deadline ? timeLeft(place.offer_deadline, now) : null;
  const [share, setShare] = useState<ShareField[]>([]);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<"accepted" | "declined" | null>(null);

  const act = async (action: () => Promise<QueuePlace>, done: "accepted" | "declined") => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      onChange(await action());
      setOutcome(done);
    } catch (error) {
      setProblem(failureText(error, OFFER_CODES, true));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const intro = tw("offer.intro", { organisation: vacancy?.organisation_name ?? "", title: place.title });
  if (place.state !== "offered") {
    return (
      <Screen title={place.title}>
        {outcome === "accepted" || place.state === "accepted" || place.state === "started" ? (
          <Accepted place={place} />
        ) : outcome === "declined" ? (
          <p role="status">{tw("offer.declined")}</p>
        ) : (
          <p>{tw(stateSentence(place, formatMoment).key, stateSentence(place, formatMoment).params)}</p>
        )}
        <div class="actions">
          <ButtonLink href="/my-lists" variant="secondary">
            {tw("common.toMyLists")}
          </ButtonLink>
        </div>
      </Screen>
    );
  }
  return (
    <Screen title={tw("offer.title")}>
      <p class="lead">{vacancy ? intro : place.title}</p>
      {place.offer_deadline && left ? <Countdown deadline={place.offer_deadline} left={left} /> : null}
      <ErrorSummary message={problem} />
      {left?.expired ? (
        <div class="actions">
          <ButtonLink href="/my-lists" variant="secondary">
            {tw("common.toMyLists")}
          </ButtonLink>
        </div>
      ) : (
      <div class="form">
        <CheckboxGroup<ShareField>
          id="share"
          legend={tw("offer.shareLegend")}
          hint={tw("offer.shareHint")}
          values={share}
          onChange={setShare}
          options={SHARE_FIELDS.map((field) => ({
            value: field,
            label: tw(SHARE_WORDS[field]),
            description: basics[field] || tw("offer.shareNotInSelfie"),
          }))}
        />
        <Button busy={busy} busyLabel={tw("offer.acceptBusy")} onClick={() => void act(() => acceptOffer(place.vacancy_id, share), "accepted")}>
          {tw("offer.accept")}
        </Button>
        {confirming ? (
          <div class="confirm" role="group" aria-label={tw("offer.decline")}>
            <p>{tw("offer.declineConfirm")}</p>
            <Button variant="danger" busy={busy} busyLabel={tw("common.busy")} onClick={() => void act(() => declineOffer(place.vacancy_id), "declined")}>
              {tw("offer.declineYes")}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {tw("offer.declineNo")}
            </Button>
          </div>
        ) : (
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            {tw("offer.decline")}
          </Button>
        )}
      </div>
      )}
    </Screen>
  );
}

function Countdown({ deadline, left }: { deadline: string; left: TimeLeft }) {
  const stage = milestone(left.ms);
  // What the live region says: only set when the stage changes after the screen opened.
  const [spoken, setSpoken] = useState<{ stage: Milestone; words: string }>({ stage, words: "" });
  useEffect(() => {
    if (stage !== spoken.stage) setSpoken({ stage, words: stage === "more" ? "" : tw(MILESTONE_WORDS[stage]) });
  }, [stage, spoken.stage]);
  return (
    <div class="countdown">
      {left.expired ? (
        <p class="countdown-time">{tw("offer.timeUp")}</p>
      ) : (
        <p class="countdown-time">{tw("offer.timeLeft", { time: formatTimeLeft(left, tw) })}</p>
      )}
      <p class="card-meta">{tw("offer.deadline", { date: formatMoment(deadline) })}</p>
      <p class="visually-hidden" aria-live="polite" aria-atomic="true">
        {spoken.words || null}
      </p>
    </div>
  );
}

function Accepted({ place }: { place: QueuePlace }) {
  const shared = place.shared_contact ?? {};
  const fields = SHARE_FIELDS.filter((f) => shared[f]);
  return (
    <>
      <p role="status" class="done-note">
        {tw("offer.accepted")}
      </p>
      {fields.length > 0 ? (
        <>
          <h2>{tw("offer.sharedTitle")}</h2>
          <dl class="facts">
            {fields.map((field) => (
              <div key={field}>
                <dt>{tw(SHARE_WORDS[field])}</dt>
                <dd>{shared[field]}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <p>{tw("offer.sharedNothing")}</p>
      )}
    </>
  );
}
