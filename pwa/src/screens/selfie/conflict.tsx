// "Kies wat klopt": a field changed on this phone and elsewhere. Both values are shown in
// words; the person picks one per field. Nothing is chosen for them.
import { useEffect, useState } from "preact/hooks";
import { SECTION_NAMES, type SectionName } from "../../api/selfie";
import { AppLink, Button } from "../../components/button";
import { RadioGroup } from "../../components/choice";
import { ErrorSummary } from "../../components/error-summary";
import { Screen } from "../../components/page";
import { getLang, t } from "../../i18n";
import { navigate } from "../../router";
import { occupationLabel } from "../../store/occupations";
import { resolveConflicts, type FieldConflict } from "../../sync/selfie-sync";
import { fieldId } from "./form";
import { formatValue, idsIn, pathLabel, type FormatContext } from "./format";
import { educationLevels, interestItems, skillLabels } from "./reference";
import { sectionStart } from "./steps";
import { useSection } from "./use-section";
import { SECTION_TITLES } from "./words";

type Choice = "mine" | "theirs";

/** Names for every id, level code and statement the conflicting values mention. */
function useConflictNames(name: SectionName, conflicts: readonly FieldConflict[], lang: "nl" | "en"): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = JSON.stringify(conflicts);
  useEffect(() => {
    let active = true;
    const ids = new Set<string>();
    for (const c of conflicts) {
      idsIn(c.mine, ids);
      idsIn(c.theirs, ids);
    }
    void (async () => {
      const found: Record<string, string> = { ...(await skillLabels().catch(() => ({}))) };
      await Promise.all(
        [...ids].map(async (id) => {
          const label = await occupationLabel(id, lang).catch(() => null);
          if (label) found[id] = label;
        }),
      );
      if (name === "education") {
        for (const level of await educationLevels(lang).catch(() => [])) found[level.code] = level.label;
      }
      if (name === "interests") {
        for (const item of await interestItems(lang).catch(() => [])) found[item.id] = item.text;
      }
      if (active) setNames(found);
    })();
    return () => {
      active = false;
    };
  }, [key, lang, name]);
  return names;
}

export function ConflictScreen({ name }: { name: string }) {
  const section = (SECTION_NAMES as readonly string[]).includes(name) ? (name as SectionName) : null;
  if (!section) {
    return (
      <Screen title={t("app.notFound.title")}>
        <p>{t("app.notFound.body")}</p>
        <p>
          <AppLink class="link-tap" href="/home">{t("wizard.toHome")}</AppLink>
        </p>
      </Screen>
    );
  }
  return <Conflicts name={section} />;
}

function Conflicts({ name }: { name: SectionName }) {
  const lang = getLang();
  const { section, data } = useSection(name);
  const conflicts = section?.conflicts ?? [];
  const names = useConflictNames(name, conflicts, lang);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [showErrors, setShowErrors] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const title = t("conflict.title", { section: t(SECTION_TITLES[name]) });

  if (!section) {
    return (
      <Screen title={title}>
        <p class="loading" role="status">
          {t("app.loading")}
        </p>
      </Screen>
    );
  }
  if (conflicts.length === 0) {
    return (
      <Screen title={title}>
        <p>{t("conflict.none")}</p>
        <p>
          <AppLink class="link-tap" href={sectionStart(name)}>{t("conflict.toSection", { section: t(SECTION_TITLES[name]) })}</AppLink>
        </p>
      </Screen>
    );
  }

  const ctx: FormatContext = { lang, names, data };
  const open = conflicts.filter((c) => !choices[c.path]);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (open.length > 0) {
      setShowErrors(true);
      const first = open[0];
      if (first) document.getElementById(fieldId(`conflict.${first.path}`))?.focus();
      return;
    }
    setBusy(true);
    setFailed(false);
    try {
      await resolveConflicts(name, choices);
      navigate(sectionStart(name));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={title}>
      <p class="lead">{t("conflict.intro")}</p>
      <form class="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <ErrorSummary
          message={failed ? t("conflict.failed") : null}
          fields={
            showErrors
              ? open.map((c) => ({ id: fieldId(`conflict.${c.path}`), label: pathLabel(c.path, ctx), error: t("conflict.pickOne") }))
              : []
          }
        />
        {conflicts.map((c) => (
          <RadioGroup<Choice>
            key={c.path}
            id={fieldId(`conflict.${c.path}`)}
            legend={pathLabel(c.path, ctx)}
            // The value is what the person recognises; where it comes from is the small print.
            options={[
              { value: "mine", label: formatValue(c.path, c.mine, ctx), description: t("conflict.mine") },
              { value: "theirs", label: formatValue(c.path, c.theirs, ctx), description: t("conflict.theirs") },
            ]}
            value={choices[c.path] ?? null}
            onChange={(v) => setChoices((old) => ({ ...old, [c.path]: v }))}
            error={showErrors && !choices[c.path] ? t("conflict.pickOne") : null}
          />
        ))}
        <Button type="submit" busy={busy} busyLabel={t("conflict.saving")}>
          {t("conflict.save")}
        </Button>
      </form>
    </Screen>
  );
}
