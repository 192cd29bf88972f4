// The notification screens' own words (Dutch first, English second): they load with
// these screens, so they stay out of the first load.
import en from "../../i18n/notifications.en.json";
import nl from "../../i18n/notifications.nl.json";
import { makeT } from "../../i18n";

export type NotificationKey = keyof typeof nl;
export const tn = makeT<NotificationKey>({ nl, en });
