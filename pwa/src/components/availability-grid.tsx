// The 7 × 3 week grid: one big toggle button per day and part of the day. Buttons with
// aria-pressed, in reading order, so Tab, Space and Enter are all a keyboard needs.
import { t, type MessageKey } from "../i18n";
import { FieldGroup } from "./field-frame";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const DAY_PARTS = ["morning", "afternoon", "evening"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type DayPart = (typeof DAY_PARTS)[number];
export type Schedule = Partial<Record<Weekday, DayPart[]>>;

export const DAY_NAMES: Record<Weekday, MessageKey> = {
  mon: "day.mon",
  tue: "day.tue",
  wed: "day.wed",
  thu: "day.thu",
  fri: "day.fri",
  sat: "day.sat",
  sun: "day.sun",
};
export const PART_NAMES: Record<DayPart, MessageKey> = {
  morning: "dayPart.morning",
  afternoon: "dayPart.afternoon",
  evening: "dayPart.evening",
};

/** Turn one slot on or off; days left without a slot are dropped (not answered). */
export function toggleSlot(schedule: Schedule, day: Weekday, part: DayPart): Schedule {
  const parts = new Set(schedule[day] ?? []);
  if (parts.has(part)) parts.delete(part);
  else parts.add(part);
  const next: Schedule = {};
  for (const d of WEEKDAYS) {
    const chosen = d === day ? DAY_PARTS.filter((p) => parts.has(p)) : (schedule[d] ?? []);
    if (chosen.length > 0) next[d] = chosen;
  }
  return next;
}

/** How many days have at least one part ticked. */
export function daysWithSlots(schedule: Schedule): number {
  return WEEKDAYS.filter((day) => (schedule[day] ?? []).length > 0).length;
}

interface AvailabilityGridProps {
  id: string;
  legend: string;
  hint?: string;
  error?: string | null;
  schedule: Schedule;
  onChange: (schedule: Schedule) => void;
}

export function AvailabilityGrid({ id, legend, hint, error, schedule, onChange }: AvailabilityGridProps) {
  return (
    <FieldGroup id={id} legend={legend} hint={hint} error={error} extraClass="week-grid">
      {WEEKDAYS.map((day, row) => {
        const dayName = t(DAY_NAMES[day]);
        return (
          <div key={day} class="week-day" role="group" aria-labelledby={`${id}-${day}`}>
            <span id={`${id}-${day}`} class="week-day-name">
              {dayName}
            </span>
            <div class="week-slots">
              {DAY_PARTS.map((part, col) => {
                const pressed = (schedule[day] ?? []).includes(part);
                return (
                  <button
                    key={part}
                    type="button"
                    id={row === 0 && col === 0 ? id : undefined}
                    class="week-slot"
                    aria-pressed={pressed ? "true" : "false"}
                    onClick={() => onChange(toggleSlot(schedule, day, part))}
                  >
                    {pressed ? (
                      <span class="tick" aria-hidden="true">
                        ✓
                      </span>
                    ) : null}
                    {/* The day is part of the name, so "maandag ochtend" is clear on its own. */}
                    <span class="visually-hidden">{dayName} </span>
                    {t(PART_NAMES[part])}
                  </button>
                );
              })}
            </div>
          </div>
        );
      })}
    </FieldGroup>
  );
}
