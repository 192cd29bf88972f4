// Languages: Dutch first (understanding, speaking, writing), then other languages. Each
// CEFR level is offered as an "Ik kan…" sentence; the code is only a small extra.
import { Button } from "../../../components/button";
import { RadioGroup } from "../../../components/choice";
import { SelectField } from "../../../components/select-field";
import { t } from "../../../i18n";
import { languageName } from "../format";
import { fieldId, type FormProps } from "../form";
import { CEFR_LEVELS, LANGUAGE_SKILLS, oneOf, record, records, replaceAt, text, type Data, type LanguageSkill } from "../model";
import { CEFR_SENTENCES } from "../words";

/** Languages many jobseekers in the Netherlands speak, offered first (ISO 639 codes). */
export const COMMON_LANGUAGES = [
  "en", "ar", "tr", "pl", "uk", "ru", "ro", "bg", "tzm", "zgh", "ti", "so", "fa", "prs", "ps",
  "ku", "am", "es", "pt", "fr", "de", "it", "hu", "lt", "lv", "el", "hr", "bs", "sr", "sq",
  "zh", "hi", "ur", "bn", "ta", "pap", "srn", "id", "vi", "th", "tl", "sw", "yo", "ha",
];

const LANGUAGE_SKILL_LEGENDS: Record<LanguageSkill, "languages.understandingLegend" | "languages.speakingLegend" | "languages.writingLegend"> = {
  understanding: "languages.understandingLegend",
  speaking: "languages.speakingLegend",
  writing: "languages.writingLegend",
};

function LevelGroups({
  prefix,
  levels,
  onLevel,
  errorFor,
  language,
}: {
  prefix: string;
  levels: Data;
  onLevel: (skill: LanguageSkill, level: string) => void;
  errorFor: FormProps["errorFor"];
  language: string;
}) {
  return (
    <>
      {LANGUAGE_SKILLS.map((skill) => (
        <RadioGroup
          key={skill}
          id={fieldId(`${prefix}.${skill}`)}
          legend={t(LANGUAGE_SKILL_LEGENDS[skill], { language })}
          options={CEFR_LEVELS.map((level) => ({
            value: level,
            label: t(CEFR_SENTENCES[skill][level]),
            description: t("languages.levelCode", { level }),
          }))}
          value={oneOf(CEFR_LEVELS, levels[skill])}
          onChange={(level) => onLevel(skill, level)}
          error={errorFor(`${prefix}.${skill}`)}
        />
      ))}
    </>
  );
}

export function LanguagesForm(props: FormProps) {
  const { step, data, update, errorFor, lang } = props;
  if (step.section === "languages" && step.part === "others") return <OtherLanguages {...props} />;
  const dutch = record(data.dutch);
  return (
    <>
      <p>{t("languages.dutchIntro")}</p>
      <LevelGroups
        prefix="languages.dutch"
        levels={dutch}
        language={languageName("nl", lang)}
        errorFor={errorFor}
        onLevel={(skill, level) => update((old) => ({ ...old, dutch: { ...record(old.dutch), [skill]: level } }))}
      />
    </>
  );
}

function OtherLanguages({ data, update, errorFor, lang }: FormProps) {
  const others = records(data.others);
  const chosen = others.map((o) => text(o.language));
  const setOther = (index: number, fields: Data) =>
    update((old) => {
      const list = records(old.others);
      const current = list[index];
      return current ? { ...old, others: replaceAt(list, index, { ...current, ...fields }) } : old;
    });
  // A code chosen elsewhere (another device, the API) that is not in our list still shows.
  const options = (current: string) =>
    [...COMMON_LANGUAGES, ...(current && !COMMON_LANGUAGES.includes(current) ? [current] : [])]
      .filter((code) => code === current || !chosen.includes(code))
      .map((code) => ({ value: code, label: languageName(code, lang) }))
      .sort((a, b) => a.label.localeCompare(b.label, lang));

  return (
    <>
      <p>{t("languages.othersIntro")}</p>
      <ul class="cards">
        {others.map((other, i) => {
          const path = `languages.others.${i}`;
          const code = text(other.language);
          const name = code ? languageName(code, lang) : t("item.language", { n: i + 1 });
          return (
            <li key={i} class="card">
              <SelectField
                id={fieldId(`${path}.language`)}
                label={t("field.languages.language")}
                placeholder={t("form.choose")}
                value={code}
                options={options(code)}
                onValue={(v) => setOther(i, { language: v || null })}
                error={errorFor(`${path}.language`)}
              />
              <LevelGroups
                prefix={path}
                levels={other}
                language={name}
                errorFor={errorFor}
                onLevel={(skill, level) => setOther(i, { [skill]: level })}
              />
              <Button
                variant="quiet"
                onClick={() =>
                  update((old) => {
                    const list = records(old.others).filter((_, at) => at !== i);
                    return { ...old, others: list.length > 0 ? list : null };
                  })
                }
              >
                {t("languages.remove")}
                <span class="visually-hidden">: {name}</span>
              </Button>
            </li>
          );
        })}
      </ul>
      <div class="actions">
        <Button variant="secondary" onClick={() => update((old) => ({ ...old, others: [...records(old.others), { language: null }] }))}>
          {others.length > 0 ? t("languages.addAnother") : t("languages.add")}
        </Button>
      </div>
    </>
  );
}
