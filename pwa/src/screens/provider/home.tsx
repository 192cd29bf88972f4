// The provider's start: create the organisation once, then the organisation's offers and
// the ways to add more (one at a time, or a file) and to see the demand.
import type { Organisation } from "../../api/employer";
import { createMyOrganisation, listOffers } from "../../api/learning";
import { AppLink, ButtonLink } from "../../components/button";
import { OrganisationForm } from "../../components/organisation-form";
import { Screen } from "../../components/page";
import { OFFER_KIND_WORDS, tl, weeksWords } from "../learning/words";
import { checkOrganisation } from "./form";
import { Failed, Loading, ownOrganisation, problemText, useLoaded } from "./parts";
import { problemWords, tp } from "./words";

export function ProviderHome() {
  const [organisation, reload] = useLoaded(ownOrganisation, []);
  if (organisation.status === "loading") {
    return (
      <Screen title={tp("home.title")}>
        <Loading />
      </Screen>
    );
  }
  if (organisation.status === "failed") {
    return (
      <Screen title={tp("home.title")}>
        <Failed error={organisation.error} onRetry={reload} />
      </Screen>
    );
  }
  if (organisation.value === null) return <OrganisationScreen onCreated={reload} />;
  return <OfferList organisation={organisation.value} />;
}

function OfferList({ organisation }: { organisation: Organisation }) {
  const [offers, reload] = useLoaded(() => listOffers(organisation.id), [organisation.id]);
  return (
    <Screen title={tp("home.title")}>
      <p>{tp("home.intro")}</p>
      <nav class="work-links" aria-label={tp("home.title")}>
        <ButtonLink href="/provider/offers/new">{tp("home.new")}</ButtonLink>
        <ButtonLink href="/provider/import" variant="secondary">
          {tp("home.import")}
        </ButtonLink>
        <ButtonLink href="/provider/demand" variant="secondary">
          {tp("home.demand")}
        </ButtonLink>
      </nav>
      <h2>{tp("home.list", { organisation: organisation.name })}</h2>
      {offers.status === "loading" ? <Loading /> : null}
      {offers.status === "failed" ? <Failed error={offers.error} onRetry={reload} /> : null}
      {offers.status === "ready" && offers.value.length === 0 ? <p>{tp("home.empty")}</p> : null}
      {offers.status === "ready" && offers.value.length > 0 ? (
        <ul class="cards">
          {offers.value.map((offer) => (
            <li key={offer.id} class="card">
              <h3 class="card-title">
                <AppLink href={`/provider/offers/${offer.id}`} class="link-tap">
                  {offer.title}
                </AppLink>
              </h3>
              <p class="badge">{tp(offer.status === "archived" ? "status.archived" : "status.active")}</p>
              <p class="card-meta">
                {[tl(OFFER_KIND_WORDS[offer.kind]), weeksWords(offer.duration_weeks), offer.online ? tl("online") : offer.place]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </Screen>
  );
}

function OrganisationScreen({ onCreated }: { onCreated: () => void }) {
  const words = {
    title: tp("org.title"),
    intro: tp("org.intro"),
    name: tp("org.name"),
    nameHint: tp("org.nameHint"),
    postcode: tp("org.postcode"),
    postcodeHint: tp("org.postcodeHint"),
    busy: tp("org.busy"),
    submit: tp("org.submit"),
  };
  return (
    <OrganisationForm
      words={words}
      check={checkOrganisation}
      describe={problemWords}
      failureText={(error) => problemText(error, true)}
      create={createMyOrganisation}
      onCreated={onCreated}
    />
  );
}
