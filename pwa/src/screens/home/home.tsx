// Home: how far the selfie is (a ring), one small step for today, every step with its
// state, and the way to the Slim CV and the settings.
import { useEffect, useState } from "preact/hooks";
import { SECTION_NAMES, type SectionName } from "../../api/selfie";
import type { User } from "../../api/auth";
import { AppLink, ButtonLink } from "../../components/button";
import { Screen } from "../../components/page";
import { ProgressRing } from "../../components/progress";
import { t, type MessageKey } from "../../i18n";
import { getMeta } from "../../store/db";
import { loadAllSections, subscribe, type LocalSection } from "../../sync/selfie-sync";
import { LogoutButton } from "../account/logout";
import { effectiveStatus } from "../selfie/assess";
import { text } from "../selfie/model";
import { POSITION_KEY, completeness, readPosition, todaysStep, type Position } from "../selfie/progress";
import { sectionStart } from "../selfie/steps";
import { SECTION_INTROS, SECTION_TASKS, SECTION_TITLES } from "../selfie/words";
import { UnreadLink } from "../notifications/unread-link";

interface HomeScreenProps {
  user: User;
  onLoggedOut: () => void;
}

interface Overview {
  sections: Record<SectionName, LocalSection>;
  position: Position | null;
}

function useOverview(enabled: boolean): Overview | "failed" | null {
  const [overview, setOverview] = useState<Overview | "failed" | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let active = true;
    const load = () =>
      void Promise.all([loadAllSections(), getMeta<unknown>(POSITION_KEY).catch(() => undefined)]).then(
        ([sections, stored]) => active && setOverview({ sections, position: readPosition(stored) }),
        () => active && setOverview("failed"),
      );
    load();
    // A sync answer can touch several sections at once: read them all once, after the burst.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(load, 250);
    });
    return () => {
      active = false;
      clearTimeout(timer);
      stop();
    };
  }, [enabled]);
  return overview;
}

const STATUS_WORDS: Record<"empty" | "draft" | "complete" | "conflict", MessageKey> = {
  empty: "home.status.empty",
  draft: "home.status.draft",
  complete: "home.status.complete",
  conflict: "home.status.conflict",
};

export function HomeScreen({ user, onLoggedOut }: HomeScreenProps) {
  const jobseeker = user.role === "jobseeker";
  const employer = user.role === "employer";
  const provider = user.role === "provider";
  const overview = useOverview(jobseeker);
  const name = overview && overview !== "failed" ? text(overview.sections.basics.data.display_name).trim() : "";

  return (
    <Screen title={t("home.greeting", { name: name || user.username })}>
      {jobseeker ? <WorkLinks /> : null}
      <UnreadLink jobseeker={jobseeker} />
      {jobseeker ? <SelfieOverview overview={overview} /> : null}
      {employer ? (
        <>
          <p>{t("home.introEmployer")}</p>
          <div class="actions">
            <ButtonLink href="/employer">{t("home.toEmployer")}</ButtonLink>
          </div>
        </>
      ) : null}
      {provider ? (
        <>
          <p>{t("home.introProvider")}</p>
          <div class="actions">
            <ButtonLink href="/provider">{t("home.toProvider")}</ButtonLink>
          </div>
        </>
      ) : null}
      {!jobseeker && !employer && !provider ? <p>{t("home.introOther")}</p> : null}
      {/* Below the overview only once it is there: nothing jumps down when it arrives. */}
      {jobseeker && overview === null ? null : (
        <>
          <nav class="shortcuts" aria-label={t("home.shortcuts")}>
            {jobseeker ? (
              <ButtonLink href="/cv" variant="secondary">
                {t("home.toCv")}
              </ButtonLink>
            ) : null}
            <ButtonLink href="/account" variant="secondary">
              {t("home.toSettings")}
            </ButtonLink>
            <ButtonLink href="/inzichten" variant="secondary">
              {t("home.toInsights")}
            </ButtonLink>
          </nav>
          <div class="actions">
            <LogoutButton onLoggedOut={onLoggedOut} />
          </div>
        </>
      )}
    </Screen>
  );
}

/** Work: open-hiring places nearby and the lists I am on (screens that load on first use). */
function WorkLinks() {
  return (
    <nav class="work-links" aria-label={t("home.work")}>
      <ButtonLink href="/work">{t("home.toWork")}</ButtonLink>
      <ButtonLink href="/my-lists" variant="secondary">
        {t("home.toMyLists")}
      </ButtonLink>
      <ButtonLink href="/matches" variant="secondary">
        {t("home.toMatches")}
      </ButtonLink>
      <ButtonLink href="/learning" variant="secondary">
        {t("home.toLearning")}
      </ButtonLink>
    </nav>
  );
}

function SelfieOverview({ overview }: { overview: Overview | "failed" | null }) {
  if (overview === null) {
    return (
      <p class="loading" role="status">
        {t("app.loading")}
      </p>
    );
  }
  if (overview === "failed") return <p class="notice">{t("home.loadFailed")}</p>;

  const { sections, position } = overview;
  const statuses = Object.fromEntries(SECTION_NAMES.map((n) => [n, effectiveStatus(sections[n]).status]));
  const progress = completeness(statuses);
  const conflicts = SECTION_NAMES.filter((n) => sections[n].state === "conflict");
  const today = todaysStep(statuses, position);
  const resuming = today !== null && position !== null && today.path === position.path && today.path !== sectionStart(today.section);

  return (
    <>
      {conflicts.length > 0 ? (
        <div class="state state-conflict" role="alert">
          <p>{t("home.conflicts")}</p>
          <ul class="link-list">
            {conflicts.map((n) => (
              <li key={n}>
                <AppLink href={`/selfie/conflict/${n}`}>{t("home.conflictLink", { section: t(SECTION_TITLES[n]) })}</AppLink>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ProgressRing
        percent={progress.percent}
        label={t("home.progress", { done: progress.done, total: progress.total })}
      />
      <section class="today" aria-labelledby="today-title">
        <h2 id="today-title">{t("home.todayTitle")}</h2>
        {today ? (
          <>
            <p class="today-section">{t(SECTION_TITLES[today.section])}</p>
            <p>{t(SECTION_TASKS[today.section])}</p>
            <p class="field-hint">{t("home.twoMinutes")}</p>
            <div class="actions">
              <ButtonLink href={today.path}>{resuming ? t("home.continue") : t("home.start")}</ButtonLink>
            </div>
          </>
        ) : (
          <>
            <p>{t("home.allDone")}</p>
            <div class="actions">
              <ButtonLink href="/cv">{t("home.toCv")}</ButtonLink>
            </div>
          </>
        )}
      </section>
      <section aria-labelledby="steps-title">
        <h2 id="steps-title">{t("home.allSteps")}</h2>
        <ol class="steps">
          {SECTION_NAMES.map((n) => {
            const state = sections[n].state === "conflict" ? "conflict" : statuses[n] ?? "empty";
            return (
              <li key={n} class={`step step-${state}`}>
                <AppLink href={state === "conflict" ? `/selfie/conflict/${n}` : sectionStart(n)} class="step-link">
                  {t(SECTION_TITLES[n])}
                </AppLink>
                <p class="step-intro">{t(SECTION_INTROS[n])}</p>
                <p class="step-status">
                  <span aria-hidden="true">{state === "complete" ? "✓ " : ""}</span>
                  {t(STATUS_WORDS[state])}
                </p>
              </li>
            );
          })}
        </ol>
      </section>
    </>
  );
}
