// The terms of a vacancy, shared by the new-vacancy form and the form that changes one:
// title, description, the kind of work, how people are chosen, places, days, hours, the
// first and last day, apply until, place, age.
import type { HiringMode, VacancyKind } from "../../api/vacancies";
import { AvailabilityGrid } from "../../components/availability-grid";
import { RadioGroup } from "../../components/choice";
import { TextArea } from "../../components/text-area";
import { TextField } from "../../components/text-field";
import type { VacancyField, VacancyForm } from "./form";
import { te, type EmployerKey } from "./words";

/** Each field's label, for the error summary of the new-vacancy and the change forms. */
export const VACANCY_LABELS: Record<VacancyField, EmployerKey> = {
  function: "new.function",
  occupation: "new.occupation",
  kind: "new.kind",
  title: "new.jobTitle",
  description: "new.description",
  places: "new.places",
  schedule: "new.schedule",
  hours: "new.hours",
  start_date: "new.start",
  end_date: "new.end",
  closes_on: "new.closesOn",
  postcode: "new.postcode",
  min_age: "new.minAge",
};

interface TermsProps {
  form: VacancyForm;
  set: <K extends keyof VacancyForm>(key: K, value: VacancyForm[K]) => void;
  field: (name: VacancyField) => string | null;
  /** Published: how people are chosen can no longer change. */
  modeFixed?: boolean;
}

export function VacancyTermsFields({ form, set, field, modeFixed = false }: TermsProps) {
  return (
    <>
      <TextField
        id="vacancy-title"
        label={te("new.jobTitle")}
        hint={te("new.jobTitleHint")}
        value={form.title}
        onValue={(value) => set("title", value)}
        error={field("title")}
        maxLength={120}
      />
      <TextArea
        id="vacancy-description"
        label={te("new.description")}
        hint={te("new.descriptionHint")}
        value={form.description}
        onValue={(value) => set("description", value)}
        error={field("description")}
        maxLength={5000}
        rows={3}
      />
      <RadioGroup<VacancyKind>
        id="vacancy-kind"
        legend={te("new.kind")}
        inline
        value={form.kind}
        onChange={(value) => set("kind", value)}
        error={field("kind")}
        options={[
          { value: "job", label: te("kind.job") },
          { value: "stage", label: te("kind.stage") },
          { value: "opdracht", label: te("kind.opdracht") },
        ]}
      />
      {modeFixed ? (
        <p class="field-hint" id="vacancy-mode">
          {te(form.mode === "open" ? "edit.modeFixedOpen" : "edit.modeFixedRegular")}
        </p>
      ) : (
        <RadioGroup<HiringMode>
          id="vacancy-mode"
          legend={te("new.mode")}
          value={form.mode}
          onChange={(value) => set("mode", value)}
          options={[
            { value: "open", label: te("new.modeOpen"), description: te("new.modeOpenHint") },
            { value: "regular", label: te("new.modeRegular"), description: te("new.modeRegularHint") },
          ]}
        />
      )}
      <TextField
        id="vacancy-places"
        label={te("new.places")}
        hint={te("new.placesHint")}
        value={form.places}
        onValue={(value) => set("places", value)}
        error={field("places")}
        inputMode="numeric"
        maxLength={4}
        size="short"
      />
      <AvailabilityGrid
        id="vacancy-schedule"
        legend={te("new.schedule")}
        hint={te("new.scheduleHint")}
        error={field("schedule")}
        schedule={form.schedule}
        onChange={(schedule) => set("schedule", schedule)}
      />
      <TextField
        id="vacancy-hours"
        label={te("new.hours")}
        hint={te("new.hoursHint")}
        value={form.hours}
        onValue={(value) => set("hours", value)}
        error={field("hours")}
        inputMode="numeric"
        maxLength={2}
        size="short"
      />
      <TextField
        id="vacancy-start_date"
        label={te("new.start")}
        type="date"
        value={form.startDate}
        onValue={(value) => set("startDate", value)}
        error={field("start_date")}
      />
      <TextField
        id="vacancy-end_date"
        label={te("new.end")}
        hint={te("new.endHint")}
        type="date"
        value={form.endDate}
        onValue={(value) => set("endDate", value)}
        error={field("end_date")}
      />
      <TextField
        id="vacancy-closes_on"
        label={te("new.closesOn")}
        hint={te("new.closesOnHint")}
        type="date"
        value={form.closesOn}
        onValue={(value) => set("closesOn", value)}
        error={field("closes_on")}
      />
      <TextField
        id="vacancy-postcode"
        label={te("new.postcode")}
        hint={te("new.postcodeHint")}
        value={form.postcode}
        onValue={(value) => set("postcode", value)}
        error={field("postcode")}
        autocomplete="postal-code"
        maxLength={7}
        size="short"
      />
      <TextField
        id="vacancy-min_age"
        label={te("new.minAge")}
        hint={te("new.minAgeHint")}
        value={form.minAge}
        onValue={(value) => set("minAge", value)}
        error={field("min_age")}
        inputMode="numeric"
        maxLength={2}
        size="short"
      />
    </>
  );
}
