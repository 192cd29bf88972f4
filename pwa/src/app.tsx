// The app: boot (who is logged in?), a small route table, and the update prompt.
import { useEffect, useRef, useState } from "preact/hooks";
import { me, type User } from "./api/auth";
import { ApiError, onSessionExpired } from "./api/client";
import { AppLink, Button } from "./components/button";
import { PageLayout, Screen } from "./components/page";
import { onLangChange, t, type MessageKey } from "./i18n";
import { navigate, usePath } from "./router";
import { HomeScreen } from "./screens/home/home";
import { LoginScreen } from "./screens/account/login";
import { RegisterScreen } from "./screens/account/register";
import { StartScreen } from "./screens/account/start";
import { deleteMeta, getMeta, setMeta } from "./store/db";
import { onUpdateReady } from "./sw-register";

type Session =
  | { status: "loading" }
  | { status: "anonymous"; notice: MessageKey | null }
  | { status: "user"; user: User };

// The last known user, so the app still greets the person when it opens offline.
const USER_KEY = "user";

function remember(user: User | null): void {
  const done = user ? setMeta(USER_KEY, user) : deleteMeta(USER_KEY);
  done.catch(() => undefined); // IndexedDB can be unavailable; the app works without it
}

async function loadSession(): Promise<Session> {
  try {
    const user = await me();
    remember(user);
    return { status: "user", user };
  } catch (error) {
    if (error instanceof ApiError && error.isNetworkError) {
      const cached = await getMeta<User>(USER_KEY).catch(() => undefined);
      if (cached) return { status: "user", user: cached };
    } else {
      remember(null);
    }
    return { status: "anonymous", notice: null };
  }
}

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  return online;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function NotFoundScreen() {
  return (
    <Screen title={t("app.notFound.title")}>
      <p>{t("app.notFound.body")}</p>
      <p>
        <AppLink href="/">{t("app.notFound.back")}</AppLink>
      </p>
    </Screen>
  );
}

const ANONYMOUS_ONLY = new Set(["/", "/register", "/login"]);

export function App() {
  const path = usePath();
  const online = useOnline();
  const [session, setSession] = useState<Session>({ status: "loading" });
  const [applyUpdate, setApplyUpdate] = useState<(() => void) | null>(null);
  const [, setLangTick] = useState(0);

  useEffect(() => {
    let active = true;
    const boot = () =>
      void loadSession().then((found) => {
        if (active) setSession(found);
      });
    boot();
    const stopExpired = onSessionExpired(() =>
      setSession((old) =>
        old.status === "user" ? { status: "anonymous", notice: "app.sessionEnded" } : old,
      ),
    );
    const stopLang = onLangChange(() => setLangTick((n) => n + 1));
    const stopUpdate = onUpdateReady((apply) => setApplyUpdate(() => apply));
    // Back online after an offline start: ask the server again who is logged in.
    window.addEventListener("online", boot);
    return () => {
      active = false;
      stopExpired();
      stopLang();
      stopUpdate();
      window.removeEventListener("online", boot);
    };
  }, []);

  // After moving to another screen, put the focus on its heading (screen readers, keyboard).
  const firstScreen = useRef(true);
  const screenKey = `${path}|${session.status}`;
  useEffect(() => {
    if (session.status === "loading") return;
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    document.querySelector<HTMLElement>("main h1")?.focus();
  }, [screenKey]);

  const loggedIn = (user: User) => {
    remember(user);
    setSession({ status: "user", user });
    navigate("/home");
  };
  const loggedOut = () => {
    remember(null);
    setSession({ status: "anonymous", notice: null });
    navigate("/");
  };

  let screen;
  if (session.status === "loading") {
    screen = (
      <p class="loading" role="status">
        {t("app.loading")}
      </p>
    );
  } else if (session.status === "user") {
    if (ANONYMOUS_ONLY.has(path)) screen = <Redirect to="/home" />;
    else if (path === "/home") screen = <HomeScreen user={session.user} onLoggedOut={loggedOut} />;
    else screen = <NotFoundScreen />;
  } else if (path === "/") {
    screen = <StartScreen />;
  } else if (path === "/register") {
    screen = <RegisterScreen onLoggedIn={loggedIn} />;
  } else if (path === "/login") {
    screen = <LoginScreen onLoggedIn={loggedIn} notice={session.notice} />;
  } else if (path === "/home") {
    screen = <Redirect to="/login" />;
  } else {
    screen = <NotFoundScreen />;
  }

  const notices = (
    <>
      {online ? null : (
        <p class="notice notice-offline" role="status">
          {t("app.offline")}
        </p>
      )}
      {applyUpdate ? (
        <div class="notice notice-update" role="status">
          <p>{t("app.updateReady")}</p>
          <Button onClick={applyUpdate}>{t("app.updateNow")}</Button>
        </div>
      ) : null}
    </>
  );

  return <PageLayout notices={notices}>{screen}</PageLayout>;
}
