// The employer screens' own words (Dutch first, English second), in the employer chunk.
import en from "../../i18n/employer.en.json";
import nl from "../../i18n/employer.nl.json";
import { makeT } from "../../i18n";

export type EmployerKey = keyof typeof nl;
export const te = makeT<EmployerKey>({ nl, en });
