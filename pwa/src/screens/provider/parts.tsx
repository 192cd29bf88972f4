// What the provider's screens share: loading, the own organisation, failures, chips.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import type { Organisation } from "../../api/employer";
import { listMyOrganisations } from "../../api/learning";
import { LoadFailed } from "../../components/load-state";
import { t } from "../../i18n";
import { tp } from "./words";

export { Loading } from "../../components/load-state";

export type Loaded<T> = { status: "loading" } | { status: "failed"; error: unknown } | { status: "ready"; value: T };

/** Load once on mount (and on `reload`). */
export function useLoaded<T>(load: () => Promise<T>, deps: readonly unknown[]): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: "loading" });
  const request = useRef(0);
  const run = () => {
    const mine = ++request.current;
    load().then(
      (value) => mine === request.current && setState({ status: "ready", value }),
      (error: unknown) => mine === request.current && setState({ status: "failed", error }),
    );
  };
  useEffect(() => {
    run();
    return () => {
      request.current++;
    };
  }, deps);
  return [state, run];
}

/** The provider's (first) provider organisation, or null when there is none yet. */
export async function ownOrganisation(): Promise<Organisation | null> {
  const organisations = await listMyOrganisations();
  return organisations.find((o) => o.kind === "provider") ?? null;
}

/** What went wrong, in the person's words; `write` for a change that needs the network. */
export function problemText(error: unknown, write = false): string {
  if (!(error instanceof ApiError)) return t("error.unknown");
  if (error.isNetworkError) return tp(write ? "common.offlineWrite" : "common.loadFailed");
  if (error.status >= 500) return t("error.server");
  return error.message || t("error.unknown");
}

export function Failed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return <LoadFailed message={problemText(error)} retryLabel={tp("common.retry")} onRetry={onRetry} />;
}
