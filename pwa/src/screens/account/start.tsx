import { AppLink, ButtonLink } from "../../components/button";
import { Screen } from "../../components/page";
import { t, type MessageKey } from "../../i18n";

/** The first screen: what this app is, in three short sentences, and the way in. */
export function StartScreen({ notice = null }: { notice?: MessageKey | null }) {
  return (
    <Screen title={t("start.title")}>
      {notice ? (
        <p class="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      <div class="intro">
        <p>{t("start.intro1")}</p>
        <p>{t("start.intro2")}</p>
        <p>{t("start.intro3")}</p>
      </div>
      <div class="actions">
        <ButtonLink href="/register">{t("start.register")}</ButtonLink>
        <ButtonLink href="/login" variant="secondary">
          {t("start.login")}
        </ButtonLink>
      </div>
      <p>
        <AppLink href="/inzichten" class="link-tap">
          {t("start.toInsights")}
        </AppLink>
      </p>
    </Screen>
  );
}
