import { ButtonLink } from "../../components/button";
import { Screen } from "../../components/page";
import { t } from "../../i18n";

/** The first screen: what this app is, in three short sentences, and the way in. */
export function StartScreen() {
  return (
    <Screen title={t("start.title")}>
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
    </Screen>
  );
}
