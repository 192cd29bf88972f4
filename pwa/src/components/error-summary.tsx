import { t } from "../i18n";

export interface ErrorSummaryProps {
  /** A problem with the whole form (wrong password, no connection). */
  message?: string | null;
  /** Field id → what is wrong, in the order of the form. */
  fields?: ReadonlyArray<{ id: string; label: string; error: string }>;
}

/** Says what went wrong at the top of a form; screen readers hear it at once (role=alert). */
export function ErrorSummary({ message, fields = [] }: ErrorSummaryProps) {
  const hasContent = Boolean(message) || fields.length > 0;
  return (
    <div role="alert" class={hasContent ? "error-summary" : "error-summary-empty"}>
      {message ? <p>{message}</p> : null}
      {fields.length > 0 ? (
        <>
          <p class="error-summary-title">{t("form.errorSummary")}</p>
          <ul>
            {fields.map((field) => (
              <li key={field.id}>
                <a href={`#${field.id}`}>
                  {field.label}: {field.error}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
