import { useState } from "preact/hooks";
import { t } from "../i18n";
import { TextField, type TextFieldProps } from "./text-field";

type PasswordFieldProps = Omit<TextFieldProps, "type" | "verbatim" | "addon" | "inputMode"> & {
  autocomplete: "current-password" | "new-password";
};

/** A password input with a button that shows or hides what was typed. */
export function PasswordField(props: PasswordFieldProps) {
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...props}
      type={visible ? "text" : "password"}
      verbatim
      addon={
        <button
          type="button"
          class="field-toggle"
          aria-controls={props.id}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? t("password.hide") : t("password.show")}
        </button>
      }
    />
  );
}
