// The provider's start: create the organisation once, then the organisation's offers and
// the ways to add more (one at a time, or a file) and to see the demand.
import { useRef, useState } from "preact/hooks";
import type { Organisation } from "../../api/employer";
import { ApiError } from "../../api/client";
import { createMyOrganisation, listOffers } from "../../api/learning";
import { AppLink, Button, ButtonLink } from "../../components/button";
import { ErrorSummary } from "../../components/error-summary";
import { Screen } from "../../components/page";
import { TextField } from "../../components/text-field";
import { OFFER_KIND_WORDS, tl, weeksWords } from "../learning/words";
import { checkOrganisation, type OrganisationField } from "./form";
import { Failed, Loading, ownOrganisation, problemText, useLoaded } from "./parts";
import { problemWords, tp, type Problem, type ProviderKey } from "./words";

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
  if (organisation.value === null) return <OrganisationForm onCreated={reload} />;
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

const ORG_LABELS: Record<OrganisationField, ProviderKey> = { name: "org.name", postcode: "org.postcode" };

function OrganisationForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState("");
  const [postcode, setPostcode] = useState("");
  const [problems, setProblems] = useState<Partial<Record<OrganisationField, Problem | string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = { name: useRef<HTMLInputElement>(null), postcode: useRef<HTMLInputElement>(null) };

  const focusFirst = (found: Partial<Record<OrganisationField, unknown>>) => {
    const first = (["name", "postcode"] as const).find((f) => found[f]);
    if (first) refs[first].current?.focus();
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found = checkOrganisation(name, postcode);
    setProblems(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      await createMyOrganisation(name, postcode);
      onCreated();
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const fromServer: Partial<Record<OrganisationField, string>> = {};
        for (const field of ["name", "postcode"] as const) {
          const messages = error.fieldErrors[field];
          if (messages) fromServer[field] = messages.join(" ");
        }
        setProblems(fromServer);
        focusFirst(fromServer);
        if (Object.keys(fromServer).length === 0) setFailure(problemText(error, true));
      } else {
        setFailure(problemText(error, true));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={tp("org.title")}>
      <p>{tp("org.intro")}</p>
      <form class="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <ErrorSummary
          message={failure}
          fields={(["name", "postcode"] as const).flatMap((id) => {
            const error = problemWords(problems[id]);
            return error ? [{ id: `org-${id}`, label: tp(ORG_LABELS[id]), error }] : [];
          })}
        />
        <TextField
          id="org-name"
          label={tp("org.name")}
          hint={tp("org.nameHint")}
          value={name}
          onValue={setName}
          error={problemWords(problems.name)}
          maxLength={120}
          inputRef={refs.name}
        />
        <TextField
          id="org-postcode"
          label={tp("org.postcode")}
          hint={tp("org.postcodeHint")}
          value={postcode}
          onValue={setPostcode}
          error={problemWords(problems.postcode)}
          autocomplete="postal-code"
          maxLength={7}
          size="short"
          inputRef={refs.postcode}
        />
        <Button type="submit" busy={busy} busyLabel={tp("org.busy")}>
          {tp("org.submit")}
        </Button>
      </form>
    </Screen>
  );
}
