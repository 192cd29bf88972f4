import { useState } from "preact/hooks";
import { register, type RegisterInput, type User } from "../../api/auth";
import { Button, AppLink } from "../../components/button";
import { RadioGroup } from "../../components/choice";
import { ErrorSummary } from "../../components/error-summary";
import { PasswordField } from "../../components/password-field";
import { Screen } from "../../components/page";
import { TextField } from "../../components/text-field";
import { t, type MessageKey } from "../../i18n";
import { messageText } from "./errors";
import { useForm } from "./use-form";
import { checkEmail, checkPassword, checkUsername } from "./validation";

const FIELDS = ["username", "email", "password"] as const;
type Field = (typeof FIELDS)[number];
const LABELS: Record<Field, MessageKey> = {
  username: "register.username",
  email: "register.email",
  password: "register.password",
};

export function RegisterScreen({ onLoggedIn }: { onLoggedIn: (user: User) => void }) {
  const form = useForm(FIELDS, {
    username: checkUsername,
    email: checkEmail,
    password: (value, all) => checkPassword(value, all.username),
  });
  const { values, problems } = form;
  // Most people come to find work; an employer says so here (the account cannot change later).
  const [role, setRole] = useState<"jobseeker" | "employer" | "provider">("jobseeker");
  const fieldError = (field: Field) => {
    const problem = problems.fields[field];
    return problem ? messageText(problem) : null;
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (form.busy || !form.validate()) return;
    const input: RegisterInput = { username: values.username.trim(), password: values.password, role };
    const email = values.email.trim();
    if (email) input.email = email;
    void form.submit(async () => onLoggedIn(await register(input)));
  };

  return (
    <Screen title={t("register.title")}>
      <p>{t("register.intro")}</p>
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
          hint={t("register.usernameHint")}
          value={values.username}
          onValue={(v) => form.setValue("username", v)}
          error={fieldError("username")}
          autocomplete="username"
          required
          verbatim
          inputRef={form.refs.username}
        />
        <TextField
          id="email"
          label={t(LABELS.email)}
          hint={t("register.emailHint")}
          type="email"
          inputMode="email"
          value={values.email}
          onValue={(v) => form.setValue("email", v)}
          error={fieldError("email")}
          autocomplete="email"
          verbatim
          inputRef={form.refs.email}
        />
        <PasswordField
          id="password"
          label={t(LABELS.password)}
          hint={t("register.passwordHint")}
          value={values.password}
          onValue={(v) => form.setValue("password", v)}
          error={fieldError("password")}
          autocomplete="new-password"
          required
          inputRef={form.refs.password}
        />
        <RadioGroup<"jobseeker" | "employer" | "provider">
          id="role"
          legend={t("register.role")}
          value={role}
          onChange={setRole}
          options={[
            { value: "jobseeker", label: t("register.roleJobseeker"), description: t("register.roleJobseekerHint") },
            { value: "employer", label: t("register.roleEmployer"), description: t("register.roleEmployerHint") },
            { value: "provider", label: t("register.roleProvider"), description: t("register.roleProviderHint") },
          ]}
        />
        <Button type="submit" busy={form.busy} busyLabel={t("register.busy")}>
          {t("register.submit")}
        </Button>
      </form>
      <p class="form-switch">
        {t("register.haveAccount")} <AppLink href="/login">{t("register.toLogin")}</AppLink>
      </p>
    </Screen>
  );
}
