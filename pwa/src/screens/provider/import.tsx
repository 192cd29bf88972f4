// A catalogue from a CSV file: choose the file, send it, and read the report. All rows
// or none: when a row is wrong nothing is stored, and the report says which rows and why.
import { useRef, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { importOffers, type ImportReport } from "../../api/learning";
import { AppLink, Button } from "../../components/button";
import { ErrorSummary } from "../../components/error-summary";
import { LabelledField, describedBy } from "../../components/field-frame";
import { Screen } from "../../components/page";
import { Failed, Loading, ownOrganisation, problemText, useLoaded } from "./parts";
import { tp } from "./words";

/** The report in an answer: the 200's body, or a 422 `import_rejected`'s `report`. */
export function reportOf(error: unknown): ImportReport | null {
  if (!(error instanceof ApiError) || error.code !== "import_rejected") return null;
  const report = error.body.report as ImportReport | undefined;
  return report && Array.isArray(report.accepted) && Array.isArray(report.rejected) ? report : null;
}

export function ProviderImportScreen() {
  const [organisation, reload] = useLoaded(ownOrganisation, []);
  return (
    <Screen title={tp("import.title")}>
      <p>{tp("import.intro")}</p>
      <h2>{tp("import.columnsTitle")}</h2>
      <p>{tp("import.columns")}</p>
      <p>{tp("import.allOrNothing")}</p>
      {organisation.status === "loading" ? <Loading /> : null}
      {organisation.status === "failed" ? <Failed error={organisation.error} onRetry={reload} /> : null}
      {organisation.status === "ready" && organisation.value ? <ImportForm organisationId={organisation.value.id} /> : null}
      {organisation.status === "ready" && !organisation.value ? (
        <p>
          <AppLink href="/provider" class="link-tap">
            {tp("org.title")}
          </AppLink>
        </p>
      ) : null}
      <p>
        <AppLink href="/provider" class="link-tap">
          {tp("common.back")}
        </AppLink>
      </p>
    </Screen>
  );
}

function ImportForm({ organisationId }: { organisationId: number }) {
  const input = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const file = input.current?.files?.[0];
    setFailure(null);
    setReport(null);
    if (!file) {
      setFileError(tp("import.fileMissing"));
      input.current?.focus();
      return;
    }
    setFileError(null);
    setBusy(true);
    try {
      setReport(await importOffers(organisationId, file, file.name));
    } catch (error) {
      const rejected = reportOf(error);
      if (rejected) setReport(rejected);
      else if (error instanceof ApiError && error.status === 422 && error.fieldErrors.file) {
        setFileError(error.fieldErrors.file.join(" "));
        input.current?.focus();
      } else setFailure(problemText(error, true));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form class="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <ErrorSummary
          message={failure}
          fields={fileError ? [{ id: "import-file", label: tp("import.file"), error: fileError }] : []}
        />
        <LabelledField id="import-file" label={tp("import.file")} hint={tp("import.fileHint")} error={fileError}>
          <input
            id="import-file"
            ref={input}
            type="file"
            accept=".csv,text/csv"
            class="field-input field-file"
            aria-invalid={fileError ? "true" : undefined}
            aria-describedby={describedBy("import-file", tp("import.fileHint"), fileError)}
            onChange={() => setReport(null)}
          />
        </LabelledField>
        <Button type="submit" busy={busy} busyLabel={tp("import.busy")}>
          {tp("import.submit")}
        </Button>
      </form>
      {report ? <Report report={report} /> : null}
    </>
  );
}

function Report({ report }: { report: ImportReport }) {
  const count = report.accepted.length;
  return (
    <section aria-labelledby="report-title" class="import-report">
      <h2 id="report-title">{tp("import.reportTitle")}</h2>
      <p role="status" class={report.imported ? "notice" : "warning"}>
        {report.imported
          ? count === 1
            ? tp("import.importedOne")
            : tp("import.imported", { count })
          : tp("import.notImported")}
      </p>
      {report.rejected.length > 0 ? (
        <>
          <h3>{tp("import.rejectedTitle", { count: report.rejected.length })}</h3>
          <ul class="cards">
            {report.rejected.map((row) => (
              <li key={row.line} class="card">
                <p class="card-title">
                  {tp("import.line", { line: row.line })}: {row.title ?? tp("import.noTitle")}
                </p>
                <ul>
                  {Object.entries(row.errors).map(([column, problems]) => (
                    <li key={column}>
                      <code>{column}</code>: {problems.join(" ")}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {count > 0 ? (
        <>
          <h3>{tp("import.acceptedTitle", { count })}</h3>
          <ul class="link-list">
            {report.accepted.map((row) => (
              <li key={row.line}>
                {tp("import.line", { line: row.line })}:{" "}
                {row.id !== null ? (
                  <AppLink href={`/provider/offers/${row.id}`} class="link-tap">
                    {row.title ?? tp("import.noTitle")}
                  </AppLink>
                ) : (
                  row.title ?? tp("import.noTitle")
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
