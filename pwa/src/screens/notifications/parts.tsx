// Small pieces the notification screens share: failures in words, a time field.
import type { TargetedInputEvent } from "preact";
import { ApiError } from "../../api/client";
import { describedBy, LabelledField } from "../../components/field-frame";
import { LoadFailed as Failed } from "../../components/load-state";
import { t } from "../../i18n";
import { tn } from "./words";

export { Loading } from "../../components/load-state";

/** What went wrong, in the person's words. */
export function failureText(error: unknown, write = false): string {
  if (!(error instanceof ApiError)) return t("error.unknown");
  if (error.isNetworkError) return tn(write ? "common.offlineWrite" : "common.loadFailed");
  if (error.status >= 500) return t("error.server");
  return error.message || t("error.unknown");
}

export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return <Failed message={failureText(error)} retryLabel={tn("common.retry")} onRetry={onRetry} />;
}

interface TimeFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string;
  error?: string | null;
}

/** A native time input (the phone shows its own clock picker), as "HH:MM". */
export function TimeField({ id, label, value, onValue, hint, error }: TimeFieldProps) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <div class="field-control">
        <input
          type="time"
          id={id}
          name={id}
          class="field-input field-input-short"
          value={value}
          step={60}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={describedBy(id, hint, error)}
          onInput={(event: TargetedInputEvent<HTMLInputElement>) => onValue(event.currentTarget.value)}
        />
      </div>
    </LabelledField>
  );
}
