// Turning on notifications: first why, then (only on the person's tap) the browser's
// question and the subscription. Never on first load. On an iPhone or iPad outside the
// home-screen app: how to add it there first. Denied: how to allow it in the browser.
import { useState } from "preact/hooks";
import { AppLink, Button, ButtonLink } from "../../components/button";
import { Screen } from "../../components/page";
import { browserFacts, pushSupport, subscribeThisDevice } from "./permission";
import { failureText } from "./parts";
import { tn } from "./words";

type Step = "ask" | "busy" | "granted" | "denied" | "failed";

function initialStep(): Step {
  if (!("Notification" in window)) return "ask";
  if (Notification.permission === "denied") return "denied";
  return "ask";
}

export function AllowScreen() {
  const [support] = useState(() => pushSupport(browserFacts()));
  const [step, setStep] = useState<Step>(initialStep);
  const [problem, setProblem] = useState<string | null>(null);

  const allow = async () => {
    if (step === "busy") return;
    setStep("busy");
    setProblem(null);
    try {
      const permission = await subscribeThisDevice();
      setStep(permission === "granted" ? "granted" : permission === "denied" ? "denied" : "ask");
    } catch (error) {
      setProblem(failureText(error, true));
      setStep("failed");
    }
  };

  return (
    <Screen title={tn("allow.title")}>
      <section aria-labelledby="allow-why">
        <h2 id="allow-why">{tn("allow.why")}</h2>
        <ul class="notification-why">
          <li>{tn("allow.why1")}</li>
          <li>{tn("allow.why2")}</li>
          <li>{tn("allow.why3")}</li>
        </ul>
      </section>
      {support === "ios-home-screen-first" ? (
        <section aria-labelledby="allow-ios" class="notice">
          <h2 id="allow-ios">{tn("allow.iosTitle")}</h2>
          <p>{tn("allow.ios1")}</p>
          <ol>
            <li>{tn("allow.ios2")}</li>
            <li>{tn("allow.ios3")}</li>
            <li>{tn("allow.ios4")}</li>
          </ol>
        </section>
      ) : null}
      {support === "unsupported" ? <p class="notice">{tn("allow.unsupported")}</p> : null}
      {support === "supported" && step === "denied" ? (
        <div class="warning" role="alert">
          <p>{tn("allow.denied")}</p>
          <p>{tn("allow.deniedHelp")}</p>
        </div>
      ) : null}
      {support === "supported" && step === "granted" ? (
        <p class="done-note" role="status">
          {tn("allow.done")}
        </p>
      ) : null}
      {problem ? (
        <p class="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {support === "supported" && step !== "granted" && step !== "denied" ? (
        <>
          <p>{tn("allow.why4")}</p>
          <div class="actions">
            <Button busy={step === "busy"} busyLabel={tn("common.busy")} onClick={() => void allow()}>
              {tn("allow.button")}
            </Button>
          </div>
        </>
      ) : null}
      <p>{tn("allow.inboxAlways")}</p>
      <nav class="shortcuts" aria-label={tn("allow.title")}>
        {step === "granted" ? (
          <ButtonLink href="/settings/notifications">{tn("common.toSettings")}</ButtonLink>
        ) : (
          <AppLink href="/settings/notifications" class="link-tap">
            {tn("common.toSettings")}
          </AppLink>
        )}
        <AppLink href="/notifications" class="link-tap">
          {tn("common.toInbox")}
        </AppLink>
      </nav>
    </Screen>
  );
}
