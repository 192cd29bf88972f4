// Small pieces the work screens share: a failed load, the "offline copy" note.
import { LoadFailed as Failed } from "../../components/load-state";
import { failureText, formatClock } from "./format";
import { tw } from "./words";

export { Loading } from "../../components/load-state";

export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return <Failed message={failureText(error)} retryLabel={tw("common.retry")} onRetry={onRetry} />;
}

/** Shown above data that came from the phone because the network failed. */
export function StaleNote({ at }: { at: number }) {
  return (
    <p class="notice" role="status">
      {tw("common.stale", { time: formatClock(at) })}
    </p>
  );
}
