// Load a screen's code only when it is first shown, so the first load stays small.
import type { FunctionComponent } from "preact";
import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n";
import { Button } from "./button";

type Loaded<P> = FunctionComponent<P>;

/** A component that imports `load` on first render and shows it once it is there. */
export function lazyScreen<P extends object>(load: () => Promise<Loaded<P>>): FunctionComponent<P> {
  let loaded: Loaded<P> | null = null;
  let loading: Promise<Loaded<P>> | null = null;
  const start = () => {
    loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = null; // try again next time
        throw error;
      },
    );
    return loading;
  };

  function LazyScreen(props: P) {
    const [, setReady] = useState(false);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded) return;
      let active = true;
      start().then(
        () => active && setReady(true),
        () => active && setFailed(true),
      );
      return () => {
        active = false;
      };
    }, []);
    if (loaded) {
      const Component = loaded;
      return <Component {...props} />;
    }
    if (failed) {
      return (
        <div role="alert" class="error-summary">
          <p>{t("app.loadFailed")}</p>
          <Button onClick={() => location.reload()}>{t("app.reload")}</Button>
        </div>
      );
    }
    return (
      <p class="loading" role="status">
        {t("app.loading")}
      </p>
    );
  }
  return LazyScreen;
}
