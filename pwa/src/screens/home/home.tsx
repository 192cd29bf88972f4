import { useState } from "preact/hooks";
import { logout, type User } from "../../api/auth";
import { ApiError } from "../../api/client";
import { Button } from "../../components/button";
import { ErrorSummary } from "../../components/error-summary";
import { Screen } from "../../components/page";
import { t, type MessageKey } from "../../i18n";

interface HomeScreenProps {
  user: User;
  onLoggedOut: () => void;
}

/** Home for a person who is logged in. Later issues add their next steps here. */
export function HomeScreen({ user, onLoggedOut }: HomeScreenProps) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);

  const onLogout = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await logout();
      onLoggedOut();
    } catch (error) {
      // A 401 means the session was already gone: that is logged out too.
      if (error instanceof ApiError && error.status === 401) onLoggedOut();
      else setProblem(error instanceof ApiError && error.isNetworkError ? "error.network" : "error.unknown");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={t("home.greeting", { name: user.username })}>
      <p>{t("home.intro")}</p>
      <ErrorSummary message={problem ? t(problem) : null} />
      <div class="actions">
        <Button variant="secondary" busy={busy} busyLabel={t("home.loggingOut")} onClick={onLogout}>
          {t("home.logout")}
        </Button>
      </div>
    </Screen>
  );
}
