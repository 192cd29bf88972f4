// The selfie wizard: one section (or one small part of it) per screen, with a progress
// bar, back and next. Every edit is saved as the person types; back and next store what
// is still waiting first. The wizard remembers the screen, so the person comes back to
// exactly where they stopped.
import type { ComponentType } from "preact";
import { useEffect } from "preact/hooks";
import { SECTION_NAMES, type SectionName } from "../../api/selfie";
import { AppLink, Button } from "../../components/button";
import { ErrorSummary } from "../../components/error-summary";
import { Screen } from "../../components/page";
import { ProgressBar } from "../../components/progress";
import { SectionState } from "../../components/section-state";
import { getLang, t } from "../../i18n";
import { navigate, pathParts } from "../../router";
import { getMeta, setMeta } from "../../store/db";
import { syncOccupationList } from "../../store/occupations";
import { flushPendingSaves, loadAllSections } from "../../sync/selfie-sync";
import { effectiveStatus } from "./assess";
import { pathLabel } from "./format";
import { errorLookup, fieldId, serverErrorText, type FormProps } from "./form";
import { records, text } from "./model";
import { useOccupationNames, useSkillNames } from "./names";
import { POSITION_KEY, readPosition, todaysStep } from "./progress";
import { AvailabilityForm } from "./sections/availability";
import { BasicsForm } from "./sections/basics";
import { EducationForm } from "./sections/education";
import { ExperienceForm } from "./sections/experience";
import { InterestsForm } from "./sections/interests";
import { LanguagesForm } from "./sections/languages";
import { LocationForm } from "./sections/location";
import { SkillsForm } from "./sections/skills";
import { VisibilityForm } from "./sections/visibility";
import { WishesForm } from "./sections/wishes";
import { INTEREST_ITEM_COUNT, backPath, nextPath, parseStep, sectionNumber, type Step } from "./steps";
import { useSection } from "./use-section";
import { SECTION_INTROS, SECTION_TITLES } from "./words";

const FORMS: Record<SectionName, ComponentType<FormProps>> = {
  basics: BasicsForm,
  location: LocationForm,
  availability: AvailabilityForm,
  experience: ExperienceForm,
  skills: SkillsForm,
  education: EducationForm,
  languages: LanguagesForm,
  wishes: WishesForm,
  interests: InterestsForm,
  visibility: VisibilityForm,
};

function screenTitle(step: Step): string {
  if (step.section === "experience" && step.entry) return t("experience.entryTitle");
  if (step.section === "languages" && step.part === "others") return t("languages.othersTitle");
  if (step.section === "interests" && typeof step.item === "number") {
    return t("interests.itemTitle", { n: step.item, total: INTEREST_ITEM_COUNT });
  }
  if (step.section === "interests" && step.item === "result") return t("interests.resultTitle");
  return t(SECTION_TITLES[step.section]);
}

/** Is this the screen where the section starts (its intro is shown there)? */
function isFirstScreen(step: Step): boolean {
  if (step.section === "experience") return step.entry === null;
  if (step.section === "languages") return step.part === "dutch";
  if (step.section === "interests") return step.item === "intro";
  return true;
}

async function go(path: string): Promise<void> {
  // Whatever waits for the typing pause is stored before the screen changes.
  await flushPendingSaves().catch(() => undefined);
  navigate(path);
}

/** "/selfie": on to today's step (where the person stopped, or the next open section). */
export function SelfieStart() {
  useEffect(() => {
    let active = true;
    void Promise.all([
      loadAllSections().catch(() => null),
      getMeta<unknown>(POSITION_KEY).catch(() => undefined),
    ]).then(([sections, stored]) => {
      if (!active) return;
      const statuses = sections
        ? Object.fromEntries(SECTION_NAMES.map((name) => [name, effectiveStatus(sections[name]).status]))
        : {};
      const step = todaysStep(statuses, readPosition(stored));
      navigate(step ? step.path : "/selfie/basics", { replace: true });
    });
    return () => {
      active = false;
    };
  }, []);
  return (
    <p class="loading" role="status">
      {t("app.loading")}
    </p>
  );
}

export function SelfieWizard({ path }: { path: string }) {
  const step = parseStep(pathParts(path));
  if (!step) {
    return (
      <Screen title={t("app.notFound.title")}>
        <p>{t("app.notFound.body")}</p>
        <p>
          <AppLink class="link-tap" href="/home">{t("wizard.toHome")}</AppLink>
        </p>
      </Screen>
    );
  }
  // A new section is a new screen: nothing of the previous one's state carries over.
  return <SectionScreen key={step.section} step={step} path={path} />;
}

function SectionScreen({ step, path }: { step: Step; path: string }) {
  const lang = getLang();
  const { section, data, update, failed } = useSection(step.section);
  const errorFor = errorLookup(section);

  useEffect(() => {
    // Remember the screen: "resume exactly where you left off", also after a restart.
    setMeta(POSITION_KEY, { path, at: Date.now() }).catch(() => undefined);
  }, [path]);
  useEffect(() => {
    // The pickers are about to be used: make sure the offline occupation list is there
    // (a no-op when it was checked today; the app also fetches it a little after start).
    syncOccupationList(lang).catch(() => undefined);
  }, [lang]);

  const title = screenTitle(step);
  const number = sectionNumber(step.section);
  const progress = (
    <ProgressBar
      current={number}
      total={SECTION_NAMES.length}
      label={t("wizard.progressLabel")}
      text={t("wizard.progress", { n: number, total: SECTION_NAMES.length, title: t(SECTION_TITLES[step.section]) })}
    />
  );

  if (!section) {
    return (
      <Screen title={title}>
        {progress}
        <p class="loading" role="status">
          {failed ? t("wizard.loadFailed") : t("app.loading")}
        </p>
      </Screen>
    );
  }

  const Form = FORMS[step.section];
  const statement = step.section === "interests" && typeof step.item === "number";
  const interestsIntro = step.section === "interests" && step.item === "intro";
  const missing = effectiveStatus({ ...section, data }).missing;
  const onSubmit = (event: Event) => {
    event.preventDefault();
    void go(nextPath(step));
  };

  return (
    <Screen title={title}>
      {progress}
      <SectionState name={step.section} state={section.state} />
      <ServerErrors section={section} data={data} lang={lang} />
      {isFirstScreen(step) ? <p class="lead">{t(SECTION_INTROS[step.section])}</p> : null}
      <form class="form" noValidate onSubmit={onSubmit}>
        <Form section={section} data={data} update={update} errorFor={errorFor} lang={lang} step={step} />
        {statement || interestsIntro ? null : (
          <MissingNote missing={missing} section={step.section} data={data} lang={lang} />
        )}
        <div class="wizard-nav">
          {statement || interestsIntro ? null : (
            <Button type="submit">
              {step.section === "experience" && step.entry ? t("wizard.entryDone") : t("wizard.next")}
            </Button>
          )}
          {statement ? (
            <Button variant="secondary" onClick={() => void go(nextPath(step))}>
              {t("interests.skip")}
            </Button>
          ) : null}
          <Button variant="secondary" onClick={() => void go(backPath(step))}>
            {t("wizard.back")}
          </Button>
        </div>
      </form>
      <p class="wizard-stop">
        <AppLink href="/home">{t("wizard.stop")}</AppLink>
      </p>
    </Screen>
  );
}

function useNames(data: FormProps["data"], lang: FormProps["lang"], section: SectionName): Record<string, string> {
  const ids = section === "experience" ? records(data.entries).map((e) => text(e.occupation_id)).filter(Boolean) : [];
  const occupations = useOccupationNames(ids, lang);
  const skills = useSkillNames(section);
  return { ...skills, ...occupations };
}

/** What is still needed for this section, in words; the person may go on anyway. */
function MissingNote({ missing, section, data, lang }: { missing: string[]; section: SectionName; data: FormProps["data"]; lang: FormProps["lang"] }) {
  const names = useNames(data, lang, section);
  if (missing.length === 0) {
    return <p class="done-note">{t("wizard.sectionDone")}</p>;
  }
  const labels = [...new Set(missing.map((path) => pathLabel(path, { lang, names, data })))];
  return (
    <div class="missing-note">
      <p>{t("wizard.missing")}</p>
      <ul>
        {labels.map((label) => (
          <li key={label}>{label}</li>
        ))}
      </ul>
      <p>{t("wizard.laterIsFine")}</p>
    </div>
  );
}

/** The server refused a value: say which, with links to the fields. */
function ServerErrors({ section, data, lang }: { section: NonNullable<ReturnType<typeof useSection>["section"]>; data: FormProps["data"]; lang: FormProps["lang"] }) {
  const names = useNames(data, lang, section.name);
  const fields = Object.entries(section.errors).map(([rawPath, messages]) => {
    const path = rawPath.startsWith(`${section.name}.`) ? rawPath : `${section.name}.${rawPath}`;
    return { id: fieldId(path), label: pathLabel(path, { lang, names, data }), error: serverErrorText(messages) };
  });
  return <ErrorSummary fields={fields} />;
}
