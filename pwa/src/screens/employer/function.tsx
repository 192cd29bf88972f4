// One function of the organisation: change what it is (title, description, tasks, the
// skills needed, education level, hours, place), mark it as a function for later, make a
// new vacancy from it, or delete it while no vacancy was made from it.
import { useRef, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import {
  deleteFunction,
  getFunction,
  listOrganisationVacancies,
  updateFunction,
  type JobFunction,
  type SkillImportance,
} from "../../api/employer";
import { listEducationLevels, searchSkills, type EducationLevel } from "../../api/taxonomy";
import { AppLink, Button, ButtonLink } from "../../components/button";
import { Checkbox, RadioGroup } from "../../components/choice";
import { Combobox } from "../../components/combobox";
import { ErrorSummary } from "../../components/error-summary";
import { Screen } from "../../components/page";
import { SelectField } from "../../components/select-field";
import { TextArea } from "../../components/text-area";
import { TextField } from "../../components/text-field";
import { getLang } from "../../i18n";
import { navigate } from "../../router";
import {
  addSkill,
  checkFunctionForm,
  FUNCTION_FIELDS,
  functionForm,
  functionServerProblems,
  functionUpdate,
  removeSkill,
  setImportance,
  type FunctionField,
  type FunctionForm,
} from "./function-form";
import { futureWords, justDeleted, usedWords } from "./functions";
import { Failed, Loading, problemText, useLoaded } from "./home";
import { problemWords, te, type EmployerKey, type Problem } from "./words";

const LABELS: Record<FunctionField, EmployerKey> = {
  title: "fn.name",
  description: "fn.description",
  tasks: "fn.tasks",
  skills: "fn.skillAdd",
  education_level: "fn.education",
  hours_per_week_min: "fn.hoursMin",
  hours_per_week_max: "fn.hoursMax",
  postcode: "fn.postcode",
  future_count: "fn.futureCount",
  future_date: "fn.futureDate",
};

interface Loaded {
  fn: JobFunction;
  used: number;
  levels: EducationLevel[];
}

async function loadFunction(id: number): Promise<Loaded> {
  const fn = await getFunction(id);
  const [vacancies, levels] = await Promise.all([
    listOrganisationVacancies(fn.organisation_id),
    // Without the levels the rest of the screen still works: the choice shows the code.
    listEducationLevels(getLang()).catch(() => [] as EducationLevel[]),
  ]);
  return { fn, used: vacancies.filter((v) => v.function_id === id).length, levels };
}

export function EmployerFunctionScreen({ id }: { id: number }) {
  const [loaded, reload] = useLoaded(() => loadFunction(id), [id]);
  if (loaded.status !== "ready") {
    return (
      <Screen title={te("fns.title")}>
        {loaded.status === "loading" ? <Loading /> : <Failed error={loaded.error} onRetry={reload} />}
        <BackToFunctions />
      </Screen>
    );
  }
  return <FunctionView key={id} loaded={loaded.value} />;
}

function BackToFunctions() {
  return (
    <p>
      <AppLink href="/employer/functions" class="link-tap">
        {te("fn.back")}
      </AppLink>
    </p>
  );
}

function FunctionView({ loaded }: { loaded: Loaded }) {
  const [fn, setFn] = useState(loaded.fn);
  const future = futureWords(fn);
  return (
    <Screen title={fn.title}>
      <p class="lead">
        {usedWords(loaded.used)}
        {future ? ` · ${future}` : ""}
      </p>
      <div class="actions">
        <ButtonLink href={`/employer/functions/${fn.id}/new`}>{te("fn.newVacancy")}</ButtonLink>
      </div>
      <FunctionEditor fn={fn} levels={loaded.levels} onSaved={setFn} />
      <DeleteFunction fn={fn} used={loaded.used} />
      <BackToFunctions />
    </Screen>
  );
}

function FunctionEditor({
  fn,
  levels,
  onSaved,
}: {
  fn: JobFunction;
  levels: EducationLevel[];
  onSaved: (fn: JobFunction) => void;
}) {
  const [form, setForm] = useState<FunctionForm>(() => functionForm(fn));
  const [problems, setProblems] = useState<Partial<Record<FunctionField, Problem | string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [skillText, setSkillText] = useState("");
  const lang = getLang();

  const set = <K extends keyof FunctionForm>(key: K, value: FunctionForm[K]) => {
    setSaved(false);
    setForm((old) => ({ ...old, [key]: value }));
  };
  const focusFirst = (found: Partial<Record<FunctionField, unknown>>) => {
    const first = FUNCTION_FIELDS.find((f) => found[f]);
    if (first) document.getElementById(`function-${first}`)?.focus();
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found = checkFunctionForm(form);
    setProblems(found);
    setFailure(null);
    setSaved(false);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      const updated = await updateFunction(fn.id, functionUpdate(form));
      onSaved(updated);
      setForm(functionForm(updated));
      setSaved(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const { fields, other } = functionServerProblems(error.fieldErrors);
        setProblems(fields);
        setFailure(other.join(" ") || (Object.keys(fields).length ? null : problemText(error)));
        focusFirst(fields);
      } else {
        setFailure(problemText(error));
      }
    } finally {
      setBusy(false);
    }
  };

  const field = (name: FunctionField) => problemWords(problems[name]);
  const levelOptions = levels.map((level) => ({ value: level.code, label: level.label }));
  if (form.educationLevel && !levels.some((level) => level.code === form.educationLevel)) {
    levelOptions.push({ value: form.educationLevel, label: form.educationLevel });
  }
  return (
    <section aria-labelledby="function-edit-title">
      <h2 id="function-edit-title">{te("fn.editTitle")}</h2>
      <form class="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <ErrorSummary
          message={failure}
          fields={FUNCTION_FIELDS.flatMap((name) => {
            const error = field(name);
            return error ? [{ id: `function-${name}`, label: te(LABELS[name]), error }] : [];
          })}
        />
        <TextField
          id="function-title"
          label={te("fn.name")}
          hint={te("fn.nameHint")}
          value={form.title}
          onValue={(value) => set("title", value)}
          error={field("title")}
          maxLength={120}
        />
        <TextArea
          id="function-description"
          label={te("fn.description")}
          hint={te("new.descriptionHint")}
          value={form.description}
          onValue={(value) => set("description", value)}
          error={field("description")}
          maxLength={5000}
          rows={4}
        />
        <TextArea
          id="function-tasks"
          label={te("fn.tasks")}
          hint={te("fn.tasksHint")}
          value={form.tasks}
          onValue={(value) => set("tasks", value)}
          error={field("tasks")}
          rows={5}
        />
        <h3 id="function-skills-title">{te("fn.skillsTitle")}</h3>
        <p class="field-hint">{te("fn.skillsIntro")}</p>
        <Combobox
          id="function-skills"
          label={te("fn.skillAdd")}
          hint={te("fn.skillAddHint")}
          error={field("skills")}
          text={skillText}
          onText={setSkillText}
          search={(query) => searchSkills(query, lang, 8)}
          onPick={(option) => {
            setSkillText("");
            set("skills", addSkill(form.skills, option.id, option.label));
          }}
          exclude={form.skills.map((s) => s.skill_id)}
          failText={te("fn.skillSearchFailed")}
        />
        {form.skills.length === 0 ? (
          <p>{te("fn.noSkills")}</p>
        ) : (
          <ul class="cards skill-list" aria-labelledby="function-skills-title">
            {form.skills.map((skill) => (
              <li key={skill.skill_id} class="card">
                <RadioGroup<SkillImportance>
                  id={`function-skill-${skill.skill_id}`}
                  legend={skill.label}
                  inline
                  value={skill.importance}
                  onChange={(value) => set("skills", setImportance(form.skills, skill.skill_id, value))}
                  options={[
                    { value: "essential", label: te("fn.essential") },
                    { value: "optional", label: te("fn.optional") },
                  ]}
                />
                <Button variant="quiet" onClick={() => set("skills", removeSkill(form.skills, skill.skill_id))}>
                  {te("fn.skillRemove")}
                  <span class="visually-hidden">: {skill.label}</span>
                </Button>
              </li>
            ))}
          </ul>
        )}
        <SelectField
          id="function-education_level"
          label={te("fn.education")}
          placeholder={te("fn.educationNone")}
          value={form.educationLevel}
          options={levelOptions}
          onValue={(value) => set("educationLevel", value)}
          error={field("education_level")}
        />
        <TextField
          id="function-hours_per_week_min"
          label={te("fn.hoursMin")}
          hint={te("new.hoursHint")}
          value={form.hoursMin}
          onValue={(value) => set("hoursMin", value)}
          error={field("hours_per_week_min")}
          inputMode="numeric"
          maxLength={2}
          size="short"
        />
        <TextField
          id="function-hours_per_week_max"
          label={te("fn.hoursMax")}
          hint={te("new.hoursHint")}
          value={form.hoursMax}
          onValue={(value) => set("hoursMax", value)}
          error={field("hours_per_week_max")}
          inputMode="numeric"
          maxLength={2}
          size="short"
        />
        <TextField
          id="function-postcode"
          label={te("fn.postcode")}
          hint={te("fn.postcodeHint")}
          value={form.postcode}
          onValue={(value) => set("postcode", value)}
          error={field("postcode")}
          autocomplete="postal-code"
          maxLength={7}
          size="short"
        />
        <Checkbox
          id="function-is_future"
          label={te("fn.future")}
          description={te("fn.futureHint")}
          checked={form.isFuture}
          onChange={(checked) => set("isFuture", checked)}
        />
        {form.isFuture ? (
          <>
            <TextField
              id="function-future_count"
              label={te("fn.futureCount")}
              hint={te("fn.futureCountHint")}
              value={form.futureCount}
              onValue={(value) => set("futureCount", value)}
              error={field("future_count")}
              inputMode="numeric"
              maxLength={6}
              size="short"
            />
            <TextField
              id="function-future_date"
              label={te("fn.futureDate")}
              type="date"
              value={form.futureDate}
              onValue={(value) => set("futureDate", value)}
              error={field("future_date")}
            />
          </>
        ) : null}
        {saved ? (
          <p class="done-note" role="status">
            {te("fn.saved")}
          </p>
        ) : null}
        <Button type="submit" busy={busy} busyLabel={te("org.busy")}>
          {te("fn.save")}
        </Button>
      </form>
    </section>
  );
}

function DeleteFunction({ fn, used }: { fn: JobFunction; used: number }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const inUse = useRef(used > 0);

  const remove = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await deleteFunction(fn.id);
      justDeleted.title = fn.title;
      navigate("/employer/functions");
    } catch (error) {
      if (error instanceof ApiError && error.code === "function_in_use") {
        inUse.current = true;
        setFailure(te("fn.inUse"));
      } else {
        setFailure(problemText(error));
      }
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="function-delete-title">
      <h2 id="function-delete-title">{te("fn.deleteTitle")}</h2>
      <p>{te(inUse.current ? "fn.deleteInUse" : "fn.deleteHint")}</p>
      <ErrorSummary message={failure} />
      {confirming ? (
        <div class="confirm" role="group" aria-label={te("fn.delete")}>
          <p>{te("fn.deleteConfirm")}</p>
          <Button variant="danger" busy={busy} busyLabel={te("dash.openBusy")} onClick={() => void remove()}>
            {te("fn.deleteYes")}
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            {te("fn.deleteNo")}
          </Button>
        </div>
      ) : (
        <div class="actions">
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            {te("fn.delete")}
          </Button>
        </div>
      )}
    </section>
  );
}
