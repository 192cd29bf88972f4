import { login, type User } from "../../api/auth";
import { AppLink, Button } from "../../components/button";
import { ErrorSummary } from "../../components/error-summary";
import { PasswordField } from "../../components/password-field";
import { Screen } from "../../components/page";
import { TextField } from "../../components/text-field";
import { t, type MessageKey } from "../../i18n";
import { messageText } from "./errors";
import { useForm } from "./use-form";

const FIELDS = ["username", "password"] as const;
type Field = (typeof FIELDS)[number];
const LABELS: Record<Field, MessageKey> = {
  username: "login.username",
  password: "login.password",
};
const required = (value: string): MessageKey | null => (value.trim() ? null : "error.required");

interface LoginScreenProps {
  onLoggedIn: (user: User) => void;
  /** Why the person sees this screen, e.g. their session ended. */
  notice?: MessageKey | null;
}

export function LoginScreen({ onLoggedIn, notice }: LoginScreenProps) {
  const form = useForm(FIELDS, { username: required, password: required });
  const { values, problems } = form;
  const fieldError = (field: Field) => {
    const problem = problems.fields[field];
    return problem ? messageText(problem) : null;
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (form.busy || !form.validate()) return;
    void form.submit(async () => onLoggedIn(await login(values.username.trim(), values.password)));
  };

  return (
    <Screen title={t("login.title")}>
      {notice ? (
        <p class="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      <form class="form" noValidate onSubmit={onSubmit}>
        <ErrorSummary
          message={problems.form ? messageText(problems.form) : null}
          fields={FIELDS.flatMap((id) => {
            const error = fieldError(id);
            return error ? [{ id, label: t(LABELS[id]), error }] : [];
          })}
        />
        <TextField
          id="username"
          label={t(LABELS.username)}
          value={values.username}
          onValue={(v) => form.setValue("username", v)}
          error={fieldError("username")}
          autocomplete="username"
          required
          verbatim
          inputRef={form.refs.username}
        />
        <PasswordField
          id="password"
          label={t(LABELS.password)}
          value={values.password}
          onValue={(v) => form.setValue("password", v)}
          error={fieldError("password")}
          autocomplete="current-password"
          required
          inputRef={form.refs.password}
        />
        <Button type="submit" busy={form.busy} busyLabel={t("login.busy")}>
          {t("login.submit")}
        </Button>
      </form>
      <p class="form-switch">
        {t("login.noAccount")} <AppLink href="/register">{t("login.toRegister")}</AppLink>
      </p>
    </Screen>
  );
}
