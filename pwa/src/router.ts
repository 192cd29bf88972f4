// A small history router: the path is the state, links and redirects push or replace it.
import { useEffect, useState } from "preact/hooks";

const listeners = new Set<() => void>();

// Set when the person moves to another screen, cleared by the screen that takes the
// focus to its heading. A flag rather than an effect in the app: screens can load lazily,
// so the heading may appear some time after the path changed.
let focusRequested = false;

function notify(): void {
  for (const listener of listeners) listener();
}

/** Go to `path` inside the app without a page load. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === location.pathname) return;
  if (options.replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  focusRequested = true;
  notify();
}

/** True once after a navigation: the screen that shows next takes the focus. */
export function takeFocusRequest(): boolean {
  const requested = focusRequested;
  focusRequested = false;
  return requested;
}

/** The current path; re-renders on navigation and on the back button. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    const back = () => {
      focusRequested = true;
      update();
    };
    listeners.add(update);
    window.addEventListener("popstate", back);
    update();
    return () => {
      listeners.delete(update);
      window.removeEventListener("popstate", back);
    };
  }, []);
  return path;
}

/** The parts of a path: "/selfie/experience/2" → ["selfie", "experience", "2"]. */
export function pathParts(path: string): string[] {
  return path.split("/").filter(Boolean).map((part) => decodeURIComponent(part));
}
