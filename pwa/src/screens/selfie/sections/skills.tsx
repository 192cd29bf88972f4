// Skills: proposals from the person's experience (yes / no, one tap each), a search to
// add more, and for each skill how well the person can do it.
import { useEffect, useState } from "preact/hooks";
import type { SkillProposal } from "../../../api/selfie";
import { searchSkills } from "../../../api/taxonomy";
import { Button } from "../../../components/button";
import { RadioGroup } from "../../../components/choice";
import { Combobox } from "../../../components/combobox";
import { t } from "../../../i18n";
import { subscribe } from "../../../sync/selfie-sync";
import { fieldId, type FormProps } from "../form";
import { SKILL_LEVELS, records, text, texts, whole, type Data } from "../model";
import { useSkillNames } from "../names";
import { rememberSkillLabels, skillProposals } from "../reference";
import { SKILL_LEVEL_WORDS, SKILL_SOURCE_WORDS } from "../words";

/** Proposals the person has not answered yet, on this phone (the server's list may be older). */
export function openProposals(proposals: readonly SkillProposal[], data: Data): SkillProposal[] {
  const answered = new Set([...records(data.entries).map((e) => text(e.skill_id)), ...texts(data.rejected_suggestions)]);
  return proposals.filter((p) => !answered.has(p.skill_id));
}

/** Say yes to a proposal: the skill joins the list, marked as coming from experience. */
export function acceptProposal(data: Data, skillId: string): Data {
  const entries = records(data.entries);
  if (entries.some((e) => e.skill_id === skillId)) return data;
  return { ...data, entries: [...entries, { skill_id: skillId, level: null, source: "from_experience" }] };
}

/** Say no: remembered in rejected_suggestions, so it is not proposed again. */
export function rejectProposal(data: Data, skillId: string): Data {
  const rejected = texts(data.rejected_suggestions);
  return rejected.includes(skillId) ? data : { ...data, rejected_suggestions: [...rejected, skillId] };
}

/**
 * A number that goes up when the proposals may have changed: the experience changed here
 * or reached the server (the sync tells), or the connection returned. The server works
 * the proposals out from the experience it has, which may arrive after this screen opened.
 */
function useProposalsTick(): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const bump = () => setTick((n) => n + 1);
    const stop = subscribe((name) => {
      if (name === "experience") bump();
    });
    window.addEventListener("online", bump);
    return () => {
      stop();
      window.removeEventListener("online", bump);
    };
  }, []);
  return tick;
}

function Proposals({ data, update, lang }: Pick<FormProps, "data" | "update" | "lang">) {
  const [proposals, setProposals] = useState<SkillProposal[] | null>(null);
  const [failed, setFailed] = useState(false);
  const tick = useProposalsTick();
  useEffect(() => {
    let active = true;
    skillProposals(lang).then(
      (found) => {
        if (!active) return;
        setProposals(found);
        setFailed(false);
      },
      () => active && setFailed(true),
    );
    return () => {
      active = false;
    };
  }, [lang, tick]);

  const open = proposals ? openProposals(proposals, data) : [];
  if (failed) return <p class="field-hint">{t("skills.proposalsOffline")}</p>;
  if (!proposals || open.length === 0) return null;
  return (
    <section class="proposals" aria-labelledby="proposals-title">
      <h2 id="proposals-title">{t("skills.proposalsTitle")}</h2>
      <p class="field-hint">{t("skills.proposalsHint")}</p>
      <ul class="cards">
        {open.slice(0, 8).map((proposal) => (
          <li key={proposal.skill_id} class="card proposal">
            <p class="card-title" id={`proposal-${proposal.skill_id}`}>
              {proposal.label}
            </p>
            <div class="card-actions card-actions-row" role="group" aria-labelledby={`proposal-${proposal.skill_id}`}>
              <Button onClick={() => update((old) => acceptProposal(old, proposal.skill_id))}>
                {t("skills.accept")}
                <span class="visually-hidden">: {proposal.label}</span>
              </Button>
              <Button variant="secondary" onClick={() => update((old) => rejectProposal(old, proposal.skill_id))}>
                {t("skills.reject")}
                <span class="visually-hidden">: {proposal.label}</span>
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function SkillsForm({ data, update, lang, errorFor }: FormProps) {
  const entries = records(data.entries);
  const [text_, setText] = useState("");
  const [added, setAdded] = useState(0);
  const names = useSkillNames(added);

  const add = (id: string, label: string) => {
    rememberSkillLabels([{ id, label }]);
    setText("");
    setAdded((n) => n + 1);
    update((old) => {
      const list = records(old.entries);
      if (list.some((e) => e.skill_id === id)) return old;
      return { ...old, entries: [...list, { skill_id: id, level: null, source: "self" }] };
    });
  };
  const setLevel = (id: string, level: number) =>
    update((old) => ({ ...old, entries: records(old.entries).map((e) => (e.skill_id === id ? { ...e, level } : e)) }));
  const remove = (id: string) =>
    update((old) => {
      const list = records(old.entries).filter((e) => e.skill_id !== id);
      return { ...old, entries: list.length > 0 ? list : null };
    });

  return (
    <>
      <Proposals data={data} update={(next) => {
        setAdded((n) => n + 1);
        update(next);
      }} lang={lang} />
      <Combobox
        id={fieldId("skills.entries")}
        label={t("skills.searchLabel")}
        hint={t("skills.searchHint")}
        text={text_}
        onText={setText}
        search={(q) => searchSkills(q, lang, 8)}
        onPick={(option) => add(option.id, option.label)}
        exclude={entries.map((e) => text(e.skill_id))}
        failText={t("skills.searchOffline")}
        error={errorFor("skills.entries")}
      />
      {entries.length > 0 ? (
        <section aria-labelledby="my-skills-title">
          <h2 id="my-skills-title">{t("skills.mine")}</h2>
          <ul class="cards">
            {entries.map((entry, i) => {
              const id = text(entry.skill_id);
              const name = names[id] ?? t("skills.unknownName");
              const level = whole(entry.level);
              const source = text(entry.source);
              const path = `skills.entries.${i}`;
              return (
                <li key={id || i} class="card">
                  <RadioGroup
                    id={fieldId(`${path}.level`)}
                    legend={t("skills.levelLegend", { name })}
                    hint={source && source !== "self" ? t(SKILL_SOURCE_WORDS[source] ?? "option.source.self") : undefined}
                    inline
                    options={SKILL_LEVELS.map((n) => ({ value: n, label: t(SKILL_LEVEL_WORDS[Number(n) as 1 | 2 | 3 | 4]) }))}
                    value={level === null ? null : (String(level) as (typeof SKILL_LEVELS)[number])}
                    onChange={(v) => setLevel(id, Number(v))}
                    error={errorFor(`${path}.level`) ?? errorFor(`${path}.skill_id`)}
                  />
                  {level === null ? <p class="card-todo">{t("skills.chooseLevel")}</p> : null}
                  <Button variant="quiet" onClick={() => remove(id)}>
                    {t("skills.remove")}
                    <span class="visually-hidden">: {name}</span>
                  </Button>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </>
  );
}
