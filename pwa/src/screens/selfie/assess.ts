// When a section is complete, worked out on the phone with the server's rules
// (backend/selfie/sections.py, docs/selfie.md). The server stays the judge: its status
// counts once a section is synced. This copy lets the ring and "what is still missing"
// move at once, also offline, instead of only after the next sync.
import type { SectionName, SectionStatus } from "../../api/selfie";
import type { LocalSection } from "../../sync/selfie-sync";
import {
  LANGUAGE_SKILLS,
  PHONE_METHODS,
  RIASEC_TYPES,
  flag,
  isBlank,
  record,
  records,
  texts,
  whole,
  type Data,
} from "./model";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const MIN_ANSWERS_PER_TYPE = 4;

function need(data: Data, prefix: string, ...names: string[]): string[] {
  return names.filter((name) => isBlank(data[name])).map((name) => `${prefix}.${name}`);
}

/** Valid RIASEC answers per type: item ids R1…C8, values 1 to 5. */
export function answersPerType(answers: Data): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(RIASEC_TYPES.map((type) => [type, 0]));
  for (const [id, value] of Object.entries(answers)) {
    const type = id.charAt(0);
    if (/^[RIASEC][1-8]$/.test(id) && whole(value) !== null && (value as number) >= 1 && (value as number) <= 5) {
      counts[type] = (counts[type] ?? 0) + 1;
    }
  }
  return counts;
}

const RULES: Record<SectionName, (d: Data) => string[]> = {
  basics(d) {
    const missing = need(d, "basics", "display_name", "preferred_language", "contact_methods");
    const methods = texts(d.contact_methods);
    if (methods.some((m) => PHONE_METHODS.includes(m))) missing.push(...need(d, "basics", "phone"));
    if (methods.includes("email")) missing.push(...need(d, "basics", "email"));
    return missing;
  },
  location(d) {
    const missing = need(d, "location", "postcode", "max_distance_km", "travel_modes");
    if (flag(d.has_driving_licence) === null) missing.push("location.has_driving_licence");
    return missing;
  },
  availability(d) {
    const missing = need(d, "availability", "days_per_week");
    const schedule = record(d.schedule);
    const days = WEEKDAYS.filter((day) => texts(schedule[day]).length > 0).length;
    if (days === 0 || days < (whole(d.days_per_week) ?? 0)) missing.push("availability.schedule");
    return [...missing, ...need(d, "availability", "hours_per_week_min", "hours_per_week_max")];
  },
  experience(d) {
    const entries = records(d.entries);
    if (entries.length === 0) return d.no_experience === true ? [] : ["experience.entries"];
    const missing: string[] = [];
    entries.forEach((entry, i) => {
      const path = `experience.entries.${i}`;
      if (isBlank(entry.occupation_id) && isBlank(entry.title)) missing.push(`${path}.occupation_id`);
      missing.push(...need(entry, path, "kind", "start"));
      if (isBlank(entry.end) && entry.ongoing !== true) missing.push(`${path}.end`);
    });
    return missing;
  },
  skills(d) {
    const entries = records(d.entries);
    if (entries.length === 0) return ["skills.entries"];
    return entries.flatMap((entry, i) => need(entry, `skills.entries.${i}`, "skill_id", "level"));
  },
  education(d) {
    const missing = need(d, "education", "highest_level");
    if (flag(d.studying_now) === null) missing.push("education.studying_now");
    records(d.diplomas).forEach((diploma, i) => missing.push(...need(diploma, `education.diplomas.${i}`, "name")));
    return missing;
  },
  languages(d) {
    const missing = need(record(d.dutch), "languages.dutch", ...LANGUAGE_SKILLS);
    records(d.others).forEach((other, i) =>
      missing.push(...need(other, `languages.others.${i}`, "language", ...LANGUAGE_SKILLS)),
    );
    return missing;
  },
  wishes(d) {
    return need(d, "wishes", "occupation_ids", "work_kinds");
  },
  interests(d) {
    const counts = answersPerType(record(d.answers));
    return Object.values(counts).every((n) => n >= MIN_ANSWERS_PER_TYPE) ? [] : ["interests.answers"];
  },
  visibility(d) {
    // Both have defaults, but the step is done only once the person chose for themselves.
    return (["employers", "statistics"] as const).filter((k) => d[k] === null || d[k] === undefined).map((k) => `visibility.${k}`);
  },
};

export interface Assessment {
  status: SectionStatus;
  missing: string[];
}

export function assess(name: SectionName, data: Data): Assessment {
  const missing = RULES[name](data);
  if (isBlank(data)) return { status: "empty", missing };
  return { status: missing.length === 0 ? "complete" : "draft", missing };
}

/**
 * The status to show: the server's while the section is synced (it also checks the
 * reference data), else what the phone works out from the answers it holds. A section
 * the server never wrote (version 0, or never fetched: offline) has nothing of the
 * server's to trust; its empty `missing` would read as "done".
 */
export function effectiveStatus(
  section: Pick<LocalSection, "name" | "data" | "state" | "serverStatus" | "serverVersion" | "missing">,
): Assessment {
  if (section.state === "synced" && section.serverVersion > 0) return { status: section.serverStatus, missing: section.missing };
  return assess(section.name, section.data);
}
