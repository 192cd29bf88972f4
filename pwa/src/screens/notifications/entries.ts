// An inbox entry in words and the screen it opens: the same screens as a tap on its push
// (backend/notifications/delivery.py, `message_for`).
import type { InboxEntry } from "../../api/notifications";
import type { NotificationKey } from "./words";

const KINDS: Readonly<Record<string, NotificationKey>> = {
  open_hiring_offer: "inbox.kind.open_hiring_offer",
  open_hiring_turn_close: "inbox.kind.open_hiring_turn_close",
  open_hiring_offer_expired: "inbox.kind.open_hiring_offer_expired",
  open_hiring_nearby: "inbox.kind.open_hiring_nearby",
  learning_offer: "inbox.kind.learning_offer",
  daily_checkin: "inbox.kind.daily_checkin",
  vacancy_interest: "inbox.kind.vacancy_interest",
};

/** The message key and its {title} for an entry (a check-in's title is its summary). */
export function entryWords(entry: InboxEntry, lang: "nl" | "en"): { key: NotificationKey; title: string } {
  const key = KINDS[entry.kind] ?? "inbox.kind.other";
  const summary = entry.data[lang === "en" ? "summary_en" : "summary_nl"];
  const title = entry.kind === "daily_checkin" ? summary : entry.data.title;
  return { key, title: typeof title === "string" ? title : "" };
}

/** The app screen an entry opens. */
export function entryUrl(entry: InboxEntry): string {
  const id = entry.data.vacancy_id;
  const vacancy = typeof id === "number" ? id : null;
  switch (entry.kind) {
    case "open_hiring_offer":
      return vacancy ? `/open-hiring/${vacancy}/offer` : "/my-lists";
    case "open_hiring_turn_close":
    case "open_hiring_offer_expired":
      return "/my-lists";
    case "open_hiring_nearby":
      return vacancy ? `/open-hiring/${vacancy}` : "/work";
    case "learning_offer":
      return "/learning";
    case "daily_checkin":
      return "/checkin";
    case "vacancy_interest":
      return vacancy ? `/employer/vacancies/${vacancy}` : "/employer";
    default:
      return "/notifications";
  }
}
