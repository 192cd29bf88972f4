// The matches screen's own words (Dutch first, English second), in its lazy chunk.
import en from "../../i18n/matches.en.json";
import nl from "../../i18n/matches.nl.json";
import { makeT } from "../../i18n";

export type MatchesKey = keyof typeof nl;
export const tm = makeT<MatchesKey>({ nl, en });
