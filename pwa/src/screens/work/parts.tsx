// Small pieces the work screens share: loading, a failed load, the "offline copy" note.
import { Button } from "../../components/button";
import { t } from "../../i18n";
import { failureText, formatClock } from "./format";
import { tw } from "./words";

export function Loading() {
  return (
    <p class="loading" role="status">
      {t("app.loading")}
    </p>
  );
}

export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div class="warning" role="alert">
      <p>{failureText(error)}</p>
      <Button variant="secondary" onClick={onRetry}>
        {tw("common.retry")}
      </Button>
    </div>
  );
}

/** Shown above data that came from the phone because the network failed. */
export function StaleNote({ at }: { at: number }) {
  return (
    <p class="notice" role="status">
      {tw("common.stale", { time: formatClock(at) })}
    </p>
  );
}
