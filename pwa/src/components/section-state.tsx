// Where a section's answers are: on this phone, on the server, or waiting for a choice.
import type { SectionName } from "../api/selfie";
import { t } from "../i18n";
import type { SectionSyncState } from "../sync/selfie-sync";
import { AppLink } from "./button";

interface SectionStateProps {
  name: SectionName;
  state: SectionSyncState;
}

/**
 * A quiet line for the usual states (not a live region: it changes with every save while
 * the person types), and an alert with a way out when the person has to act.
 */
export function SectionState({ name, state }: SectionStateProps) {
  if (state === "conflict") {
    return (
      <div class="state state-conflict" role="alert">
        <p>{t("state.conflict")}</p>
        <p>
          <AppLink href={`/selfie/conflict/${name}`} class="state-link">
            {t("state.conflictLink")}
          </AppLink>
        </p>
      </div>
    );
  }
  if (state === "invalid") {
    return (
      <p class="state state-invalid" role="alert">
        {t("state.invalid")}
      </p>
    );
  }
  return (
    <p class={state === "synced" ? "state state-synced" : "state state-local"}>
      <span aria-hidden="true" class="state-icon">
        {state === "synced" ? "✓" : "•"}
      </span>{" "}
      {t(state === "synced" ? "state.synced" : "state.local")}
    </p>
  );
}
