// Mijn lijsten: every open-hiring list I signed (position, people ahead, the state in
// words, re-confirm and withdraw) and the vacancies I showed interest in.
import { useEffect, useState } from "preact/hooks";
import { confirmPlace, listMyPlaces, withdraw, type QueuePlace } from "../../api/open-hiring";
import { listMyInterests, type Interest } from "../../api/vacancies";
import { AppLink, Button, ButtonLink } from "../../components/button";
import { Screen } from "../../components/page";
import { failureText, formatDate, formatMoment } from "./format";
import { LoadFailed, Loading, StaleNote } from "./parts";
import { canWithdraw, reconfirmDue, sortPlaces, stateSentence } from "./place-words";
import { useKnown } from "./use-known";
import { tw, type WorkKey } from "./words";

/** While the screen is open, ask again this often: an offer should not wait for a tap. */
export const REFRESH_MS = 60_000;

const PLACE_CODES: Record<string, WorkKey> = {
  place_ended: "lists.placeEnded",
  not_signed: "state.withdrawn",
};

export function MyListsScreen() {
  const [places, reloadPlaces] = useKnown("myPlaces", listMyPlaces);
  const [interests, reloadInterests] = useKnown("myInterests", listMyInterests);
  const refresh = () => {
    reloadPlaces();
    reloadInterests();
  };

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible") refresh();
    };
    const timer = window.setInterval(onVisible, REFRESH_MS);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [reloadPlaces, reloadInterests]);

  return (
    <Screen title={tw("lists.title")}>
      <p>{tw("lists.intro")}</p>
      <div class="actions refresh-row">
        <Button variant="secondary" onClick={refresh}>
          {tw("common.refresh")}
        </Button>
      </div>
      <section aria-labelledby="places-title">
        <h2 id="places-title">{tw("lists.placesTitle")}</h2>
        {places.status === "loading" ? <Loading /> : null}
        {places.status === "failed" ? <LoadFailed error={places.error} onRetry={reloadPlaces} /> : null}
        {places.status === "ready" ? (
          <>
            {places.known.stale ? <StaleNote at={places.known.at} /> : null}
            {places.known.value.length === 0 ? (
              <>
                <p>{tw("lists.empty")}</p>
                <p>
                  <AppLink href="/work" class="link-tap">
                    {tw("common.toNearby")}
                  </AppLink>
                </p>
              </>
            ) : (
              <ul class="cards">
                {sortPlaces(places.known.value).map((place) => (
                  <PlaceCard key={place.place_id} initial={place} />
                ))}
              </ul>
            )}
          </>
        ) : null}
      </section>
      <section aria-labelledby="interests-title">
        <h2 id="interests-title">{tw("lists.interestsTitle")}</h2>
        {interests.status === "loading" ? <Loading /> : null}
        {interests.status === "failed" ? <LoadFailed error={interests.error} onRetry={reloadInterests} /> : null}
        {interests.status === "ready" ? (
          <>
            {interests.known.stale && places.status !== "ready" ? <StaleNote at={interests.known.at} /> : null}
            {interests.known.value.length === 0 ? (
              <p>{tw("lists.interestsEmpty")}</p>
            ) : (
              <ul class="cards">
                {interests.known.value.map((interest) => (
                  <InterestCard key={interest.id} interest={interest} />
                ))}
              </ul>
            )}
          </>
        ) : null}
      </section>
    </Screen>
  );
}

function PlaceCard({ initial }: { initial: QueuePlace }) {
  const [place, setPlace] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [said, setSaid] = useState<{ text: string; failed: boolean } | null>(null);
  useEffect(() => setPlace(initial), [initial]);

  const act = async (action: () => Promise<QueuePlace>, done: (p: QueuePlace) => string) => {
    if (busy) return;
    setBusy(true);
    setSaid(null);
    try {
      const updated = await action();
      setPlace(updated);
      setConfirming(false);
      setSaid({ text: done(updated), failed: false });
    } catch (error) {
      setSaid({ text: failureText(error, PLACE_CODES, true), failed: true });
    } finally {
      setBusy(false);
    }
  };

  const sentence = stateSentence(place, formatMoment);
  const due = reconfirmDue(place, Date.now());
  return (
    <li class="card">
      <h3 class="card-title">
        {place.title}
      </h3>
      <p class="card-state">{tw(sentence.key, sentence.params)}</p>
      {due ? (
        <p class="card-todo">
          {place.state === "paused" || !place.reconfirm_by
            ? tw("lists.reconfirmPaused")
            : tw("lists.reconfirmDue", { date: formatDate(place.reconfirm_by) })}
        </p>
      ) : null}
      {said ? (
        <p role={said.failed ? "alert" : "status"} class={said.failed ? "field-error" : "done-note"}>
          {said.text}
        </p>
      ) : null}
      <div class="card-actions">
        {place.state === "offered" ? (
          <ButtonLink href={`/open-hiring/${place.vacancy_id}/offer`}>
            {tw("lists.toOffer")}
            <span class="visually-hidden">: {place.title}</span>
          </ButtonLink>
        ) : null}
        {due ? (
          <Button
            busy={busy}
            busyLabel={tw("common.busy")}
            onClick={() =>
              void act(
                () => confirmPlace(place.vacancy_id),
                (p) => (p.reconfirm_by ? tw("lists.confirmed", { date: formatDate(p.reconfirm_by) }) : tw("lists.confirmedNoDate")),
              )
            }
          >
            {tw("lists.confirm")}
            <span class="visually-hidden">: {place.title}</span>
          </Button>
        ) : null}
        <AppLink href={`/open-hiring/${place.vacancy_id}`} class="link-tap">
          {tw("lists.view")}
          <span class="visually-hidden">: {place.title}</span>
        </AppLink>
        {canWithdraw(place) ? (
          confirming ? (
            <div class="confirm" role="group" aria-label={tw("lists.withdraw")}>
              <p>{tw("lists.withdrawConfirm")}</p>
              <Button
                variant="danger"
                busy={busy}
                busyLabel={tw("common.busy")}
                onClick={() => void act(() => withdraw(place.vacancy_id), () => tw("lists.withdrawn", { title: place.title }))}
              >
                {tw("lists.withdrawYes")}
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                {tw("lists.withdrawNo")}
              </Button>
            </div>
          ) : (
            <Button variant="secondary" onClick={() => setConfirming(true)}>
              {tw("lists.withdraw")}
              <span class="visually-hidden">: {place.title}</span>
            </Button>
          )
        ) : null}
      </div>
    </li>
  );
}

function InterestCard({ interest }: { interest: Interest }) {
  return (
    <li class="card">
      <h3 class="card-title">
        <AppLink href={`/vacancies/${interest.vacancy_id}`} class="link-tap">
          {interest.title}
        </AppLink>
      </h3>
      <p class="card-meta">{interest.organisation_name}</p>
      <p class="card-state">{interest.share === "full" ? tw("lists.interestFull") : tw("lists.interestAnonymous")}</p>
      {interest.vacancy_status !== "published" ? <p class="card-todo">{tw("lists.vacancyEnded")}</p> : null}
    </li>
  );
}
