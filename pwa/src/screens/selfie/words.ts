// The words for the selfie's fields and values, as catalogue keys. Typed maps rather than
// keys built from strings, so the compiler finds a value without words.
import type { SectionName } from "../../api/selfie";
import type { MessageKey } from "../../i18n";
import type {
  Cefr,
  ContactMethod,
  EmployerVisibility,
  ExperienceKind,
  LanguageSkill,
  RiasecType,
  TravelMode,
  WorkKind,
} from "./model";

export const SECTION_TITLES: Record<SectionName, MessageKey> = {
  basics: "section.basics.title",
  location: "section.location.title",
  availability: "section.availability.title",
  experience: "section.experience.title",
  skills: "section.skills.title",
  education: "section.education.title",
  languages: "section.languages.title",
  wishes: "section.wishes.title",
  interests: "section.interests.title",
  visibility: "section.visibility.title",
};

/** What the section is for, in one sentence (the wizard and Home). */
export const SECTION_INTROS: Record<SectionName, MessageKey> = {
  basics: "section.basics.intro",
  location: "section.location.intro",
  availability: "section.availability.intro",
  experience: "section.experience.intro",
  skills: "section.skills.intro",
  education: "section.education.intro",
  languages: "section.languages.intro",
  wishes: "section.wishes.intro",
  interests: "section.interests.intro",
  visibility: "section.visibility.intro",
};

/** Today's step on Home: a small task that takes about two minutes. */
export const SECTION_TASKS: Record<SectionName, MessageKey> = {
  basics: "section.basics.task",
  location: "section.location.task",
  availability: "section.availability.task",
  experience: "section.experience.task",
  skills: "section.skills.task",
  education: "section.education.task",
  languages: "section.languages.task",
  wishes: "section.wishes.task",
  interests: "section.interests.task",
  visibility: "section.visibility.task",
};

export const CONTACT_WORDS: Record<ContactMethod, MessageKey> = {
  app: "option.contact.app",
  phone: "option.contact.phone",
  sms: "option.contact.sms",
  whatsapp: "option.contact.whatsapp",
  email: "option.contact.email",
};

export const TRAVEL_WORDS: Record<TravelMode, MessageKey> = {
  walk: "option.travel.walk",
  bike: "option.travel.bike",
  public_transport: "option.travel.public_transport",
  car: "option.travel.car",
};

export const KIND_WORDS: Record<ExperienceKind, MessageKey> = {
  paid: "option.kind.paid",
  volunteer: "option.kind.volunteer",
  informal: "option.kind.informal",
};

export const KIND_HINTS: Record<ExperienceKind, MessageKey> = {
  paid: "option.kind.paid.hint",
  volunteer: "option.kind.volunteer.hint",
  informal: "option.kind.informal.hint",
};

export const WORK_WORDS: Record<WorkKind, MessageKey> = {
  job: "option.work.job",
  stage: "option.work.stage",
  opdracht: "option.work.opdracht",
  open_hiring: "option.work.open_hiring",
  volunteering: "option.work.volunteering",
};

export const WORK_HINTS: Record<WorkKind, MessageKey> = {
  job: "option.work.job.hint",
  stage: "option.work.stage.hint",
  opdracht: "option.work.opdracht.hint",
  open_hiring: "option.work.open_hiring.hint",
  volunteering: "option.work.volunteering.hint",
};

export const EMPLOYER_WORDS: Record<EmployerVisibility, MessageKey> = {
  none: "option.employers.none",
  anonymous: "option.employers.anonymous",
  full: "option.employers.full",
};

export const EMPLOYER_HINTS: Record<EmployerVisibility, MessageKey> = {
  none: "option.employers.none.hint",
  anonymous: "option.employers.anonymous.hint",
  full: "option.employers.full.hint",
};

export const SKILL_LEVEL_WORDS: Record<1 | 2 | 3 | 4, MessageKey> = {
  1: "option.skillLevel.1",
  2: "option.skillLevel.2",
  3: "option.skillLevel.3",
  4: "option.skillLevel.4",
};

export const SKILL_SOURCE_WORDS: Record<string, MessageKey> = {
  self: "option.source.self",
  from_experience: "option.source.from_experience",
  learning: "option.source.learning",
  confirmed_by: "option.source.confirmed_by",
};

/** "Ik kan…" for each CEFR level, per language skill. */
export const CEFR_SENTENCES: Record<LanguageSkill, Record<Cefr, MessageKey>> = {
  understanding: {
    A0: "cefr.understanding.A0",
    A1: "cefr.understanding.A1",
    A2: "cefr.understanding.A2",
    B1: "cefr.understanding.B1",
    B2: "cefr.understanding.B2",
    C1: "cefr.understanding.C1",
    C2: "cefr.understanding.C2",
  },
  speaking: {
    A0: "cefr.speaking.A0",
    A1: "cefr.speaking.A1",
    A2: "cefr.speaking.A2",
    B1: "cefr.speaking.B1",
    B2: "cefr.speaking.B2",
    C1: "cefr.speaking.C1",
    C2: "cefr.speaking.C2",
  },
  writing: {
    A0: "cefr.writing.A0",
    A1: "cefr.writing.A1",
    A2: "cefr.writing.A2",
    B1: "cefr.writing.B1",
    B2: "cefr.writing.B2",
    C1: "cefr.writing.C1",
    C2: "cefr.writing.C2",
  },
};

export const RIASEC_NAMES: Record<RiasecType, MessageKey> = {
  R: "riasec.R.name",
  I: "riasec.I.name",
  A: "riasec.A.name",
  S: "riasec.S.name",
  E: "riasec.E.name",
  C: "riasec.C.name",
};

export const RIASEC_DESCRIPTIONS: Record<RiasecType, MessageKey> = {
  R: "riasec.R.description",
  I: "riasec.I.description",
  A: "riasec.A.description",
  S: "riasec.S.description",
  E: "riasec.E.description",
  C: "riasec.C.description",
};

export const SCALE_WORDS: Record<1 | 2 | 3 | 4 | 5, MessageKey> = {
  1: "interests.scale.1",
  2: "interests.scale.2",
  3: "interests.scale.3",
  4: "interests.scale.4",
  5: "interests.scale.5",
};

/**
 * Field labels by dotted path without list positions: "basics.display_name",
 * "experience.entries.title" (a field of any experience entry), "languages.dutch.speaking".
 */
export const FIELD_WORDS: Record<string, MessageKey> = {
  "basics.display_name": "field.basics.display_name",
  "basics.birth_year": "field.basics.birth_year",
  "basics.phone": "field.basics.phone",
  "basics.email": "field.basics.email",
  "basics.preferred_language": "field.basics.preferred_language",
  "basics.contact_methods": "field.basics.contact_methods",
  "location.postcode": "field.location.postcode",
  "location.max_distance_km": "field.location.max_distance_km",
  "location.travel_modes": "field.location.travel_modes",
  "location.has_driving_licence": "field.location.has_driving_licence",
  "availability.days_per_week": "field.availability.days_per_week",
  "availability.schedule": "field.availability.schedule",
  "availability.hours_per_week_min": "field.availability.hours_per_week_min",
  "availability.hours_per_week_max": "field.availability.hours_per_week_max",
  "availability.start_date": "field.availability.start_date",
  "availability.constraints": "field.availability.constraints",
  "experience.no_experience": "field.experience.no_experience",
  "experience.entries": "field.experience.entries",
  "experience.entries.occupation_id": "field.experience.occupation_id",
  "experience.entries.title": "field.experience.occupation_id",
  "experience.entries.kind": "field.experience.kind",
  "experience.entries.start": "field.experience.start",
  "experience.entries.end": "field.experience.end",
  "experience.entries.ongoing": "field.experience.ongoing",
  "experience.entries.description": "field.experience.description",
  "skills.entries": "field.skills.entries",
  "skills.entries.skill_id": "field.skills.skill_id",
  "skills.entries.level": "field.skills.level",
  "skills.entries.source": "field.skills.source",
  "skills.rejected_suggestions": "field.skills.rejected_suggestions",
  "education.highest_level": "field.education.highest_level",
  "education.diplomas": "field.education.diplomas",
  "education.diplomas.name": "field.education.diploma.name",
  "education.diplomas.level": "field.education.diploma.level",
  "education.diplomas.year": "field.education.diploma.year",
  "education.diplomas.completed": "field.education.diploma.completed",
  "education.studying_now": "field.education.studying_now",
  "education.current_study": "field.education.current_study",
  "languages.dutch": "field.languages.dutch",
  "languages.dutch.understanding": "field.languages.understanding",
  "languages.dutch.speaking": "field.languages.speaking",
  "languages.dutch.writing": "field.languages.writing",
  "languages.others": "field.languages.others",
  "languages.others.language": "field.languages.language",
  "languages.others.understanding": "field.languages.understanding",
  "languages.others.speaking": "field.languages.speaking",
  "languages.others.writing": "field.languages.writing",
  "wishes.occupation_ids": "field.wishes.occupation_ids",
  "wishes.work_kinds": "field.wishes.work_kinds",
  "wishes.hours_per_week_min": "field.wishes.hours_per_week_min",
  "wishes.hours_per_week_max": "field.wishes.hours_per_week_max",
  "wishes.learn_skill_ids": "field.wishes.learn_skill_ids",
  "wishes.learn_text": "field.wishes.learn_text",
  "interests.answers": "field.interests.answers",
  "visibility.employers": "field.visibility.employers",
  "visibility.shared_sections": "field.visibility.shared_sections",
  "visibility.statistics": "field.visibility.statistics",
};

export const DAY_WORDS: Record<string, MessageKey> = {
  mon: "day.mon",
  tue: "day.tue",
  wed: "day.wed",
  thu: "day.thu",
  fri: "day.fri",
  sat: "day.sat",
  sun: "day.sun",
};

export const DAY_PART_WORDS: Record<string, MessageKey> = {
  morning: "dayPart.morning",
  afternoon: "dayPart.afternoon",
  evening: "dayPart.evening",
};
