import { CheckboxGroup, RadioGroup } from "../../../components/choice";
import { CheckedField, NumberField } from "../../../components/checked-field";
import { TextField } from "../../../components/text-field";
import { t } from "../../../i18n";
import { parseEmail, parsePhone } from "../checks";
import { fieldId, type FormProps } from "../form";
import { CONTACT_METHODS, PHONE_METHODS, oneOf, put, someOf, text, whole } from "../model";
import { CONTACT_WORDS } from "../words";

export function BasicsForm({ data, update, errorFor }: FormProps) {
  const methods = someOf(CONTACT_METHODS, data.contact_methods);
  const wantsPhone = methods.some((m) => PHONE_METHODS.includes(m)) || Boolean(text(data.phone));
  const wantsEmail = methods.includes("email") || Boolean(text(data.email));
  const set = (key: string, value: unknown) => update((old) => put(old, key, value));
  return (
    <>
      <TextField
        id={fieldId("basics.display_name")}
        label={t("field.basics.display_name")}
        hint={t("basics.nameHint")}
        value={text(data.display_name)}
        onValue={(v) => set("display_name", v)}
        error={errorFor("basics.display_name")}
        autocomplete="nickname"
        maxLength={60}
      />
      <RadioGroup
        id={fieldId("basics.preferred_language")}
        legend={t("field.basics.preferred_language")}
        hint={t("basics.languageHint")}
        inline
        options={[
          { value: "nl", label: t("value.lang.nl") },
          { value: "en", label: t("value.lang.en") },
        ]}
        value={oneOf(["nl", "en"] as const, data.preferred_language)}
        onChange={(v) => set("preferred_language", v)}
        error={errorFor("basics.preferred_language")}
      />
      <CheckboxGroup
        id={fieldId("basics.contact_methods")}
        legend={t("field.basics.contact_methods")}
        hint={t("basics.contactHint")}
        options={CONTACT_METHODS.map((m) => ({ value: m, label: t(CONTACT_WORDS[m]) }))}
        values={methods}
        onChange={(v) => set("contact_methods", v)}
        error={errorFor("basics.contact_methods")}
      />
      {wantsPhone ? (
        <CheckedField<string>
          id={fieldId("basics.phone")}
          label={t("field.basics.phone")}
          hint={t("basics.phoneHint")}
          type="tel"
          inputMode="tel"
          autocomplete="tel"
          value={text(data.phone) || null}
          onValue={(v) => set("phone", v)}
          parse={parsePhone}
          show={String}
          error={errorFor("basics.phone")}
        />
      ) : null}
      {wantsEmail ? (
        <CheckedField<string>
          id={fieldId("basics.email")}
          label={t("field.basics.email")}
          type="email"
          inputMode="email"
          autocomplete="email"
          verbatim
          value={text(data.email) || null}
          onValue={(v) => set("email", v)}
          parse={parseEmail}
          show={String}
          error={errorFor("basics.email")}
        />
      ) : null}
      <NumberField
        id={fieldId("basics.birth_year")}
        label={t("field.basics.birth_year")}
        hint={t("basics.birthYearHint")}
        min={1900}
        max={new Date().getFullYear()}
        autocomplete="bday-year"
        value={whole(data.birth_year)}
        onValue={(v) => set("birth_year", v)}
        error={errorFor("basics.birth_year")}
      />
    </>
  );
}
