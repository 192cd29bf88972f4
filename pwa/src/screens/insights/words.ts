// The insights screens' own words (Dutch first, English second): they load with these
// screens, so they stay out of the first load.
import en from "../../i18n/insights.en.json";
import nl from "../../i18n/insights.nl.json";
import { makeT } from "../../i18n";

export type InsightsKey = keyof typeof nl;
export const ti = makeT<InsightsKey>({ nl, en });
