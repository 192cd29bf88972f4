// What every section form gets from the wizard, and the server's field errors in words.
import type { Lang } from "../../api/selfie";
import { getLang, t, type MessageKey } from "../../i18n";
import type { LocalSection } from "../../sync/selfie-sync";
import type { Data } from "./model";
import type { Step } from "./steps";

export interface FormProps {
  section: LocalSection;
  data: Data;
  update: (next: Data | ((old: Data) => Data)) => void;
  /** The server's complaint about a dotted path ("basics.phone"), in words; or null. */
  errorFor: (path: string) => string | null;
  lang: Lang;
  step: Step;
}

/** The element id of a field: its dotted path with dashes (error summary links use it). */
export function fieldId(path: string): string {
  return path.replace(/\./g, "-");
}

// The server explains a refused value in English (docs/selfie.md: 422 by dotted path).
// Known explanations get our own words; anything else a plain "check this".
const SERVER_MESSAGES: Record<string, MessageKey> = {
  "A birth year cannot be in the future.": "serverError.birthYearFuture",
  "Use digits, e.g. 06 12345678 or +31 6 12345678.": "error.phone",
  "Not a valid email address.": "error.emailInvalid",
  "The maximum must not be lower than the minimum.": "error.minMax",
  "The start cannot be in the future.": "error.monthFuture",
  "The end must not be before the start.": "error.endBeforeStart",
  "Leave the end empty while it goes on.": "serverError.endOngoing",
  "A completed diploma cannot have a year in the future.": "error.diplomaFuture",
  "Listed twice.": "serverError.twice",
  "This skill is listed twice.": "serverError.twice",
  "Use 4 digits, optionally followed by 2 letters, e.g. 1234 AB.": "error.postcodeShape",
  "We do not know this postcode.": "postcode.unknown",
  "This is not a known ESCO id.": "serverError.unknownId",
  "This is not a known education level.": "serverError.unknownLevel",
  "Remove the control characters from this text.": "serverError.controlChars",
  "Only an employer or a mentor can confirm a skill.": "serverError.confirmedBy",
};

export function serverErrorText(messages: readonly string[]): string {
  const first = messages[0] ?? "";
  const known = SERVER_MESSAGES[first];
  if (known) return t(known);
  // In English the server's own words are fine; in Dutch we say what to do.
  return getLang() === "en" && first ? first : t("serverError.other");
}

/**
 * Errors by path for a section. The server names list items by position
 * ("experience.entries.0.start").
 */
export function errorLookup(section: LocalSection | null): (path: string) => string | null {
  const errors = section?.errors ?? {};
  const prefix = section ? `${section.name}.` : "";
  return (path) => {
    // The API names fields with their section ("location.postcode"); accept both forms.
    const messages = errors[path] ?? (path.startsWith(prefix) ? errors[path.slice(prefix.length)] : undefined);
    return messages && messages.length > 0 ? serverErrorText(messages) : null;
  };
}

/** Does the server refuse anything under this path (e.g. one experience entry)? */
export function hasErrorsUnder(section: LocalSection, path: string): boolean {
  const local = path.startsWith(`${section.name}.`) ? path.slice(section.name.length + 1) : path;
  return Object.keys(section.errors).some(
    (key) => key === path || key.startsWith(`${path}.`) || key === local || key.startsWith(`${local}.`),
  );
}
