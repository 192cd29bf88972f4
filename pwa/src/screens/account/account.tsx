// Settings and account: language, export my data, delete my account, log out.
import { useState } from "preact/hooks";
import type { User } from "../../api/auth";
import { ApiError } from "../../api/client";
import { deleteMe, exportMyData } from "../../api/selfie";
import { AppLink, Button } from "../../components/button";
import { RadioGroup } from "../../components/choice";
import { datedName, downloadBlob } from "../../components/download";
import { ErrorSummary } from "../../components/error-summary";
import { Screen } from "../../components/page";
import { PasswordField } from "../../components/password-field";
import { LANGS, LANG_NAMES, getLang, setLang, t, type Lang, type MessageKey } from "../../i18n";
import { LogoutButton } from "./logout";
import { clearThisPhone } from "./sign-out";

interface AccountScreenProps {
  user: User;
  onLoggedOut: (notice?: MessageKey) => void;
}

export function AccountScreen({ user, onLoggedOut }: AccountScreenProps) {
  return (
    <Screen title={t("account.title")}>
      <p>{t("account.loggedInAs", { name: user.username })}</p>
      <LanguageChoice />
      <ExportData />
      <section class="panel" aria-labelledby="logout-title">
        <h2 id="logout-title">{t("account.logoutTitle")}</h2>
        <p>{t("account.logoutText")}</p>
        <div class="actions">
          <LogoutButton onLoggedOut={() => onLoggedOut()} />
          <LogoutButton everywhere onLoggedOut={() => onLoggedOut()} />
        </div>
        <p class="field-hint">{t("account.everywhereHint")}</p>
      </section>
      <DeleteAccount onDeleted={() => onLoggedOut("account.deleted")} />
      <p>
        <AppLink class="link-tap" href="/home">{t("account.backHome")}</AppLink>
      </p>
    </Screen>
  );
}

function LanguageChoice() {
  const [lang, setChosen] = useState<Lang>(getLang());
  return (
    <section class="panel" aria-labelledby="lang-title">
      <h2 id="lang-title">{t("account.languageTitle")}</h2>
      <RadioGroup<Lang>
        id="account-language"
        legend={t("account.language")}
        inline
        options={LANGS.map((code) => ({ value: code, label: LANG_NAMES[code], lang: code }))}
        value={lang}
        onChange={(code) => {
          setChosen(code);
          setLang(code);
        }}
      />
    </section>
  );
}

function ExportData() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [done, setDone] = useState(false);
  const run = async () => {
    setBusy(true);
    setProblem(null);
    setDone(false);
    try {
      downloadBlob(await exportMyData(), datedName("zelf-aan-het-werk-mijn-gegevens", "json"));
      setDone(true);
    } catch (error) {
      setProblem(error instanceof ApiError && error.isNetworkError ? "error.network" : "error.unknown");
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="panel" aria-labelledby="export-title">
      <h2 id="export-title">{t("account.exportTitle")}</h2>
      <p>{t("account.exportText")}</p>
      <Button variant="secondary" busy={busy} busyLabel={t("account.exportBusy")} onClick={() => void run()}>
        {t("account.export")}
      </Button>
      <p role="status" class={problem ? "field-error" : "field-hint"}>
        {problem ? t(problem) : done ? t("account.exportDone") : ""}
      </p>
    </section>
  );
}

function DeleteAccount({ onDeleted }: { onDeleted: () => void }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<MessageKey | null>(null);
  const [formError, setFormError] = useState<MessageKey | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    if (!password) {
      setFieldError("account.deletePasswordMissing");
      document.getElementById("delete-password")?.focus();
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      await deleteMe(password);
      await clearThisPhone().catch(() => undefined);
      onDeleted();
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        setFieldError("account.deletePasswordWrong");
        document.getElementById("delete-password")?.focus();
      } else if (error instanceof ApiError && error.status === 429) setFormError("error.tooManyAttemptsShort");
      else setFormError(error instanceof ApiError && error.isNetworkError ? "error.network" : "error.unknown");
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel panel-danger" aria-labelledby="delete-title">
      <h2 id="delete-title">{t("account.deleteTitle")}</h2>
      <p>{t("account.deleteText")}</p>
      {open ? (
        <form class="form" noValidate onSubmit={(event) => void submit(event)}>
          <ErrorSummary
            message={formError ? t(formError) : null}
            fields={fieldError ? [{ id: "delete-password", label: t("account.deletePassword"), error: t(fieldError) }] : []}
          />
          <PasswordField
            id="delete-password"
            label={t("account.deletePassword")}
            hint={t("account.deletePasswordHint")}
            value={password}
            onValue={setPassword}
            error={fieldError ? t(fieldError) : null}
            autocomplete="current-password"
            required
          />
          <div class="actions">
            <Button type="submit" variant="danger" busy={busy} busyLabel={t("account.deleteBusy")}>
              {t("account.deleteConfirm")}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {t("account.deleteCancel")}
            </Button>
          </div>
        </form>
      ) : (
        <Button variant="danger" onClick={() => setOpen(true)}>
          {t("account.delete")}
        </Button>
      )}
    </section>
  );
}
