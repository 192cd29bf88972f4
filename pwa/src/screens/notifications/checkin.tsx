// The daily check-in: opening it records it; what is new since the last one, "Ben je nog
// beschikbaar?" (yes re-confirms my places on open-hiring lists), and the gentle streak.
import { useEffect, useState } from "preact/hooks";
import { answerCheckIn, openCheckIn, type CheckIn } from "../../api/notifications";
import { AppLink, Button, ButtonLink } from "../../components/button";
import { Screen } from "../../components/page";
import { getLang } from "../../i18n";
import { LoadFailed, Loading, failureText } from "./parts";
import { tn } from "./words";

type Loaded = { status: "loading" } | { status: "failed"; error: unknown } | { status: "ready"; checkin: CheckIn };

export function CheckInScreen() {
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ text: string; failed: boolean } | null>(null);

  const load = () => {
    setLoaded({ status: "loading" });
    openCheckIn().then(
      (checkin) => setLoaded({ status: "ready", checkin }),
      (error: unknown) => setLoaded({ status: "failed", error }),
    );
  };
  useEffect(load, []);

  const answer = async (available: boolean) => {
    if (loaded.status !== "ready" || busy) return;
    setBusy(true);
    setSaid(null);
    try {
      const checkin = await answerCheckIn(loaded.checkin.id, available);
      setLoaded({ status: "ready", checkin });
      const count = checkin.confirmed?.length ?? 0;
      setSaid({
        text: !available
          ? tn("checkin.answeredNo")
          : count > 1
            ? tn("checkin.answeredYesCount", { n: count })
            : count === 1
              ? tn("checkin.answeredYesOne")
              : tn("checkin.answeredYes"),
        failed: false,
      });
    } catch (error) {
      setSaid({ text: failureText(error, true), failed: true });
    } finally {
      setBusy(false);
    }
  };

  const en = getLang() === "en";
  return (
    <Screen title={tn("checkin.title")}>
      {loaded.status === "loading" ? <Loading /> : null}
      {loaded.status === "failed" ? <LoadFailed error={loaded.error} onRetry={load} /> : null}
      {loaded.status === "ready" ? (
        <>
          <Digest checkin={loaded.checkin} />
          <section aria-labelledby="available-title" class="checkin-question">
            <h2 id="available-title">{en ? loaded.checkin.question.en : loaded.checkin.question.nl}</h2>
            <div class="actions" role="group" aria-labelledby="available-title">
              <Button busy={busy} busyLabel={tn("common.busy")} onClick={() => void answer(true)}>
                {tn("checkin.yes")}
              </Button>
              <Button variant="secondary" onClick={() => void answer(false)}>
                {tn("checkin.no")}
              </Button>
            </div>
            {said ? (
              <p role={said.failed ? "alert" : "status"} class={said.failed ? "field-error" : "done-note"}>
                {said.text}
              </p>
            ) : null}
          </section>
          <section aria-labelledby="streak-title" class="checkin-streak">
            <h2 id="streak-title">{tn("checkin.streak")}</h2>
            <p>{en ? loaded.checkin.streak.message_en : loaded.checkin.streak.message_nl}</p>
          </section>
        </>
      ) : null}
      <nav class="shortcuts" aria-label={tn("checkin.title")}>
        <AppLink href="/settings/notifications" class="link-tap">
          {tn("common.toSettings")}
        </AppLink>
      </nav>
    </Screen>
  );
}

function Digest({ checkin }: { checkin: CheckIn }) {
  const en = getLang() === "en";
  const digest = checkin.digest;
  return (
    <section aria-labelledby="digest-title">
      <h2 id="digest-title">{tn("checkin.new")}</h2>
      <p class="checkin-summary">{en ? digest.summary_en : digest.summary_nl}</p>
      {digest.places.length > 0 ? (
        <>
          <h3>{tn("checkin.places")}</h3>
          <ul class="link-list">
            {digest.places.map((place) => (
              <li key={place.vacancy_id}>
                <AppLink href={`/open-hiring/${place.vacancy_id}`} class="link-tap">
                  {place.title}
                </AppLink>
                {place.place ? ` · ${place.place}` : ""}
                {place.distance_km !== null ? ` · ${tn("checkin.placeKm", { km: Math.round(place.distance_km) })}` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {digest.queue_moves.length > 0 ? (
        <>
          <h3>{tn("checkin.moves")}</h3>
          <ul class="link-list">
            {digest.queue_moves.map((move) => (
              <li key={move.vacancy_id}>
                <AppLink href="/my-lists" class="link-tap">
                  {tn("checkin.move", { title: move.title, position: move.position, ahead: move.ahead })}
                </AppLink>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {digest.learning_offers.length > 0 ? (
        <>
          <h3>{tn("checkin.offers")}</h3>
          <ul class="link-list">
            {digest.learning_offers.map((offer) => (
              <li key={offer.id}>
                {offer.title} · {offer.organisation_name}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {digest.next_step ? (
        <>
          <h3>{tn("checkin.step")}</h3>
          <p>{en ? digest.next_step.title_en : digest.next_step.title_nl}</p>
          <div class="actions">
            <ButtonLink href="/selfie" variant="secondary">
              {tn("checkin.toStep")}
            </ButtonLink>
          </div>
        </>
      ) : null}
    </section>
  );
}
