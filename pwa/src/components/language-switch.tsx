import { LANG_NAMES, getLang, setLang } from "../i18n";

/** One button that switches between Dutch and English, named in the other language. */
export function LanguageSwitch() {
  const other = getLang() === "nl" ? "en" : "nl";
  return (
    <button type="button" class="lang-switch" lang={other} onClick={() => setLang(other)}>
      {LANG_NAMES[other]}
    </button>
  );
}
