// Experience: a list of entries, and one screen per entry.
import { useState } from "preact/hooks";
import { AppLink, Button } from "../../../components/button";
import { Checkbox, RadioGroup } from "../../../components/choice";
import { Combobox } from "../../../components/combobox";
import { MonthField, thisMonth } from "../../../components/month-field";
import { TextArea } from "../../../components/text-area";
import { t } from "../../../i18n";
import { navigate } from "../../../router";
import { searchOccupations } from "../../../store/occupations";
import { flushPendingSaves } from "../../../sync/selfie-sync";
import { assess } from "../assess";
import { monthText } from "../format";
import { fieldId, hasErrorsUnder, type FormProps } from "../form";
import { EXPERIENCE_KINDS, newEntryId, oneOf, records, text, type Data } from "../model";
import { useOccupationNames } from "../names";
import { KIND_HINTS, KIND_WORDS } from "../words";

/** The entry's name: its occupation, else the title the person typed. */
export function entryTitle(entry: Data, names: Readonly<Record<string, string>>): string {
  const id = text(entry.occupation_id);
  return (id && names[id]) || text(entry.title);
}

/** "sep 2019 – nu": the period of an entry in words. */
export function periodText(entry: Data, lang: "nl" | "en"): string {
  const start = text(entry.start);
  const end = text(entry.end);
  if (!start && !end && entry.ongoing !== true) return "";
  const from = start ? monthText(start, lang) : "?";
  const to = entry.ongoing === true ? t("experience.now") : end ? monthText(end, lang) : "?";
  return `${from} – ${to}`;
}

function withEntries(old: Data, entries: Data[]): Data {
  return { ...old, entries: entries.length > 0 ? entries : null, no_experience: entries.length > 0 ? false : old.no_experience ?? null };
}

export function ExperienceForm(props: FormProps) {
  const { step } = props;
  if (step.section === "experience" && step.entry) return <EntryForm key={step.entry} {...props} entryId={step.entry} />;
  return <ExperienceList {...props} />;
}

function ExperienceList({ section, data, update, lang }: FormProps) {
  const entries = records(data.entries);
  const names = useOccupationNames(
    entries.map((e) => text(e.occupation_id)).filter(Boolean),
    lang,
  );
  const [confirming, setConfirming] = useState<string | null>(null);
  const missing = assess("experience", data).missing;

  const add = async () => {
    const id = newEntryId();
    update((old) => withEntries(old, [...records(old.entries), { id, kind: null }]));
    await flushPendingSaves();
    navigate(`/selfie/experience/${encodeURIComponent(id)}`);
  };
  const remove = (id: string) => {
    setConfirming(null);
    update((old) => withEntries(old, records(old.entries).filter((e) => text(e.id) !== id)));
  };

  return (
    <>
      <p>{t("experience.countsToo")}</p>
      {entries.length > 0 ? (
        <ul class="cards" aria-label={t("field.experience.entries")}>
          {entries.map((entry, i) => {
            const id = text(entry.id) || String(i);
            const title = entryTitle(entry, names) || t("experience.untitled");
            const kind = oneOf(EXPERIENCE_KINDS, entry.kind);
            const incomplete = missing.some((path) => path.startsWith(`experience.entries.${i}.`));
            return (
              <li key={id} class="card">
                <h2 class="card-title">{title}</h2>
                <p class="card-meta">
                  {[kind ? t(KIND_WORDS[kind]) : "", periodText(entry, lang)].filter(Boolean).join(" · ")}
                </p>
                {incomplete ? <p class="card-todo">{t("experience.notFinished")}</p> : null}
                {hasErrorsUnder(section, `experience.entries.${i}`) ? (
                  <p class="field-error">{t("experience.hasError")}</p>
                ) : null}
                <div class="card-actions">
                  <AppLink href={`/selfie/experience/${encodeURIComponent(id)}`} class="btn btn-secondary">
                    {t("experience.edit")}
                    <span class="visually-hidden">: {title}</span>
                  </AppLink>
                  {confirming === id ? (
                    <div class="confirm" role="group" aria-label={t("experience.confirmDelete", { title })}>
                      <p>{t("experience.confirmDelete", { title })}</p>
                      <Button variant="danger" onClick={() => remove(id)}>
                        {t("experience.deleteYes")}
                      </Button>
                      <Button variant="secondary" onClick={() => setConfirming(null)}>
                        {t("experience.deleteNo")}
                      </Button>
                    </div>
                  ) : (
                    <Button variant="secondary" onClick={() => setConfirming(id)}>
                      {t("experience.delete")}
                      <span class="visually-hidden">: {title}</span>
                    </Button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
      <div class="actions">
        <Button variant="secondary" onClick={() => void add()}>
          {entries.length > 0 ? t("experience.addAnother") : t("experience.add")}
        </Button>
      </div>
      {entries.length === 0 ? (
        <Checkbox
          id={fieldId("experience.no_experience")}
          label={t("field.experience.no_experience")}
          description={t("experience.noneHint")}
          checked={data.no_experience === true}
          onChange={(on) => update((old) => ({ ...old, no_experience: on }))}
        />
      ) : null}
    </>
  );
}

function EntryForm({ data, update, lang, errorFor, entryId }: FormProps & { entryId: string }) {
  const entries = records(data.entries);
  const index = entries.findIndex((e) => text(e.id) === entryId);
  const entry = entries[index];
  const occupationId = text(entry?.occupation_id);
  const names = useOccupationNames(occupationId ? [occupationId] : [], lang);
  const [picked, setPicked] = useState<{ id: string; label: string } | null>(null);

  if (!entry) {
    return (
      <div class="notice" role="status">
        <p>{t("experience.gone")}</p>
        <p>
          <AppLink class="link-tap" href="/selfie/experience">{t("experience.backToList")}</AppLink>
        </p>
      </div>
    );
  }

  const path = (field: string) => `experience.entries.${index}.${field}`;
  const change = (fields: Data) =>
    update((old) => {
      const list = records(old.entries);
      const at = list.findIndex((e) => text(e.id) === entryId);
      if (at < 0) return old; // removed meanwhile (on another device): nothing to change
      const next = list.map((e, i) => (i === at ? { ...e, ...fields } : e));
      return withEntries(old, next);
    });
  const shown = occupationId ? (names[occupationId] ?? (picked?.id === occupationId ? picked.label : "")) : text(entry.title);
  const start = text(entry.start) || null;
  const end = text(entry.end) || null;
  const ongoing = entry.ongoing === true;

  return (
    <>
      <Combobox
        id={fieldId(path("occupation_id"))}
        label={t("field.experience.occupation_id")}
        hint={t("experience.occupationHint")}
        text={shown}
        onText={(typed) => change({ title: typed || null, occupation_id: null })}
        search={(q) => searchOccupations(q, lang, 8)}
        onPick={(option) => {
          setPicked({ id: option.id, label: option.label });
          change({ occupation_id: option.id, title: null });
        }}
        error={errorFor(path("occupation_id")) ?? errorFor(path("title"))}
      />
      <RadioGroup
        id={fieldId(path("kind"))}
        legend={t("field.experience.kind")}
        options={EXPERIENCE_KINDS.map((k) => ({ value: k, label: t(KIND_WORDS[k]), description: t(KIND_HINTS[k]) }))}
        value={oneOf(EXPERIENCE_KINDS, entry.kind)}
        onChange={(kind) => change({ kind })}
        error={errorFor(path("kind"))}
      />
      <MonthField
        id={fieldId(path("start"))}
        legend={t("field.experience.start")}
        value={start}
        latest={thisMonth()}
        onValue={(value) => change({ start: value })}
        error={errorFor(path("start"))}
      />
      <Checkbox
        id={fieldId(path("ongoing"))}
        label={t("field.experience.ongoing")}
        checked={ongoing}
        onChange={(on) => change(on ? { ongoing: true, end: null } : { ongoing: false })}
      />
      {ongoing ? null : (
        <MonthField
          id={fieldId(path("end"))}
          legend={t("field.experience.end")}
          value={end}
          earliest={start}
          onValue={(value) => change({ end: value })}
          error={errorFor(path("end"))}
        />
      )}
      <TextArea
        id={fieldId(path("description"))}
        label={t("field.experience.description")}
        hint={t("experience.descriptionHint")}
        maxLength={2000}
        value={text(entry.description)}
        onValue={(value) => change({ description: value || null })}
        error={errorFor(path("description"))}
      />
    </>
  );
}
