// Wishes: the work the person would like (occupations from the offline list, kinds of
// work, hours) and what they would like to learn.
import { useState } from "preact/hooks";
import { searchSkills } from "../../../api/taxonomy";
import { ChosenList } from "../../../components/chosen-list";
import { CheckboxGroup } from "../../../components/choice";
import { Combobox } from "../../../components/combobox";
import { NumberField } from "../../../components/checked-field";
import { TextArea } from "../../../components/text-area";
import { t } from "../../../i18n";
import { searchOccupations } from "../../../store/occupations";
import { fieldId, type FormProps } from "../form";
import { WORK_KINDS, put, someOf, text, texts, whole } from "../model";
import { useOccupationNames, useSkillNames } from "../names";
import { rememberSkillLabels } from "../reference";
import { hourBounds } from "./availability";
import { WORK_HINTS, WORK_WORDS } from "../words";

export function WishesForm({ data, update, lang, errorFor }: FormProps) {
  const set = (key: string, value: unknown) => update((old) => put(old, key, value));
  const occupationIds = texts(data.occupation_ids);
  const learnIds = texts(data.learn_skill_ids);
  const [picked, setPicked] = useState<Record<string, string>>({});
  const occupationNames = useOccupationNames(occupationIds, lang);
  const skillNames = useSkillNames(learnIds.length);
  const [occupationText, setOccupationText] = useState("");
  const [skillText, setSkillText] = useState("");
  const hours = hourBounds(data);
  const addTo = (key: "occupation_ids" | "learn_skill_ids", id: string, max: number) =>
    update((old) => {
      const list = texts(old[key]);
      return list.includes(id) || list.length >= max ? old : { ...old, [key]: [...list, id] };
    });
  const removeFrom = (key: "occupation_ids" | "learn_skill_ids", id: string) =>
    update((old) => put(old, key, texts(old[key]).filter((v) => v !== id)));
  const nameOf = (id: string, names: Readonly<Record<string, string>>) => names[id] ?? picked[id] ?? t("value.unknownName");

  return (
    <>
      <Combobox
        id={fieldId("wishes.occupation_ids")}
        label={t("field.wishes.occupation_ids")}
        hint={t("wishes.occupationHint")}
        text={occupationText}
        onText={setOccupationText}
        search={(q) => searchOccupations(q, lang, 8)}
        exclude={occupationIds}
        onPick={(option) => {
          setPicked((old) => ({ ...old, [option.id]: option.label }));
          setOccupationText("");
          addTo("occupation_ids", option.id, 20);
        }}
        error={errorFor("wishes.occupation_ids")}
      />
      <ChosenList
        removeLabel={t("wishes.remove")}
        label={t("wishes.chosenOccupations")}
        items={occupationIds.map((id) => ({ id, label: nameOf(id, occupationNames) }))}
        onRemove={(id) => removeFrom("occupation_ids", id)}
      />
      <CheckboxGroup
        id={fieldId("wishes.work_kinds")}
        legend={t("field.wishes.work_kinds")}
        options={WORK_KINDS.map((k) => ({ value: k, label: t(WORK_WORDS[k]), description: t(WORK_HINTS[k]) }))}
        values={someOf(WORK_KINDS, data.work_kinds)}
        onChange={(v) => set("work_kinds", v)}
        error={errorFor("wishes.work_kinds")}
      />
      <NumberField
        id={fieldId("wishes.hours_per_week_min")}
        label={t("field.wishes.hours_per_week_min")}
        min={hours.min[0]}
        max={hours.min[1]}
        value={whole(data.hours_per_week_min)}
        onValue={(v) => set("hours_per_week_min", v)}
        error={errorFor("wishes.hours_per_week_min")}
      />
      <NumberField
        id={fieldId("wishes.hours_per_week_max")}
        label={t("field.wishes.hours_per_week_max")}
        min={hours.max[0]}
        max={hours.max[1]}
        value={whole(data.hours_per_week_max)}
        onValue={(v) => set("hours_per_week_max", v)}
        error={errorFor("wishes.hours_per_week_max")}
      />
      <Combobox
        id={fieldId("wishes.learn_skill_ids")}
        label={t("field.wishes.learn_skill_ids")}
        hint={t("wishes.learnHint")}
        text={skillText}
        onText={setSkillText}
        search={(q) => searchSkills(q, lang, 8)}
        exclude={learnIds}
        failText={t("skills.searchOffline")}
        onPick={(option) => {
          rememberSkillLabels([{ id: option.id, label: option.label }]);
          setPicked((old) => ({ ...old, [option.id]: option.label }));
          setSkillText("");
          addTo("learn_skill_ids", option.id, 20);
        }}
        error={errorFor("wishes.learn_skill_ids")}
      />
      <ChosenList
        removeLabel={t("wishes.remove")}
        label={t("wishes.chosenSkills")}
        items={learnIds.map((id) => ({ id, label: nameOf(id, skillNames) }))}
        onRemove={(id) => removeFrom("learn_skill_ids", id)}
      />
      <TextArea
        id={fieldId("wishes.learn_text")}
        label={t("field.wishes.learn_text")}
        maxLength={2000}
        value={text(data.learn_text)}
        onValue={(v) => set("learn_text", v)}
        error={errorFor("wishes.learn_text")}
      />
    </>
  );
}
