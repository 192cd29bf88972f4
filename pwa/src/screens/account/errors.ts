// Turn a failed account call into text for the form: per field where the server named
// a field, otherwise one message for the whole form. Known codes get our own words in
// the person's language; anything else falls back to the server's message.
import { ApiError } from "../../api/client";
import { t, type MessageKey, type Params } from "../../i18n";

/** A message kept as a key (so it follows a language switch) or as the server's text. */
export type Message = { key: MessageKey; params?: Params } | { text: string };

export function messageText(message: Message): string {
  return "text" in message ? message.text : t(message.key, message.params);
}

export interface FormProblems<F extends string> {
  form: Message | null;
  fields: Partial<Record<F, Message>>;
}

export function noProblems<F extends string>(): FormProblems<F> {
  return { form: null, fields: {} };
}

export function hasProblems(problems: FormProblems<string>): boolean {
  return problems.form !== null || Object.keys(problems.fields).length > 0;
}

/** Codes the API gives a one-field refusal (username taken, weak password...). */
const FIELD_CODES: Record<string, MessageKey> = {
  username_taken: "error.usernameTaken",
  email_taken: "error.emailTaken",
  password_too_short: "error.passwordShort",
  password_too_long: "error.passwordLong",
  password_too_common: "error.passwordCommon",
  password_too_simple: "error.passwordSimple",
  password_contains_username: "error.passwordHasUsername",
};

/** Schema-validation messages (no specific code), and our words for them. */
const KNOWN_FIELD_MESSAGES: Record<string, MessageKey> = {
  "Use 3 to 40 letters, digits, dots, dashes or underscores.": "error.usernameChars",
  "Not a valid email address.": "error.emailInvalid",
};

const FORM_CODES: Record<string, MessageKey> = {
  invalid_credentials: "error.invalidCredentials",
};

export function explainError<F extends string>(
  error: unknown,
  formFields: readonly F[],
): FormProblems<F> {
  const problems = noProblems<F>();
  if (!(error instanceof ApiError)) {
    problems.form = { key: "error.unknown" };
    return problems;
  }
  if (error.isNetworkError) {
    problems.form = { key: "error.network" };
    return problems;
  }
  if (error.status === 429) {
    problems.form =
      error.retryAfter && error.retryAfter > 0
        ? {
            key: "error.tooManyAttempts",
            params: { minutes: Math.max(1, Math.ceil(error.retryAfter / 60)) },
          }
        : { key: "error.tooManyAttemptsShort" };
    return problems;
  }
  if (error.status >= 500) {
    problems.form = { key: "error.server" };
    return problems;
  }
  const formKey = FORM_CODES[error.code];
  if (formKey) {
    problems.form = { key: formKey };
    return problems;
  }

  const isFormField = (name: string): name is F => (formFields as readonly string[]).includes(name);
  const leftOver: string[] = [];
  const fieldEntries = Object.entries(error.fieldErrors);
  const codeKey = fieldEntries.length === 1 ? FIELD_CODES[error.code] : undefined;
  for (const [name, messages] of fieldEntries) {
    const first = messages[0] ?? "";
    const key = codeKey ?? KNOWN_FIELD_MESSAGES[first];
    const message: Message = key ? { key } : { text: messages.join(" ") };
    if (isFormField(name)) problems.fields[name] = message;
    else leftOver.push(messageText(message));
  }
  if (leftOver.length > 0) problems.form = { text: leftOver.join(" ") };
  if (!problems.form && Object.keys(problems.fields).length === 0) {
    problems.form = error.message ? { text: error.message } : { key: "error.unknown" };
  }
  return problems;
}
