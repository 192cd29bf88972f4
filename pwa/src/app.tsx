// The app: boot (who is logged in?), a small route table, the sync for a jobseeker, and
// the update prompt. Screens other than Start, login and Home load on first use.
import { useEffect, useRef, useState } from "preact/hooks";
import { me, type User } from "./api/auth";
import { ApiError, CSRF_COOKIES, onSessionExpired, readCookie } from "./api/client";
import { AppLink, Button } from "./components/button";
import { lazyScreen } from "./components/lazy";
import { PageLayout, Screen } from "./components/page";
import { getLang, onLangChange, t, type MessageKey } from "./i18n";
import { navigate, pathParts, usePath } from "./router";
import { LoginScreen } from "./screens/account/login";
import { RegisterScreen } from "./screens/account/register";
import { StartScreen } from "./screens/account/start";
import { HomeScreen } from "./screens/home/home";
import { educationLevels, forgetReference, interestItems } from "./screens/selfie/reference";
import { deleteMeta, getMeta, setMeta } from "./store/db";
import { syncOccupationList } from "./store/occupations";
import { claimLocalData, flushPendingSaves, startSync } from "./sync/selfie-sync";
import { onUpdateReady } from "./sw-register";
import { startPushBridge } from "./screens/notifications/open-from-push";

const SelfieStart = lazyScreen(async () => (await import("./screens/selfie/wizard")).SelfieStart);
const SelfieWizard = lazyScreen(async () => (await import("./screens/selfie/wizard")).SelfieWizard);
const ConflictScreen = lazyScreen(async () => (await import("./screens/selfie/conflict")).ConflictScreen);
const CvScreen = lazyScreen(async () => (await import("./screens/cv/cv")).CvScreen);
const AccountScreen = lazyScreen(async () => (await import("./screens/account/account")).AccountScreen);
const NearbyScreen = lazyScreen(async () => (await import("./screens/work/nearby")).NearbyScreen);
const VacancyScreen = lazyScreen(async () => (await import("./screens/work/vacancy")).VacancyScreen);
const MyListsScreen = lazyScreen(async () => (await import("./screens/work/my-lists")).MyListsScreen);
const OfferScreen = lazyScreen(async () => (await import("./screens/work/offer")).OfferScreen);
// The employer's screens are one chunk of their own: a jobseeker never downloads them.
const EmployerHome = lazyScreen(async () => (await import("./screens/employer")).EmployerHome);
const NewVacancyScreen = lazyScreen(async () => (await import("./screens/employer")).NewVacancyScreen);
const EmployerVacancyScreen = lazyScreen(async () => (await import("./screens/employer")).EmployerVacancyScreen);
const MatchesScreen = lazyScreen(async () => (await import("./screens/matches/matches")).MatchesScreen);
const LearningScreen = lazyScreen(async () => (await import("./screens/learning/advice")).LearningScreen);
// The learning provider's screens: one chunk of their own, like the employer's.
const ProviderHome = lazyScreen(async () => (await import("./screens/provider")).ProviderHome);
const ProviderOfferScreen = lazyScreen(async () => (await import("./screens/provider")).ProviderOfferScreen);
const ProviderImportScreen = lazyScreen(async () => (await import("./screens/provider")).ProviderImportScreen);
const ProviderDemandScreen = lazyScreen(async () => (await import("./screens/provider")).ProviderDemandScreen);
// The notification screens: one chunk (inbox, permission, settings, check-in).
const InboxScreen = lazyScreen(async () => (await import("./screens/notifications")).InboxScreen);
const AllowScreen = lazyScreen(async () => (await import("./screens/notifications")).AllowScreen);
const NotificationSettingsScreen = lazyScreen(async () => (await import("./screens/notifications")).NotificationSettingsScreen);
const CheckInScreen = lazyScreen(async () => (await import("./screens/notifications")).CheckInScreen);
const EmployerFunctionsScreen = lazyScreen(async () => (await import("./screens/employer")).EmployerFunctionsScreen);
const EmployerFunctionScreen = lazyScreen(async () => (await import("./screens/employer")).EmployerFunctionScreen);
const EditVacancyScreen = lazyScreen(async () => (await import("./screens/employer")).EditVacancyScreen);
// The public insights (figures per region): a chunk of their own, no login needed.
const InsightsMapScreen = lazyScreen(async () => (await import("./screens/insights")).InsightsMapScreen);
const InsightsRegionScreen = lazyScreen(async () => (await import("./screens/insights")).InsightsRegionScreen);

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

/**
 * Drafts stay on the phone when a session ends (the same person logs in again and finds
 * their work); when someone else logs in, the previous person's data goes first.
 */
async function claimPhone(user: User): Promise<void> {
  try {
    if (await claimLocalData(user.id)) forgetReference();
  } catch {
    // IndexedDB unavailable: there is nothing stored to protect either.
  }
}

async function loadSession(): Promise<Session> {
  // Without either CSRF cookie there is no login to ask about: skip the call and its 401.
  if (!readCookie(CSRF_COOKIES.access) && !readCookie(CSRF_COOKIES.refresh)) {
    remember(null);
    return { status: "anonymous", notice: null };
  }
  try {
    const user = await me();
    await claimPhone(user); // first: it may clear the meta store, "user" included
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

const WARM_DELAY_MS = 4000;

/** For a jobseeker: the outbox sync, and the reference data the wizard needs offline. */
function useJobseekerSync(user: User | null): void {
  const jobseeker = user?.role === "jobseeker";
  useEffect(() => {
    if (!jobseeker) return;
    const stopSync = startSync();
    const warm = () => {
      const lang = getLang();
      // In the background: the occupation list for the offline picker, the statements
      // and the education levels. A failure only means they are fetched later.
      syncOccupationList(lang).catch(() => undefined);
      interestItems(lang).catch(() => undefined);
      educationLevels(lang).catch(() => undefined);
    };
    // Not at once: on a slow connection the occupation list (the largest download) would
    // hold up the screen the person is waiting for. A few seconds later it is still
    // there long before anyone goes offline.
    const warmTimer = setTimeout(warm, WARM_DELAY_MS);
    const stopLang = onLangChange(warm);
    // The phone may close the app at any moment after this: store what waits for the debounce.
    const store = () => void flushPendingSaves().catch(() => undefined);
    const onVisibility = () => {
      if (document.visibilityState === "hidden") store();
    };
    window.addEventListener("pagehide", store);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      clearTimeout(warmTimer);
      stopSync();
      stopLang();
      window.removeEventListener("pagehide", store);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [jobseeker, user?.id]);
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
        <AppLink class="link-tap" href="/">{t("app.notFound.back")}</AppLink>
      </p>
    </Screen>
  );
}

const ANONYMOUS_ONLY = new Set(["/", "/register", "/login"]);
const PRIVATE = /^\/(home|selfie|cv|account|work|my-lists|open-hiring|vacancies|employer)(\/|$)/;
const PRIVATE_LEARNING = /^\/(matches|learning|provider)(\/|$)/;
const PRIVATE_NOTIFICATIONS = /^\/(notifications|settings\/notifications|checkin)(\/|$)/;

/** A positive whole number from a path part ("12"), else null. */
function idOf(part: string | undefined): number | null {
  return part && /^[1-9]\d{0,9}$/.test(part) ? Number(part) : null;
}

/** The screen for a jobseeker's work path, or null when the path is not one of them. */
function workScreen(parts: readonly string[]) {
  const [area, idPart, sub] = parts;
  const id = idOf(idPart);
  if (area === "work" && parts.length === 1) return <NearbyScreen />;
  if (area === "my-lists" && parts.length === 1) return <MyListsScreen />;
  if ((area === "vacancies" || area === "open-hiring") && id !== null && parts.length === 2) {
    return <VacancyScreen id={id} />;
  }
  if (area === "open-hiring" && id !== null && sub === "offer" && parts.length === 3) return <OfferScreen id={id} />;
  return null;
}

/** The screen for an employer's path, or null. */
function employerScreen(parts: readonly string[]) {
  const [area, second, third] = parts;
  if (area !== "employer") return null;
  if (parts.length === 1) return <EmployerHome />;
  if (second === "new" && parts.length === 2) return <NewVacancyScreen />;
  const id = idOf(third);
  if (second === "vacancies" && id !== null && parts.length === 3) return <EmployerVacancyScreen id={id} />;
  if (second === "vacancies" && id !== null && parts[3] === "edit" && parts.length === 4) return <EditVacancyScreen id={id} />;
  if (second === "functions" && parts.length === 2) return <EmployerFunctionsScreen />;
  if (second === "functions" && id !== null && parts.length === 3) return <EmployerFunctionScreen id={id} />;
  if (second === "functions" && id !== null && parts[3] === "new" && parts.length === 4) return <NewVacancyScreen key={`function-${id}`} functionId={id} />;
  return null;
}

/** The screen for a jobseeker's matches and learning advice, or null. */
function learningScreen(parts: readonly string[]) {
  if (parts.length !== 1) return null;
  if (parts[0] === "matches") return <MatchesScreen />;
  if (parts[0] === "learning") return <LearningScreen />;
  return null;
}

/** The screen for a learning provider's path, or null. */
function providerScreen(parts: readonly string[]) {
  const [area, second, third] = parts;
  if (area !== "provider") return null;
  if (parts.length === 1) return <ProviderHome />;
  if (second === "import" && parts.length === 2) return <ProviderImportScreen />;
  if (second === "demand" && parts.length === 2) return <ProviderDemandScreen />;
  if (second === "offers" && third === "new" && parts.length === 3) return <ProviderOfferScreen id={null} />;
  const id = idOf(third);
  if (second === "offers" && id !== null && parts.length === 3) return <ProviderOfferScreen id={id} />;
  return null;
}

/** The notification screens (any account; the check-in is a jobseeker's), or null. */
function notificationsScreen(parts: readonly string[], jobseeker: boolean) {
  const path = parts.join("/");
  if (path === "notifications") return <InboxScreen />;
  if (path === "notifications/allow") return <AllowScreen />;
  if (path === "settings/notifications") return <NotificationSettingsScreen />;
  if (path === "checkin" && jobseeker) return <CheckInScreen />;
  return null;
}

/** The public insights screens (anyone, logged in or not), or null. */
function insightsScreen(parts: readonly string[]) {
  const [area, code] = parts;
  if (area !== "inzichten") return null;
  if (parts.length === 1) return <InsightsMapScreen />;
  if (code && parts.length === 2) return <InsightsRegionScreen key={code} code={code.toUpperCase()} />;
  return null;
}

export function App() {
  const path = usePath();
  const online = useOnline();
  const [session, setSession] = useState<Session>({ status: "loading" });
  const [applyUpdate, setApplyUpdate] = useState<(() => void) | null>(null);
  const [, setLangTick] = useState(0);
  // A deep link opened while logged out: go there after logging in.
  const afterLogin = useRef<string | null>(null);

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

  useJobseekerSync(session.status === "user" ? session.user : null);
  useEffect(() => startPushBridge(), []);

  const loggedIn = (user: User) => {
    void claimPhone(user).then(() => {
      remember(user);
      setSession({ status: "user", user });
      navigate(afterLogin.current ?? "/home");
      afterLogin.current = null;
    });
  };
  const loggedOut = (notice: MessageKey | null = null) => {
    remember(null);
    setSession({ status: "anonymous", notice });
    navigate("/");
  };

  let screen;
  const parts = pathParts(path);
  const publicScreen = insightsScreen(parts);
  if (publicScreen) {
    screen = publicScreen;
  } else if (session.status === "loading") {
    screen = (
      <p class="loading" role="status">
        {t("app.loading")}
      </p>
    );
  } else if (session.status === "user") {
    const user = session.user;
    const jobseeker = user.role === "jobseeker";
    const roleScreen = jobseeker ? workScreen(parts) : user.role === "employer" ? employerScreen(parts) : null;
    const learningRoleScreen = jobseeker ? learningScreen(parts) : user.role === "provider" ? providerScreen(parts) : null;
    const noticeScreen = notificationsScreen(parts, jobseeker);
    if (ANONYMOUS_ONLY.has(path)) screen = <Redirect to="/home" />;
    else if (roleScreen) screen = roleScreen;
    else if (learningRoleScreen) screen = learningRoleScreen;
    else if (noticeScreen) screen = noticeScreen;
    else if (path === "/home") screen = <HomeScreen user={user} onLoggedOut={() => loggedOut()} />;
    else if (path === "/account") screen = <AccountScreen user={user} onLoggedOut={(notice) => loggedOut(notice ?? null)} />;
    else if (jobseeker && path === "/cv") screen = <CvScreen />;
    else if (jobseeker && parts[0] === "selfie" && parts.length === 1) screen = <SelfieStart />;
    else if (jobseeker && parts[0] === "selfie" && parts[1] === "conflict" && parts.length === 3) {
      screen = <ConflictScreen name={parts[2] ?? ""} />;
    } else if (jobseeker && parts[0] === "selfie") screen = <SelfieWizard path={path} />;
    else screen = <NotFoundScreen />;
  } else if (path === "/") {
    screen = <StartScreen notice={session.notice} />;
  } else if (path === "/register") {
    screen = <RegisterScreen onLoggedIn={loggedIn} />;
  } else if (path === "/login") {
    screen = <LoginScreen onLoggedIn={loggedIn} notice={session.notice} />;
  } else if (PRIVATE.test(path) || PRIVATE_LEARNING.test(path) || PRIVATE_NOTIFICATIONS.test(path)) {
    // With its query string: a filtered list (/matches?distance_km=5) stays filtered.
    if (path !== "/home") afterLogin.current = path + location.search;
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
          <p>
            {t("app.updateReady")}{" "}
            <Button variant="inline" onClick={applyUpdate}>
              {t("app.updateNow")}
            </Button>
          </p>
        </div>
      ) : null}
    </>
  );

  return <PageLayout notices={notices}>{screen}</PageLayout>;
}
