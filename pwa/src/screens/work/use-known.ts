// Load what a screen shows, with the copy on the phone as the offline fallback.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { loadOrLastKnown, type Known } from "./last-known";

export type Loaded<T> =
  | { status: "loading" }
  | { status: "ready"; known: Known<T> }
  | { status: "failed"; error: unknown };

/**
 * Load `load()` under `key` on mount and whenever `key` changes; `reload()` asks again
 * and keeps the old answer on screen while it waits.
 */
export function useKnown<T>(key: string, load: () => Promise<T>): [Loaded<T>, () => void, (value: T) => void] {
  const [state, setState] = useState<Loaded<T>>({ status: "loading" });
  const request = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(() => {
    const mine = ++request.current;
    loadOrLastKnown(key, () => loadRef.current()).then(
      (known) => mine === request.current && setState({ status: "ready", known }),
      (error: unknown) => mine === request.current && setState({ status: "failed", error }),
    );
  }, [key]);

  useEffect(() => {
    setState({ status: "loading" });
    run();
    return () => {
      request.current++; // an answer after the screen is gone is dropped
    };
  }, [run]);

  // After a write the screen has the new value from the server: show it at once.
  const replace = useCallback((value: T) => {
    request.current++;
    setState({ status: "ready", known: { value, at: Date.now(), stale: false } });
  }, []);

  return [state, run, replace];
}
