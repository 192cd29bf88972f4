// The work screens' own words (Dutch first, English second): they load with these
// screens, so they stay out of the first load.
import en from "../../i18n/work.en.json";
import nl from "../../i18n/work.nl.json";
import { makeT } from "../../i18n";

export type WorkKey = keyof typeof nl;
export const tw = makeT<WorkKey>({ nl, en });
