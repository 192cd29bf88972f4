// The way to the inbox from Home, with the unread badge (from X-Unread-Count). Part of
// the first load, so it uses the app's own catalogue, not the notifications one.
import { useEffect, useState } from "preact/hooks";
import { unreadCount } from "../../api/notifications";
import { AppLink } from "../../components/button";
import { t } from "../../i18n";

export function useUnreadCount(): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let active = true;
    const load = () =>
      void unreadCount().then(
        (n) => active && setCount(n),
        () => undefined, // offline: no badge rather than a wrong one
      );
    load();
    const onVisible = () => {
      if (document.visibilityState === "visible") load();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      active = false;
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, []);
  return count;
}

/** "Berichten" with a badge; its accessible name says "3 ongelezen berichten". */
export function UnreadLink({ jobseeker }: { jobseeker: boolean }) {
  const count = useUnreadCount();
  const unread = count ? (count === 1 ? t("home.unreadOne") : t("home.unreadCount", { n: count })) : null;
  return (
    <nav class="notification-links" aria-label={t("home.messages")}>
      <AppLink href="/notifications" class="btn btn-secondary inbox-link">
        {t("home.toMessages")}
        {unread ? (
          <>
            <span class="unread-badge" aria-hidden="true">
              {count}
            </span>
            <span class="visually-hidden">: {unread}</span>
          </>
        ) : null}
      </AppLink>
      {jobseeker ? (
        <AppLink href="/checkin" class="btn btn-secondary">
          {t("home.toCheckin")}
        </AppLink>
      ) : null}
      <AppLink href="/settings/notifications" class="link-tap">
        {t("home.toNotificationSettings")}
      </AppLink>
    </nav>
  );
}
