import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { t } from "../i18n";
import { takeFocusRequest, usePath } from "../router";
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

/**
 * One screen: its heading and the tab title. After a navigation the heading takes the
 * focus, so keyboard and screen reader users start at the top of the new screen.
 */
export function Screen({ title, children }: ScreenProps) {
  const path = usePath();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = title === t("app.name") ? title : `${title} – ${t("app.name")}`;
  }, [title]);
  useEffect(() => {
    if (takeFocusRequest()) heading.current?.focus();
  }, [path]);
  return (
    <section class="screen" aria-labelledby="screen-title">
      <h1 id="screen-title" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}
