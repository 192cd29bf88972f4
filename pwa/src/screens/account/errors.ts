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

/** Field messages the API sends (in English), and our words for them. */
const KNOWN_FIELD_MESSAGES: Record<string, MessageKey> = {
  "This username is taken. Choose another one.": "error.usernameTaken",
  "Use 3 to 40 letters, digits, dots, dashes or underscores.": "error.usernameChars",
  "This e-mail address is already in use.": "error.emailTaken",
  "Not a valid email address.": "error.emailInvalid",
  "Use at least 10 characters.": "error.passwordShort",
  "Use at most 128 characters.": "error.passwordLong",
  "This password is too common. Choose another one.": "error.passwordCommon",
  "This password is too easy to guess. Use more different characters.": "error.passwordSimple",
  "Do not use your username in your password.": "error.passwordHasUsername",
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
  for (const [name, messages] of Object.entries(error.fieldErrors)) {
    const first = messages[0] ?? "";
    const key = KNOWN_FIELD_MESSAGES[first];
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
