import type { Lang } from "../../api/selfie";

/** The IndexedDB meta key of the last Slim CV seen in `lang` (read offline). */
export const CV_KEY = (lang: Lang): string => `cv.${lang}`;
