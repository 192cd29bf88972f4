// Shape checks the server also makes (backend/selfie/schemas.py), so a mistake is
// explained at the field before anything is sent.
import type { Parsed } from "../../components/checked-field";
import { t } from "../../i18n";

const PHONE = /^\+?[0-9][0-9 ()-]{5,19}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const POSTCODE = /^([1-9][0-9]{3}) ?([A-Z]{2})?$/;

export function parsePhone(text: string): Parsed<string> {
  const value = text.trim();
  if (!value) return { ok: true, value: null };
  return PHONE.test(value) ? { ok: true, value } : { ok: false, error: t("error.phone") };
}

export function parseEmail(text: string): Parsed<string> {
  const value = text.trim();
  if (!value) return { ok: true, value: null };
  return EMAIL.test(value) && value.length <= 254 ? { ok: true, value } : { ok: false, error: t("error.emailInvalid") };
}

/** A Dutch postcode (1234 or 1234 AB) → its PC4: the app never keeps more than the server. */
export function parsePostcode(text: string): Parsed<string> {
  const value = text.trim().toUpperCase().split(/\s+/).join(" ");
  if (!value) return { ok: true, value: null };
  const match = POSTCODE.exec(value);
  return match?.[1] ? { ok: true, value: match[1] } : { ok: false, error: t("error.postcodeShape") };
}
