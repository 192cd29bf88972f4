// A tiny typed i18n module: Dutch first, English second.
// The language comes from the person's stored choice, else the browser, else Dutch.
import en from "./en.json";
import nl from "./nl.json";

export type Lang = "nl" | "en";
export type MessageKey = keyof typeof nl;
export type Params = Record<string, string | number>;

export const LANGS: readonly Lang[] = ["nl", "en"];
/** Each language's name in that language, for the switch. */
export const LANG_NAMES: Record<Lang, string> = { nl: "Nederlands", en: "English" };

// The compiler checks that en.json has every key of nl.json; a unit test checks the reverse.
const messages: Record<Lang, Record<MessageKey, string>> = { nl, en };

const STORAGE_KEY = "lang";
let current: Lang = "nl";
const listeners = new Set<(lang: Lang) => void>();

function isLang(value: unknown): value is Lang {
  return value === "nl" || value === "en";
}

/** Pick the language: a stored choice wins, then the first supported browser language. */
export function detectLang(stored: string | null, browserLanguages: readonly string[]): Lang {
  if (isLang(stored)) return stored;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLang(base)) return base;
  }
  return "nl";
}

function readStoredChoice(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage can be blocked (private mode, settings)
  }
}

/** Set the language at start-up and mirror it on <html lang>. */
export function initLang(): Lang {
  const browser = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  current = detectLang(readStoredChoice(), browser);
  document.documentElement.lang = current;
  return current;
}

export function getLang(): Lang {
  return current;
}

/** Switch language because the person chose it: remember the choice. */
export function setLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not stored: the choice still holds until the app is closed.
  }
  for (const listener of listeners) listener(lang);
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Replace {name} placeholders; unknown placeholders stay visible so they get noticed. */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** Translate a key into the current language. */
export function t(key: MessageKey, params?: Params): string {
  return interpolate(messages[current][key], params);
}

/** Messages of one language, for tests. */
export function messagesFor(lang: Lang): Readonly<Record<MessageKey, string>> {
  return messages[lang];
}

/**
 * A typed t() for the messages of a lazy part of the app (the work and employer screens):
 * they load with that part, so they stay out of the first load.
 */
export function makeT<K extends string>(
  catalogues: Record<Lang, Record<K, string>>,
): (key: K, params?: Params) => string {
  return (key, params) => interpolate(catalogues[current][key], params);
}
