// Education: the highest level, studying now, and diplomas (each with a name).
import { useEffect, useState } from "preact/hooks";
import type { EducationLevel } from "../../../api/taxonomy";
import { Button } from "../../../components/button";
import { RadioGroup } from "../../../components/choice";
import { NumberField } from "../../../components/checked-field";
import { SelectField } from "../../../components/select-field";
import { TextField } from "../../../components/text-field";
import { t } from "../../../i18n";
import { fieldId, type FormProps } from "../form";
import { flag, put, records, replaceAt, text, whole, type Data } from "../model";
import { educationLevels } from "../reference";

function useLevels(lang: "nl" | "en"): EducationLevel[] | null {
  const [levels, setLevels] = useState<EducationLevel[] | null>(null);
  useEffect(() => {
    let active = true;
    educationLevels(lang).then(
      (found) => active && setLevels(found),
      () => active && setLevels([]),
    );
    return () => {
      active = false;
    };
  }, [lang]);
  return levels;
}

const yesNo = (value: boolean | null) => (value === null ? null : value ? "yes" : "no");

export function EducationForm({ data, update, lang, errorFor }: FormProps) {
  const levels = useLevels(lang);
  const set = (key: string, value: unknown) => update((old) => put(old, key, value));
  const options = (levels ?? []).map((l) => ({ value: l.code, label: l.label }));
  const diplomas = records(data.diplomas);
  const studying = flag(data.studying_now);
  const thisYear = new Date().getFullYear();
  const setDiploma = (index: number, fields: Data) =>
    update((old) => {
      const list = records(old.diplomas);
      const current = list[index];
      return current ? { ...old, diplomas: replaceAt(list, index, { ...current, ...fields }) } : old;
    });
  const noLevels = levels !== null && levels.length === 0;

  return (
    <>
      {noLevels ? (
        <p class="notice" role="status">
          {t("education.levelsOffline")}
        </p>
      ) : null}
      <SelectField
        id={fieldId("education.highest_level")}
        label={t("field.education.highest_level")}
        hint={t("education.levelHint")}
        placeholder={t("form.choose")}
        value={text(data.highest_level)}
        options={options}
        onValue={(v) => set("highest_level", v || null)}
        error={errorFor("education.highest_level")}
      />
      <RadioGroup
        id={fieldId("education.studying_now")}
        legend={t("field.education.studying_now")}
        inline
        options={[
          { value: "yes", label: t("value.yes") },
          { value: "no", label: t("value.no") },
        ]}
        value={yesNo(studying)}
        onChange={(v) => set("studying_now", v === "yes")}
        error={errorFor("education.studying_now")}
      />
      {studying === true || text(data.current_study) ? (
        <TextField
          id={fieldId("education.current_study")}
          label={t("field.education.current_study")}
          value={text(data.current_study)}
          maxLength={200}
          onValue={(v) => set("current_study", v)}
          error={errorFor("education.current_study")}
        />
      ) : null}
      <section aria-labelledby="diplomas-title">
        <h2 id="diplomas-title">{t("field.education.diplomas")}</h2>
        <p class="field-hint">{t("education.diplomasHint")}</p>
        <ul class="cards">
          {diplomas.map((diploma, i) => {
            const path = `education.diplomas.${i}`;
            const completed = flag(diploma.completed);
            return (
              <li key={i} class="card">
                <TextField
                  id={fieldId(`${path}.name`)}
                  label={t("field.education.diploma.name")}
                  hint={t("education.diplomaNameHint")}
                  value={text(diploma.name)}
                  maxLength={200}
                  onValue={(v) => setDiploma(i, { name: v || null })}
                  error={errorFor(`${path}.name`)}
                />
                <SelectField
                  id={fieldId(`${path}.level`)}
                  label={t("field.education.diploma.level")}
                  placeholder={t("form.choose")}
                  value={text(diploma.level)}
                  options={options}
                  onValue={(v) => setDiploma(i, { level: v || null })}
                  error={errorFor(`${path}.level`)}
                />
                <RadioGroup
                  id={fieldId(`${path}.completed`)}
                  legend={t("field.education.diploma.completed")}
                  inline
                  options={[
                    { value: "yes", label: t("value.yes") },
                    { value: "no", label: t("value.no") },
                  ]}
                  value={yesNo(completed)}
                  onChange={(v) => setDiploma(i, { completed: v === "yes" })}
                  error={errorFor(`${path}.completed`)}
                />
                <NumberField
                  id={fieldId(`${path}.year`)}
                  label={t("field.education.diploma.year")}
                  // A completed diploma cannot be from a future year (the server refuses it).
                  min={1940}
                  max={completed === true ? thisYear : 2100}
                  value={whole(diploma.year)}
                  onValue={(v) => setDiploma(i, { year: v })}
                  error={errorFor(`${path}.year`)}
                />
                <Button
                  variant="quiet"
                  onClick={() =>
                    update((old) => {
                      const list = records(old.diplomas).filter((_, at) => at !== i);
                      return { ...old, diplomas: list.length > 0 ? list : null };
                    })
                  }
                >
                  {t("education.removeDiploma")}
                  <span class="visually-hidden">: {text(diploma.name) || t("item.diploma", { n: i + 1 })}</span>
                </Button>
              </li>
            );
          })}
        </ul>
        <div class="actions">
          <Button
            variant="secondary"
            onClick={() => update((old) => ({ ...old, diplomas: [...records(old.diplomas), { name: null }] }))}
          >
            {t("education.addDiploma")}
          </Button>
        </div>
      </section>
    </>
  );
}
