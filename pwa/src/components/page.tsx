import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { t } from "../i18n";
import { LanguageSwitch } from "./language-switch";

interface PageLayoutProps {
  children: ComponentChildren;
  /** Messages about the whole app (offline, update ready), shown above the screen. */
  notices?: ComponentChildren;
}

/** The frame of every screen: skip link, header with the language switch, main. */
export function PageLayout({ children, notices }: PageLayoutProps) {
  return (
    <>
      <a class="skip-link" href="#main">
        {t("app.skipLink")}
      </a>
      <header class="app-header">
        <span class="app-name">{t("app.name")}</span>
        <LanguageSwitch />
      </header>
      <main id="main" class="app-main" tabIndex={-1}>
        {notices}
        {children}
      </main>
    </>
  );
}

interface ScreenProps {
  title: string;
  children: ComponentChildren;
}

/** One screen: its heading (focused after navigation by the app) and the tab title. */
export function Screen({ title, children }: ScreenProps) {
  useEffect(() => {
    document.title = title === t("app.name") ? title : `${title} – ${t("app.name")}`;
  }, [title]);
  return (
    <section class="screen" aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}
