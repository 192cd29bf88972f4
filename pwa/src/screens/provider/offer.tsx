// One offer: a new one, or a stored one to change or archive. The form has every field
// of docs/learning.md; skills and occupations come from the shared combobox. What the
// server refuses is shown at its field and in the error summary.
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import type { Organisation } from "../../api/employer";
import {
  archiveOffer,
  COST_KINDS,
  createOffer,
  getOffer,
  OFFER_KINDS,
  updateOffer,
  type CostKind,
  type LearningOffer,
  type OfferKind,
} from "../../api/learning";
import { searchSkills } from "../../api/taxonomy";
import { ChosenList } from "../../components/chosen-list";
import { AppLink, Button } from "../../components/button";
import { RadioGroup } from "../../components/choice";
import { Combobox } from "../../components/combobox";
import { ErrorSummary } from "../../components/error-summary";
import { Screen } from "../../components/page";
import { SelectField } from "../../components/select-field";
import { TextArea } from "../../components/text-area";
import { TextField } from "../../components/text-field";
import { getLang } from "../../i18n";
import { navigate } from "../../router";
import { searchOccupations } from "../../store/occupations";
import { OFFER_KIND_WORDS, tl } from "../learning/words";
import {
  checkOfferForm,
  emptyOfferForm,
  formFromOffer,
  LEVELS,
  MAX_OCCUPATIONS,
  MAX_SKILLS,
  MAX_START_DATES,
  OFFER_FIELDS,
  offerInput,
  serverProblems,
  type OfferField,
  type OfferForm,
} from "./form";
import { Failed, Loading, ownOrganisation, problemText, useLoaded } from "./parts";
import { problemWords, tp, type Problem, type ProviderKey } from "./words";

const LABELS: Record<OfferField, ProviderKey> = {
  title: "offer.title",
  description: "offer.description",
  kind: "offer.kind",
  skill_ids: "offer.skills",
  occupation_ids: "offer.occupations",
  entry_level: "offer.entryLevel",
  result_level: "offer.resultLevel",
  online: "offer.online",
  postcode: "offer.postcode",
  duration_weeks: "offer.weeks",
  hours_per_week: "offer.hours",
  cost: "offer.cost",
  cost_eur: "offer.price",
  start_dates: "offer.starts",
  places: "offer.places",
  url: "offer.url",
  contact: "offer.contact",
};

const COST_HINTS: Record<CostKind, [ProviderKey, ProviderKey]> = {
  gratis: ["offer.cost.gratis", "offer.cost.gratisHint"],
  vergoed: ["offer.cost.vergoed", "offer.cost.vergoedHint"],
  eigen_kosten: ["offer.cost.eigen_kosten", "offer.cost.eigen_kostenHint"],
};

/** Said once on the offer's screen after the new-offer form stored it. */
const justCreated = new Set<number>();

type Loaded = { organisation: Organisation | null; offer: LearningOffer | null };

export function ProviderOfferScreen({ id }: { id: number | null }) {
  const [state, reload] = useLoaded<Loaded>(
    async () => ({ organisation: await ownOrganisation(), offer: id === null ? null : await getOffer(id) }),
    [id],
  );
  const noOrganisation = state.status === "ready" && state.value.organisation === null;
  useEffect(() => {
    if (noOrganisation) navigate("/provider", { replace: true });
  }, [noOrganisation]);
  const title = tp(id === null ? "offer.newTitle" : "offer.editTitle");
  return (
    <Screen title={title}>
      {state.status === "loading" ? <Loading /> : null}
      {state.status === "failed" ? <Failed error={state.error} onRetry={reload} /> : null}
      {state.status === "ready" && state.value.organisation ? (
        <OfferEditor key={state.value.offer?.id ?? "new"} organisation={state.value.organisation} stored={state.value.offer} />
      ) : null}
      <p>
        <AppLink href="/provider" class="link-tap">
          {tp("common.back")}
        </AppLink>
      </p>
    </Screen>
  );
}

function OfferEditor({ organisation, stored }: { organisation: Organisation; stored: LearningOffer | null }) {
  const [offer, setOffer] = useState(stored);
  const [saved, setSaved] = useState(stored !== null && justCreated.delete(stored.id));
  if (offer?.status === "archived") {
    return (
      <>
        <h2>{offer.title}</h2>
        <p class="notice" role="status">
          {tp("offer.archived")}
        </p>
      </>
    );
  }
  return (
    <>
      {saved ? (
        <p class="notice" role="status">
          {tp("offer.saved")}
        </p>
      ) : null}
      <OfferFormView
        organisation={organisation}
        stored={offer}
        onSaved={(next) => {
          setOffer(next);
          setSaved(true);
        }}
        onEdit={() => setSaved(false)}
      />
      {offer ? <ArchivePanel offer={offer} onArchived={setOffer} /> : null}
    </>
  );
}

function ArchivePanel({ offer, onArchived }: { offer: LearningOffer; onArchived: (offer: LearningOffer) => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const archive = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      onArchived(await archiveOffer(offer.id));
    } catch (error) {
      setFailure(problemText(error, true));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="danger-zone" aria-labelledby="archive-title">
      <h2 id="archive-title">{tp("offer.archive")}</h2>
      {failure ? (
        <p class="warning" role="alert">
          {failure}
        </p>
      ) : null}
      {asking ? (
        <>
          <p>{tp("offer.archiveConfirm")}</p>
          <div class="actions">
            <Button variant="danger" busy={busy} busyLabel={tp("offer.busy")} onClick={() => void archive()}>
              {tp("offer.archiveYes")}
            </Button>
            <Button variant="secondary" onClick={() => setAsking(false)}>
              {tp("offer.archiveNo")}
            </Button>
          </div>
        </>
      ) : (
        <div class="actions">
          <Button variant="secondary" onClick={() => setAsking(true)}>
            {tp("offer.archive")}
          </Button>
        </div>
      )}
    </section>
  );
}

function OfferFormView({
  organisation,
  stored,
  onSaved,
  onEdit,
}: {
  organisation: Organisation;
  stored: LearningOffer | null;
  onSaved: (offer: LearningOffer) => void;
  onEdit: () => void;
}) {
  const lang = getLang();
  const [form, setForm] = useState<OfferForm>(() => (stored ? formFromOffer(stored, lang) : emptyOfferForm(organisation.postcode)));
  const [skillText, setSkillText] = useState("");
  const [occupationText, setOccupationText] = useState("");
  const [startText, setStartText] = useState("");
  const [problems, setProblems] = useState<Partial<Record<OfferField, Problem | string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof OfferForm>(key: K, value: OfferForm[K]) => {
    onEdit();
    setForm((old) => ({ ...old, [key]: value }));
  };
  const focusFirst = (found: Partial<Record<OfferField, unknown>>) => {
    const first = OFFER_FIELDS.find((f) => found[f]);
    if (first) document.getElementById(`offer-${first}`)?.focus();
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    // A date picked but not yet added counts: the provider meant it.
    const pending = startText.trim();
    const current =
      /^\d{4}-\d{2}-\d{2}$/.test(pending) && !form.startDates.includes(pending)
        ? { ...form, startDates: [...form.startDates, pending].sort() }
        : form;
    if (current !== form) {
      setForm(current);
      setStartText("");
    }
    const found = checkOfferForm(current);
    setProblems(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      const input = offerInput(current);
      if (stored) {
        onSaved(await updateOffer(stored.id, input));
      } else {
        const created = await createOffer(organisation.id, input);
        justCreated.add(created.id);
        navigate(`/provider/offers/${created.id}`, { replace: true });
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const { fields, other } = serverProblems(error.fieldErrors);
        setProblems(fields);
        setFailure(other.length ? other.join(" ") : Object.keys(fields).length ? null : problemText(error, true));
        focusFirst(fields);
      } else {
        setFailure(problemText(error, true));
      }
    } finally {
      setBusy(false);
    }
  };

  const field = (name: OfferField) => problemWords(problems[name]);
  const addStart = () => {
    const date = startText.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || form.startDates.includes(date) || form.startDates.length >= MAX_START_DATES) return;
    set("startDates", [...form.startDates, date].sort());
    setStartText("");
  };
  const levelOptions = LEVELS.map((level) => ({ value: String(level), label: tp("offer.levelN", { level }) }));

  return (
    <form class="form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <p>{tp("offer.intro")}</p>
      <ErrorSummary
        message={failure}
        fields={OFFER_FIELDS.flatMap((name) => {
          const error = field(name);
          return error ? [{ id: `offer-${name}`, label: tp(LABELS[name]), error }] : [];
        })}
      />
      <TextField
        id="offer-title"
        label={tp("offer.title")}
        hint={tp("offer.titleHint")}
        value={form.title}
        onValue={(value) => set("title", value)}
        error={field("title")}
        maxLength={120}
      />
      <TextArea
        id="offer-description"
        label={tp("offer.description")}
        hint={tp("offer.descriptionHint")}
        value={form.description}
        onValue={(value) => set("description", value)}
        error={field("description")}
        maxLength={5000}
        rows={3}
      />
      <RadioGroup<OfferKind>
        id="offer-kind"
        legend={tp("offer.kind")}
        value={form.kind || null}
        onChange={(value) => set("kind", value)}
        error={field("kind")}
        options={OFFER_KINDS.map((kind) => ({ value: kind, label: tl(OFFER_KIND_WORDS[kind]) }))}
      />
      <Combobox
        id="offer-skill_ids"
        label={tp("offer.skills")}
        hint={tp("offer.skillsHint")}
        error={field("skill_ids")}
        text={skillText}
        onText={setSkillText}
        search={(query) => searchSkills(query, lang, 8)}
        exclude={form.skills.map((s) => s.id)}
        failText={tp("offer.searchFailed")}
        onPick={(option) => {
          setSkillText("");
          if (form.skills.length < MAX_SKILLS) set("skills", [...form.skills, { id: option.id, label: option.label }]);
        }}
      />
      <ChosenList
        removeLabel={tp("offer.remove")}
        label={tp("offer.skillsChosen")}
        items={form.skills}
        onRemove={(id) => set("skills", form.skills.filter((s) => s.id !== id))}
      />
      <Combobox
        id="offer-occupation_ids"
        label={tp("offer.occupations")}
        hint={tp("offer.occupationsHint")}
        error={field("occupation_ids")}
        text={occupationText}
        onText={setOccupationText}
        search={(query) => searchOccupations(query, lang, 8)}
        exclude={form.occupations.map((o) => o.id)}
        failText={tp("offer.searchFailed")}
        onPick={(option) => {
          setOccupationText("");
          if (form.occupations.length < MAX_OCCUPATIONS) {
            set("occupations", [...form.occupations, { id: option.id, label: option.label }]);
          }
        }}
      />
      <ChosenList
        removeLabel={tp("offer.remove")}
        label={tp("offer.occupationsChosen")}
        items={form.occupations}
        onRemove={(id) => set("occupations", form.occupations.filter((o) => o.id !== id))}
      />
      <SelectField
        id="offer-entry_level"
        label={tp("offer.entryLevel")}
        hint={tp("offer.levelHint")}
        value={form.entryLevel}
        placeholder={tp("offer.levelNone")}
        options={levelOptions}
        onValue={(value) => set("entryLevel", value)}
        error={field("entry_level")}
      />
      <SelectField
        id="offer-result_level"
        label={tp("offer.resultLevel")}
        value={form.resultLevel}
        placeholder={tp("offer.levelNone")}
        options={levelOptions}
        onValue={(value) => set("resultLevel", value)}
        error={field("result_level")}
      />
      <RadioGroup<"no" | "yes">
        id="offer-online"
        legend={tp("offer.online")}
        value={form.online ? "yes" : "no"}
        onChange={(value) => set("online", value === "yes")}
        error={field("online")}
        options={[
          { value: "no", label: tp("offer.onlineNo"), description: tp("offer.onlineNoHint") },
          { value: "yes", label: tp("offer.onlineYes"), description: tp("offer.onlineYesHint") },
        ]}
      />
      <TextField
        id="offer-postcode"
        label={tp("offer.postcode")}
        hint={tp("offer.postcodeHint")}
        value={form.postcode}
        onValue={(value) => set("postcode", value)}
        error={field("postcode")}
        autocomplete="postal-code"
        maxLength={7}
        size="short"
      />
      <TextField
        id="offer-duration_weeks"
        label={tp("offer.weeks")}
        value={form.weeks}
        onValue={(value) => set("weeks", value)}
        error={field("duration_weeks")}
        inputMode="numeric"
        maxLength={3}
        size="short"
      />
      <TextField
        id="offer-hours_per_week"
        label={tp("offer.hours")}
        hint={tp("offer.hoursHint")}
        value={form.hours}
        onValue={(value) => set("hours", value)}
        error={field("hours_per_week")}
        inputMode="numeric"
        maxLength={2}
        size="short"
      />
      <RadioGroup<CostKind>
        id="offer-cost"
        legend={tp("offer.cost")}
        value={form.cost || null}
        onChange={(value) => set("cost", value)}
        error={field("cost")}
        options={COST_KINDS.map((cost) => ({
          value: cost,
          label: tp(COST_HINTS[cost][0]),
          description: tp(COST_HINTS[cost][1]),
        }))}
      />
      {form.cost === "eigen_kosten" ? (
        <TextField
          id="offer-cost_eur"
          label={tp("offer.price")}
          hint={tp("offer.priceHint")}
          value={form.price}
          onValue={(value) => set("price", value)}
          error={field("cost_eur")}
          inputMode="text"
          maxLength={12}
          size="short"
        />
      ) : null}
      <TextField
        id="offer-start_dates"
        label={tp("offer.starts")}
        hint={tp("offer.startsHint")}
        type="date"
        value={startText}
        onValue={setStartText}
        error={field("start_dates")}
      />
      <div class="actions">
        <Button variant="secondary" onClick={addStart}>
          {tp("offer.addStart")}
        </Button>
      </div>
      <ChosenList
        removeLabel={tp("offer.remove")}
        label={tp("offer.startsChosen")}
        items={form.startDates.map((date) => ({ id: date, label: date }))}
        onRemove={(date) => set("startDates", form.startDates.filter((d) => d !== date))}
      />
      <TextField
        id="offer-places"
        label={tp("offer.places")}
        hint={tp("offer.placesHint")}
        value={form.places}
        onValue={(value) => set("places", value)}
        error={field("places")}
        inputMode="numeric"
        maxLength={5}
        size="short"
      />
      <TextField
        id="offer-url"
        label={tp("offer.url")}
        hint={tp("offer.urlHint")}
        value={form.url}
        onValue={(value) => set("url", value)}
        error={field("url")}
        maxLength={500}
        verbatim
      />
      <TextField
        id="offer-contact"
        label={tp("offer.contact")}
        hint={tp("offer.contactHint")}
        value={form.contact}
        onValue={(value) => set("contact", value)}
        error={field("contact")}
        maxLength={200}
      />
      <Button type="submit" busy={busy} busyLabel={tp("offer.busy")}>
        {tp(stored ? "offer.submitEdit" : "offer.submitNew")}
      </Button>
    </form>
  );
}
