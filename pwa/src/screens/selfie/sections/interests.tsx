// The passion profile: an introduction, then one statement per screen (like / neutral /
// dislike, one tap and on to the next), then the profile explained in words.
import { useEffect, useState } from "preact/hooks";
import type { InterestItem } from "../../../api/selfie";
import { ButtonLink } from "../../../components/button";
import { t } from "../../../i18n";
import { navigate } from "../../../router";
import { MIN_ANSWERS_PER_TYPE, answersPerType } from "../assess";
import type { FormProps } from "../form";
import { RIASEC_TYPES, record, type Data } from "../model";
import { interestItems } from "../reference";
import {
  ANSWER_VALUES,
  answerOf,
  explainProfile,
  rank,
  readProfile,
  scoreAnswers,
  type Answer,
  type RiasecProfile,
} from "../riasec";
import { INTEREST_ITEM_COUNT, nextPath } from "../steps";
import { RIASEC_DESCRIPTIONS, RIASEC_NAMES } from "../words";

export function useInterestItems(lang: "nl" | "en"): InterestItem[] | "failed" | null {
  const [items, setItems] = useState<InterestItem[] | "failed" | null>(null);
  useEffect(() => {
    let active = true;
    interestItems(lang).then(
      (found) => active && setItems(found),
      () => active && setItems("failed"),
    );
    return () => {
      active = false;
    };
  }, [lang]);
  return items;
}

/** The 1-based number of the first statement without an answer (or null: all answered). */
export function firstUnanswered(items: readonly InterestItem[], answers: Data): number | null {
  const index = items.findIndex((item) => answers[item.id] === undefined || answers[item.id] === null);
  return index >= 0 ? index + 1 : null;
}

/** The profile: the server's while the section is synced, else worked out on the phone. */
export function currentProfile(props: Pick<FormProps, "section" | "data">): RiasecProfile | null {
  const fromServer = props.section.state === "synced" ? readProfile(props.section.derived) : null;
  return fromServer ?? scoreAnswers(record(props.data.answers));
}

const ANSWERS: readonly Answer[] = ["like", "neutral", "dislike"];
const ANSWER_WORDS = {
  like: "interests.like",
  neutral: "interests.neutral",
  dislike: "interests.dislike",
} as const;

export function InterestsForm(props: FormProps) {
  const { step, lang } = props;
  const items = useInterestItems(lang);
  if (step.section !== "interests") return null;
  if (items === null) {
    return (
      <p class="loading" role="status">
        {t("app.loading")}
      </p>
    );
  }
  if (items === "failed") {
    return (
      <p class="notice" role="status">
        {t("interests.offline")}
      </p>
    );
  }
  if (step.item === "intro") return <Intro {...props} items={items} />;
  if (step.item === "result") return <Result {...props} items={items} />;
  return <Statement {...props} items={items} number={step.item} />;
}

function Intro({ data, items }: FormProps & { items: InterestItem[] }) {
  const answers = record(data.answers);
  const answered = items.filter((item) => answerOf(answers[item.id]) !== null).length;
  const next = firstUnanswered(items, answers);
  return (
    <>
      <p>{t("interests.introText")}</p>
      <p>{t("interests.introNoWrong")}</p>
      {answered > 0 ? <p>{t("interests.answeredSoFar", { answered, total: items.length })}</p> : null}
      <div class="actions">
        <ButtonLink href={next ? `/selfie/interests/${next}` : "/selfie/interests/result"}>
          {answered === 0 ? t("interests.begin") : next ? t("interests.continue") : t("interests.seeResult")}
        </ButtonLink>
      </div>
    </>
  );
}

function Statement({ data, update, items, number, step }: FormProps & { items: InterestItem[]; number: number }) {
  const item = items[number - 1];
  if (!item) return <p class="notice">{t("interests.offline")}</p>;
  const chosen = answerOf(record(data.answers)[item.id]);
  const choose = (answer: Answer) => {
    update((old) => ({ ...old, answers: { ...record(old.answers), [item.id]: ANSWER_VALUES[answer] } }));
    // One tap is the answer: on to the next statement (the wizard stores it on the way).
    navigate(nextPath(step));
  };
  return (
    <>
      <p class="statement-prompt" id="statement-prompt">
        {t("interests.prompt")}
      </p>
      <p class="statement" id="statement-text">
        {item.text}
      </p>
      <div class="answer-buttons" role="group" aria-labelledby="statement-prompt statement-text">
        {ANSWERS.map((answer) => (
          <button
            key={answer}
            type="button"
            class={`btn answer answer-${answer}`}
            aria-pressed={chosen === answer ? "true" : "false"}
            onClick={() => choose(answer)}
          >
            {chosen === answer ? (
              <span class="tick" aria-hidden="true">
                ✓
              </span>
            ) : null}
            {t(ANSWER_WORDS[answer])}
          </button>
        ))}
      </div>
      {number === INTEREST_ITEM_COUNT ? null : <p class="field-hint">{t("interests.skipHint")}</p>}
    </>
  );
}

function Result(props: FormProps & { items: InterestItem[] }) {
  const { data, items } = props;
  const profile = currentProfile(props);
  if (!profile) {
    const counts = answersPerType(record(data.answers));
    const short = RIASEC_TYPES.reduce((sum, type) => sum + Math.max(0, MIN_ANSWERS_PER_TYPE - (counts[type] ?? 0)), 0);
    const next = firstUnanswered(items, record(data.answers));
    return (
      <>
        <p>{t("interests.notEnough", { count: short })}</p>
        {next ? (
          <div class="actions">
            <ButtonLink href={`/selfie/interests/${next}`}>{t("interests.continue")}</ButtonLink>
          </div>
        ) : null}
      </>
    );
  }
  return <ProfileText profile={profile} />;
}

export function ProfileText({ profile }: { profile: RiasecProfile }) {
  const explanation = explainProfile(profile);
  const name = (type: (typeof RIASEC_TYPES)[number]) => t(RIASEC_NAMES[type]);
  let words: string[];
  switch (explanation.kind) {
    case "even":
      words = [t("interests.resultEven")];
      break;
    case "low":
      words = [
        t("interests.resultLow", { type: name(explanation.best) }),
        t(RIASEC_DESCRIPTIONS[explanation.best]),
      ];
      break;
    case "clear":
      words = [
        t("interests.resultMain", { type: name(explanation.main) }),
        t(RIASEC_DESCRIPTIONS[explanation.main]),
      ];
      if (explanation.also.length === 1 && explanation.also[0]) {
        words.push(t("interests.resultAlsoOne", { type: name(explanation.also[0]) }));
      } else if (explanation.also.length === 2 && explanation.also[0] && explanation.also[1]) {
        words.push(t("interests.resultAlsoTwo", { first: name(explanation.also[0]), second: name(explanation.also[1]) }));
      }
      break;
  }
  return (
    <>
      <div class="profile-text">
        {words.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      <h2>{t("interests.allTypes")}</h2>
      <ul class="profile-list">
        {rank(profile.scores).map((type) => (
          <li key={type} class="profile-item">
            <span class="profile-name">
              {name(type)}: {t("interests.score", { score: Math.round(profile.scores[type]) })}
            </span>
            <span class="profile-bar" aria-hidden="true">
              <span class="profile-fill" style={{ width: `${Math.max(2, Math.min(100, profile.scores[type]))}%` }} />
            </span>
            <span class="profile-description">{t(RIASEC_DESCRIPTIONS[type])}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
