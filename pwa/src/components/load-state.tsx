// What a screen shows while it loads, and when loading failed (with a way to try again).
import { t } from "../i18n";
import { Button } from "./button";

export function Loading() {
  return (
    <p class="loading" role="status">
      {t("app.loading")}
    </p>
  );
}

interface FailedProps {
  /** What went wrong, in the person's words. */
  message: string;
  retryLabel: string;
  onRetry: () => void;
}

export function LoadFailed({ message, retryLabel, onRetry }: FailedProps) {
  return (
    <div class="warning" role="alert">
      <p>{message}</p>
      <Button variant="secondary" onClick={onRetry}>
        {retryLabel}
      </Button>
    </div>
  );
}
