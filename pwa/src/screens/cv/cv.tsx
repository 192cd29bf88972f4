// The Slim CV: every complete section in words, ready to print (print stylesheet) or to
// download as a JSON Resume. The last copy is kept on the phone for offline reading.
import { useEffect, useState } from "preact/hooks";
import { API_BASE, api } from "../../api/client";
import { cvJsonUrl, fetchCv, type Cv, type Lang } from "../../api/selfie";
import { AppLink, Button } from "../../components/button";
import { datedName, downloadBlob } from "../../components/download";
import { Screen } from "../../components/page";
import { getLang, t } from "../../i18n";
import { getMeta, setMeta } from "../../store/db";
import { SECTION_TITLES } from "../selfie/words";
import { sectionStart } from "../selfie/steps";
import { CV_KEY } from "./keys";


interface Stored {
  cv: Cv;
  at: number;
}

type State = { kind: "loading" } | { kind: "fresh"; cv: Cv } | { kind: "stored"; cv: Cv; at: number } | { kind: "failed" };

function isStored(value: unknown): value is Stored {
  return typeof value === "object" && value !== null && "cv" in value && "at" in value;
}

export function CvScreen() {
  const lang = getLang();
  const [state, setState] = useState<State>({ kind: "loading" });
  useEffect(() => {
    let active = true;
    setState({ kind: "loading" });
    fetchCv(lang).then(
      (cv) => {
        if (!active) return;
        setState({ kind: "fresh", cv });
        setMeta(CV_KEY(lang), { cv, at: Date.now() }).catch(() => undefined);
      },
      async () => {
        const stored = await getMeta<unknown>(CV_KEY(lang)).catch(() => undefined);
        if (!active) return;
        setState(isStored(stored) ? { kind: "stored", cv: stored.cv, at: stored.at } : { kind: "failed" });
      },
    );
    return () => {
      active = false;
    };
  }, [lang]);

  return (
    <Screen title={t("cv.title")}>
      {state.kind === "loading" ? (
        <p class="loading" role="status">
          {t("app.loading")}
        </p>
      ) : null}
      {state.kind === "failed" ? (
        <p class="notice" role="status">
          {t("cv.offline")}
        </p>
      ) : null}
      {state.kind === "stored" ? (
        <p class="notice no-print" role="status">
          {t("cv.storedCopy", {
            date: new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" }).format(
              new Date(state.at),
            ),
          })}
        </p>
      ) : null}
      {state.kind === "fresh" || state.kind === "stored" ? <CvBody cv={state.cv} lang={lang} /> : null}
    </Screen>
  );
}

function CvBody({ cv, lang }: { cv: Cv; lang: Lang }) {
  const [downloadFailed, setDownloadFailed] = useState(false);
  const url = cvJsonUrl(lang);
  const download = async (event: Event) => {
    // Through the API client rather than a plain link: it renews an expired session first.
    event.preventDefault();
    setDownloadFailed(false);
    try {
      const body = await api.get<unknown>(url.slice(API_BASE.length));
      downloadBlob(new Blob([JSON.stringify(body, null, 2)], { type: "application/json" }), datedName("slim-cv", "json"));
    } catch {
      setDownloadFailed(true);
    }
  };
  return (
    <>
      <p class="lead no-print">{t("cv.intro")}</p>
      <div class="actions no-print">
        <Button onClick={() => window.print()}>{t("cv.print")}</Button>
        <a class="btn btn-secondary" href={url} download="slim-cv.json" type="application/json" onClick={(e) => void download(e)}>
          {t("cv.download")}
        </a>
      </div>
      <p class="field-hint no-print">{t("cv.downloadHint")}</p>
      {downloadFailed ? (
        <p class="field-error no-print" role="alert">
          {t("cv.downloadFailed")}
        </p>
      ) : null}
      <article class="cv" aria-labelledby={cv.name ? "cv-name" : "screen-title"}>
        {/* On paper the person's name heads the CV (the print stylesheet hides the screen title). */}
        {cv.name ? (
          <h2 id="cv-name" class="cv-name">
            {cv.name}
          </h2>
        ) : null}
        {cv.sections.length === 0 ? <p>{t("cv.empty")}</p> : null}
        {cv.sections.map((section) => (
          <section key={section.section} class="cv-section" aria-labelledby={`cv-${section.section}`}>
            <h3 id={`cv-${section.section}`}>{section.title}</h3>
            <dl class="cv-lines">
              {section.lines.map((line, i) => (
                <div key={i} class="cv-line">
                  <dt>{line.label}</dt>
                  <dd>{line.value}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </article>
      {cv.not_yet_complete.length > 0 ? (
        <section class="no-print" aria-labelledby="cv-todo">
          <h2 id="cv-todo">{t("cv.notYetTitle")}</h2>
          <p>{t("cv.notYetText")}</p>
          <ul class="link-list">
            {cv.not_yet_complete.map((name) => (
              <li key={name}>
                <AppLink href={sectionStart(name)}>{t(SECTION_TITLES[name])}</AppLink>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
