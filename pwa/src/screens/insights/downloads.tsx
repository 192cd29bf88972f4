// The latest publication's files: every CSV table and its datapackage.json.
import { latestPublication } from "../../api/insights";
import { LoadFailed, Loading } from "../../components/load-state";
import { useLoaded } from "./data";
import { formatDay, formatSize } from "./format";
import { ti } from "./words";

export function Downloads() {
  const [found, reload] = useLoaded("latest", latestPublication);
  return (
    <section aria-labelledby="downloads-title" class="insights-downloads">
      <h2 id="downloads-title">{ti("downloads.title")}</h2>
      <p>{ti("downloads.intro")}</p>
      {found.status === "loading" ? <Loading /> : null}
      {found.status === "failed" ? (
        <LoadFailed message={ti("common.loadFailed")} retryLabel={ti("common.retry")} onRetry={reload} />
      ) : null}
      {found.status === "ready" && found.value === null ? <p>{ti("downloads.none")}</p> : null}
      {found.status === "ready" && found.value !== null ? (
        <>
          <p>
            {ti("common.published", {
              date: formatDay(found.value.reference_date),
              version: found.value.version,
            })}
          </p>
          <ul class="download-list">
            {found.value.files.map((file) => (
              <li key={file.name}>
                <a class="link-tap" href={file.url} download type={file.media_type}>
                  {ti("downloads.file", { name: file.name, size: formatSize(file.bytes) })}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
