// The account rules the server also checks, so most mistakes are explained before sending.
import type { MessageKey } from "../../i18n";

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 40;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
// The same characters the server allows (ASCII only, so names are easy to type anywhere).
const USERNAME_CHARS = /^[A-Za-z0-9._-]+$/;

/** Length in characters as a person counts them (an emoji is one, not two). */
const length = (value: string) => [...value].length;

export function checkUsername(value: string): MessageKey | null {
  const name = value.trim();
  if (!name) return "error.required";
  if (length(name) < USERNAME_MIN || length(name) > USERNAME_MAX) return "error.usernameLength";
  if (!USERNAME_CHARS.test(name)) return "error.usernameChars";
  return null;
}

export function checkEmail(value: string): MessageKey | null {
  const email = value.trim();
  if (!email) return null; // optional: many jobseekers have no e-mail address
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? null : "error.emailInvalid";
}

export function checkPassword(value: string, username = ""): MessageKey | null {
  if (!value) return "error.required";
  if (length(value) < PASSWORD_MIN) return "error.passwordShort";
  if (length(value) > PASSWORD_MAX) return "error.passwordLong";
  const lowered = value.toLowerCase();
  if (new Set(lowered).size < 4) return "error.passwordSimple";
  const name = username.trim().toLowerCase();
  if (name && lowered.includes(name)) return "error.passwordHasUsername";
  // Common passwords are only known to the server; its answer is shown at the field.
  return null;
}
