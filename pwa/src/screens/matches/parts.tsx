// What the matches and learning screens share: a failed load, the "offline copy" note.
import { ApiError } from "../../api/client";
import { LoadFailed } from "../../components/load-state";
import { getLang, t } from "../../i18n";
import { tm, type MatchesKey } from "./words";

export { Loading } from "../../components/load-state";

/** What went wrong with a read, in the person's words. */
export function failureText(error: unknown): string {
  if (!(error instanceof ApiError)) return t("error.unknown");
  if (error.isNetworkError) return tm("loadFailed");
  if (error.status >= 500) return t("error.server");
  return error.message || t("error.unknown");
}

export function Failed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return <LoadFailed message={failureText(error)} retryLabel={tm("retry")} onRetry={onRetry} />;
}

/** Shown above data that came from the phone because the network failed. */
export function StaleNote({ at }: { at: number }) {
  const time = new Date(at).toLocaleTimeString(getLang() === "en" ? "en-GB" : "nl-NL", {
    hour: "2-digit",
    minute: "2-digit",
  });
  return (
    <p class="notice" role="status">
      {tm("stale", { time })}
    </p>
  );
}

/** A distance in km in words: "6" or "2,5". */
export function formatKm(km: number): string {
  const rounded = km < 10 ? Math.round(km * 10) / 10 : Math.round(km);
  return new Intl.NumberFormat(getLang() === "en" ? "en-GB" : "nl-NL").format(rounded);
}

const MISSING_WORDS: Readonly<Record<string, MatchesKey>> = {
  "location.postcode": "missing.location.postcode",
  "location.max_distance_km": "missing.location.max_distance_km",
  "availability.schedule": "missing.availability.schedule",
  "skills.entries": "missing.skills.entries",
  "wishes.occupation_ids": "missing.wishes.occupation_ids",
};

/** The words for a selfie field the API says is missing (the field's name if unknown). */
export function missingWords(field: string): string {
  const key = MISSING_WORDS[field];
  return key ? tm(key) : field;
}
