// Jouw leeradvies: what I miss for the work I want (the gap), the leerroute (a few offers
// that teach most of it, with what each teaches), what the route unlocks, and every
// offer that fits. Push notifications about learning offers open this screen.
import { getAdvice, type Advice, type AdviceOffer, type GapSkill, type NeededFor, type RankedOffer } from "../../api/learning";
import type { SkillLabel } from "../../api/matching";
import { AppLink } from "../../components/button";
import { Screen } from "../../components/page";
import { getLang } from "../../i18n";
import { missingStep } from "../matches/filters";
import { Failed, formatKm, Loading, missingWords, StaleNote } from "../matches/parts";
import { useKnown } from "../work/use-known";
import { costWords, listWords, OFFER_KIND_WORDS, tl, weeksWords } from "./words";

const en = () => getLang() === "en";
const label = (item: { label: string; label_en: string }) => (en() ? item.label_en : item.label);

export function LearningScreen() {
  const [state, reload] = useKnown<Advice>("learning:advice", getAdvice);
  return (
    <Screen title={tl("title")}>
      <p>{tl("intro")}</p>
      {state.status === "loading" ? <Loading /> : null}
      {state.status === "failed" ? <Failed error={state.error} onRetry={reload} /> : null}
      {state.status === "ready" ? (
        <>
          {state.known.stale ? <StaleNote at={state.known.at} /> : null}
          <AdviceView advice={state.known.value} />
        </>
      ) : null}
    </Screen>
  );
}

function AdviceView({ advice }: { advice: Advice }) {
  const { route } = advice;
  return (
    <>
      {advice.missing.length > 0 ? (
        <div class="notice">
          <p>{tl("better")}</p>
          <ul class="link-list">
            {advice.missing.map((field) => (
              <li key={field}>
                <AppLink href={missingStep(field)} class="link-tap">
                  {missingWords(field)}
                </AppLink>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <section aria-labelledby="route-title">
        <h2 id="route-title">{tl("routeTitle")}</h2>
        <p class="route-summary">{en() ? route.en : route.nl}</p>
        {route.steps.length > 0 ? (
          <ol class="cards route-steps">
            {route.steps.map((step, index) => (
              <li key={step.offer.id} class="card">
                <p class="badge">{tl("routeStep", { n: index + 1 })}</p>
                <OfferHeading offer={step.offer} />
                <p>{en() ? step.en : step.nl}</p>
                <OfferFacts offer={step.offer} />
              </li>
            ))}
          </ol>
        ) : null}
        {route.steps.length > 0 ? (
          <>
            <h3>{tl("unlocksTitle")}</h3>
            <p>{en() ? route.unlocks.en : route.unlocks.nl}</p>
            {route.unlocks.vacancies.length > 0 ? (
              <>
                <h4>{tl("unlockedVacancies")}</h4>
                <ul class="link-list">
                  {route.unlocks.vacancies.map((vacancy) => (
                    <li key={vacancy.id}>
                      <AppLink href={`/vacancies/${vacancy.id}`} class="link-tap">
                        {vacancy.title}
                      </AppLink>{" "}
                      <span class="card-meta">
                        {[vacancy.organisation_name, vacancy.place].filter(Boolean).join(", ")}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        ) : null}
      </section>
      <section aria-labelledby="gap-title">
        <h2 id="gap-title">{tl("gapTitle")}</h2>
        {advice.gap.length === 0 ? (
          <p>{tl("gapNone")}</p>
        ) : (
          <ul class="gap-list">
            {advice.gap.map((skill) => (
              <GapItem key={skill.skill_id} skill={skill} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="offers-title">
        <h2 id="offers-title">{tl("offersTitle")}</h2>
        {advice.offers.length === 0 ? (
          <p>{tl("offersNone")}</p>
        ) : (
          <ul class="cards">
            {advice.offers.map((offer) => (
              <OfferCard key={offer.id} offer={offer} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function neededWords(reason: NeededFor): string {
  if (reason.kind === "wish") return tl("neededWish");
  if (reason.kind === "vacancy") return tl("neededVacancy", { title: label(reason) });
  return label(reason);
}

function GapItem({ skill }: { skill: GapSkill }) {
  const reasons = [...new Set(skill.needed_for.map(neededWords))];
  return (
    <li>
      <strong>{label(skill)}</strong>
      {reasons.length > 0 ? <span class="card-meta"> – {tl("neededFor", { what: listWords(reasons) })}</span> : null}
    </li>
  );
}

function OfferHeading({ offer }: { offer: AdviceOffer }) {
  return (
    <h3 class="card-title">
      {offer.url ? (
        <a href={offer.url} class="link-tap" target="_blank" rel="noopener noreferrer">
          {offer.title} <span class="visually-hidden">{tl("newSite")}</span>
        </a>
      ) : (
        offer.title
      )}
    </h3>
  );
}

function OfferFacts({ offer }: { offer: AdviceOffer }) {
  let where: string;
  if (offer.online) where = tl("online");
  else if (offer.place && offer.distance_km !== null) where = tl("placeKm", { place: offer.place, km: formatKm(offer.distance_km) });
  else where = tl("place", { place: offer.place ?? "" });
  return (
    <>
      <p class="card-meta">{tl("by", { organisation: offer.organisation_name })}</p>
      <p class="card-meta">
        {[tl(OFFER_KIND_WORDS[offer.kind]), weeksWords(offer.duration_weeks), costWords(offer.cost, offer.cost_eur)].join(" · ")}
      </p>
      <p class="card-meta">{where}</p>
      {offer.entry_level !== null ? <p class="card-meta">{tl("entryLevel", { level: offer.entry_level })}</p> : null}
      {offer.contact ? <p class="card-meta">{tl("contact", { contact: offer.contact })}</p> : null}
    </>
  );
}

function skillNames(skills: readonly SkillLabel[]): string {
  return listWords(skills.map(label));
}

function OfferCard({ offer }: { offer: RankedOffer }) {
  return (
    <li class="card">
      <OfferHeading offer={offer} />
      <p>{tl("covers", { skills: skillNames(offer.covers) })}</p>
      <OfferFacts offer={offer} />
    </li>
  );
}
