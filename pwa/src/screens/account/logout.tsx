// Log out (here or everywhere). When changes are still only on this phone, say so first:
// logging out removes them. The person can send them first, or log out anyway.
import { useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { Button } from "../../components/button";
import { t, type MessageKey } from "../../i18n";
import { flushNow, pendingCount } from "../../sync/selfie-sync";
import { signOut } from "./sign-out";

interface LogoutProps {
  everywhere?: boolean;
  onLoggedOut: () => void;
}

type Phase = { kind: "idle" } | { kind: "warn"; pending: number } | { kind: "busy" };

export function LogoutButton({ everywhere = false, onLoggedOut }: LogoutProps) {
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const warnId = everywhere ? "logout-everywhere-warning" : "logout-warning";

  const leave = async () => {
    setPhase({ kind: "busy" });
    setProblem(null);
    try {
      await signOut(everywhere);
      onLoggedOut();
    } catch (error) {
      setPhase({ kind: "idle" });
      setProblem(error instanceof ApiError && error.isNetworkError ? "logout.offline" : "error.unknown");
    }
  };

  const start = async () => {
    setProblem(null);
    const pending = await pendingCount().catch(() => 0);
    if (pending > 0) setPhase({ kind: "warn", pending });
    else await leave();
  };

  const sendFirst = async () => {
    setPhase({ kind: "busy" });
    await flushNow().catch(() => undefined);
    const pending = await pendingCount().catch(() => 0);
    if (pending > 0) {
      setPhase({ kind: "warn", pending });
      setProblem("logout.stillPending");
    } else await leave();
  };

  const label = everywhere ? t("logout.everywhere") : t("logout.here");
  return (
    <div class="logout">
      {phase.kind === "warn" ? (
        <div class="warning" role="alert" id={warnId}>
          <p>{phase.pending === 1 ? t("logout.pendingOne") : t("logout.pendingMany", { count: phase.pending })}</p>
          {problem ? <p class="field-error">{t(problem)}</p> : null}
          <div class="actions">
            <Button onClick={() => void sendFirst()}>{t("logout.sendFirst")}</Button>
            <Button variant="danger" onClick={() => void leave()}>
              {t("logout.anyway")}
            </Button>
            <Button variant="secondary" onClick={() => setPhase({ kind: "idle" })}>
              {t("logout.cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <>
          {problem ? (
            <p class="field-error" role="alert">
              {t(problem)}
            </p>
          ) : null}
          <Button
            variant="secondary"
            busy={phase.kind === "busy"}
            busyLabel={t("logout.busy")}
            onClick={() => void start()}
          >
            {label}
          </Button>
        </>
      )}
    </div>
  );
}
