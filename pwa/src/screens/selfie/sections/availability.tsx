import { AvailabilityGrid, DAY_PARTS, WEEKDAYS, daysWithSlots, type Schedule } from "../../../components/availability-grid";
import { RadioGroup } from "../../../components/choice";
import { NumberField } from "../../../components/checked-field";
import { TextArea } from "../../../components/text-area";
import { TextField } from "../../../components/text-field";
import { t } from "../../../i18n";
import { fieldId, type FormProps } from "../form";
import { put, record, someOf, text, whole, type Data } from "../model";

const DAY_COUNTS = ["1", "2", "3", "4", "5", "6", "7"] as const;

export function readSchedule(value: unknown): Schedule {
  const raw = record(value);
  const schedule: Schedule = {};
  for (const day of WEEKDAYS) {
    const parts = someOf(DAY_PARTS, raw[day]);
    if (parts.length > 0) schedule[day] = parts;
  }
  return schedule;
}

/**
 * Bounds for the hour fields: the lowest may not be above the highest (the server would
 * refuse the section), so each field's range stops at the other's value.
 */
export function hourBounds(data: Data): { min: [number, number]; max: [number, number] } {
  const low = whole(data.hours_per_week_min);
  const high = whole(data.hours_per_week_max);
  return { min: [1, high ?? 60], max: [low ?? 1, 60] };
}

export function AvailabilityForm({ data, update, errorFor }: FormProps) {
  const set = (key: string, value: unknown) => update((old) => put(old, key, value));
  const days = whole(data.days_per_week);
  const schedule = readSchedule(data.schedule);
  const ticked = daysWithSlots(schedule);
  const tooFewDays = days !== null && ticked > 0 && ticked < days;
  const hours = hourBounds(data);
  return (
    <>
      <RadioGroup
        id={fieldId("availability.days_per_week")}
        legend={t("field.availability.days_per_week")}
        hint={t("availability.daysHint")}
        inline
        options={DAY_COUNTS.map((n) => ({ value: n, label: n }))}
        value={days === null ? null : (String(days) as (typeof DAY_COUNTS)[number])}
        onChange={(v) => set("days_per_week", Number(v))}
        error={errorFor("availability.days_per_week")}
      />
      <AvailabilityGrid
        id={fieldId("availability.schedule")}
        legend={t("field.availability.schedule")}
        hint={t("availability.scheduleHint")}
        schedule={schedule}
        onChange={(next) => set("schedule", Object.keys(next).length > 0 ? next : null)}
        error={
          errorFor("availability.schedule") ??
          (tooFewDays ? t("availability.tooFewDays", { days: days ?? 0, ticked }) : null)
        }
      />
      <NumberField
        id={fieldId("availability.hours_per_week_min")}
        label={t("field.availability.hours_per_week_min")}
        min={hours.min[0]}
        max={hours.min[1]}
        value={whole(data.hours_per_week_min)}
        onValue={(v) => set("hours_per_week_min", v)}
        error={errorFor("availability.hours_per_week_min")}
      />
      <NumberField
        id={fieldId("availability.hours_per_week_max")}
        label={t("field.availability.hours_per_week_max")}
        min={hours.max[0]}
        max={hours.max[1]}
        value={whole(data.hours_per_week_max)}
        onValue={(v) => set("hours_per_week_max", v)}
        error={errorFor("availability.hours_per_week_max")}
      />
      <TextField
        id={fieldId("availability.start_date")}
        label={t("field.availability.start_date")}
        hint={t("availability.startHint")}
        type="date"
        value={text(data.start_date)}
        onValue={(v) => set("start_date", /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null)}
        error={errorFor("availability.start_date")}
      />
      <TextArea
        id={fieldId("availability.constraints")}
        label={t("field.availability.constraints")}
        hint={t("availability.constraintsHint")}
        maxLength={2000}
        value={text(data.constraints)}
        onValue={(v) => set("constraints", v)}
        error={errorFor("availability.constraints")}
      />
    </>
  );
}
