// Who may see what. Nothing is chosen for the person: until they choose, employers see
// nothing (the server's default is `none`) and the step stays open.
import { SECTION_NAMES, type SectionName } from "../../../api/selfie";
import { Button } from "../../../components/button";
import { CheckboxGroup, RadioGroup } from "../../../components/choice";
import { t } from "../../../i18n";
import { fieldId, type FormProps } from "../form";
import { EMPLOYER_VISIBILITY, flag, oneOf, someOf, type Data, type EmployerVisibility } from "../model";
import { EMPLOYER_HINTS, EMPLOYER_WORDS, SECTION_TITLES } from "../words";

export const SHAREABLE: readonly SectionName[] = SECTION_NAMES.filter((name) => name !== "visibility");

/**
 * Choose who may see the profile. The first time the person opens it up to employers,
 * the list of shared sections starts empty: the server's default ("all sections") would
 * share everything without a single tick from the person.
 */
export function chooseEmployers(data: Data, employers: EmployerVisibility): Data {
  const next: Data = { ...data, employers };
  if (employers !== "none" && !Array.isArray(data.shared_sections)) next.shared_sections = [];
  return next;
}

export function VisibilityForm({ data, update, errorFor }: FormProps) {
  const employers = oneOf(EMPLOYER_VISIBILITY, data.employers);
  const statistics = flag(data.statistics);
  const shared = Array.isArray(data.shared_sections) ? someOf(SHAREABLE, data.shared_sections) : [];
  return (
    <>
      <RadioGroup
        id={fieldId("visibility.employers")}
        legend={t("field.visibility.employers")}
        hint={t("visibility.employersHint")}
        options={EMPLOYER_VISIBILITY.map((v) => ({ value: v, label: t(EMPLOYER_WORDS[v]), description: t(EMPLOYER_HINTS[v]) }))}
        value={employers}
        onChange={(v) => update((old) => chooseEmployers(old, v))}
        error={errorFor("visibility.employers")}
      />
      {employers === "anonymous" || employers === "full" ? (
        <>
          <CheckboxGroup
            id={fieldId("visibility.shared_sections")}
            legend={t("field.visibility.shared_sections")}
            hint={t(employers === "anonymous" ? "visibility.sharedHintAnonymous" : "visibility.sharedHintFull")}
            options={SHAREABLE.map((name) => ({ value: name, label: t(SECTION_TITLES[name]) }))}
            values={shared}
            onChange={(v) => update((old) => ({ ...old, shared_sections: v }))}
            error={errorFor("visibility.shared_sections")}
          />
          {shared.length < SHAREABLE.length ? (
            <div class="actions">
              <Button variant="secondary" onClick={() => update((old) => ({ ...old, shared_sections: [...SHAREABLE] }))}>
                {t("visibility.shareAll")}
              </Button>
            </div>
          ) : null}
          {shared.length === 0 ? <p class="field-hint">{t("visibility.nothingShared")}</p> : null}
        </>
      ) : null}
      <RadioGroup
        id={fieldId("visibility.statistics")}
        legend={t("field.visibility.statistics")}
        hint={t("visibility.statisticsHint")}
        options={[
          { value: "yes", label: t("visibility.statisticsYes"), description: t("visibility.statisticsYesHint") },
          { value: "no", label: t("visibility.statisticsNo"), description: t("visibility.statisticsNoHint") },
        ]}
        value={statistics === null ? null : statistics ? "yes" : "no"}
        onChange={(v) => update((old) => ({ ...old, statistics: v === "yes" }))}
        error={errorFor("visibility.statistics")}
      />
    </>
  );
}
