// Loading the public figures: one small hook, with the states a screen shows.
import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";

export type Loaded<T> =
  | { status: "loading" }
  | { status: "failed"; error: unknown }
  | { status: "ready"; value: T };

/** Load `fetcher()` when `key` changes; `reload` asks again. */
export function useLoaded<T>(key: string, fetcher: () => Promise<T>): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: "loading" });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let active = true;
    setState({ status: "loading" });
    fetcher().then(
      (value) => active && setState({ status: "ready", value }),
      (error: unknown) => active && setState({ status: "failed", error }),
    );
    return () => {
      active = false;
    };
    // The fetcher follows the key.
  }, [key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return [state, reload];
}

/** The server answers 404 with this code before the first publication. */
export function isNotPublished(error: unknown): boolean {
  return error instanceof ApiError && error.code === "not_published";
}

export function isUnknownRegion(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && error.code !== "not_published";
}
