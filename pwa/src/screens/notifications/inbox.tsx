// The inbox: every notification, newest first; new ones marked; a tap marks it read and
// opens its screen; "Alles gelezen". Push is only a way of delivering these entries.
import { useEffect, useState } from "preact/hooks";
import { listInbox, markAllRead, markRead, type InboxEntry, type InboxPage } from "../../api/notifications";
import { AppLink, Button } from "../../components/button";
import { Screen } from "../../components/page";
import { getLang } from "../../i18n";
import { navigate } from "../../router";
import { entryUrl, entryWords } from "./entries";
import { LoadFailed, Loading, failureText } from "./parts";
import { tn } from "./words";

type Loaded = { status: "loading" } | { status: "failed"; error: unknown } | { status: "ready"; page: InboxPage };

function unreadWords(n: number): string {
  if (n === 0) return tn("inbox.noneUnread");
  return n === 1 ? tn("inbox.unreadOne") : tn("inbox.unreadCount", { n });
}

function when(at: string): string {
  return new Intl.DateTimeFormat(getLang() === "en" ? "en-GB" : "nl-NL", {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(at));
}

export function InboxScreen() {
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const load = () => {
    listInbox().then(
      (page) => setLoaded({ status: "ready", page }),
      (error: unknown) => setLoaded({ status: "failed", error }),
    );
  };
  useEffect(load, []);

  const replace = (entry: InboxEntry) =>
    setLoaded((old) => {
      if (old.status !== "ready") return old;
      const was = old.page.items.find((e) => e.id === entry.id);
      const unread = old.page.unread - (was && !was.read_at && entry.read_at ? 1 : 0);
      return { status: "ready", page: { items: old.page.items.map((e) => (e.id === entry.id ? entry : e)), unread } };
    });

  const read = async (entry: InboxEntry) => {
    setProblem(null);
    try {
      replace(await markRead(entry.id));
    } catch (error) {
      setProblem(failureText(error, true));
    }
  };

  const open = (entry: InboxEntry) => {
    // Marking read must not hold up the screen the person asked for.
    if (!entry.read_at) void markRead(entry.id).catch(() => undefined);
    navigate(entryUrl(entry));
  };

  const readAll = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await markAllRead();
      load();
    } catch (error) {
      setProblem(failureText(error, true));
    } finally {
      setBusy(false);
    }
  };

  const lang = getLang();
  return (
    <Screen title={tn("inbox.title")}>
      {loaded.status === "loading" ? <Loading /> : null}
      {loaded.status === "failed" ? <LoadFailed error={loaded.error} onRetry={load} /> : null}
      {problem ? (
        <p class="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {loaded.status === "ready" ? (
        <>
          <p role="status" class="inbox-count">
            {unreadWords(loaded.page.unread)}
          </p>
          {loaded.page.unread > 0 ? (
            <div class="actions">
              <Button variant="secondary" busy={busy} busyLabel={tn("common.busy")} onClick={() => void readAll()}>
                {tn("inbox.markAll")}
              </Button>
            </div>
          ) : null}
          {loaded.page.items.length === 0 ? (
            <p>{tn("inbox.empty")}</p>
          ) : (
            <ul class="cards inbox">
              {loaded.page.items.map((entry) => {
                const words = entryWords(entry, lang);
                const text = tn(words.key, { title: words.title });
                return (
                  <li key={entry.id} class={entry.read_at ? "card inbox-entry" : "card inbox-entry inbox-unread"}>
                    <p class="card-title">
                      {entry.read_at ? null : <span class="inbox-new">{tn("inbox.new")}: </span>}
                      <a
                        href={entryUrl(entry)}
                        class="link-tap"
                        onClick={(event) => {
                          if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
                          event.preventDefault();
                          open(entry);
                        }}
                      >
                        {text}
                      </a>
                    </p>
                    <p class="card-meta">
                      <time dateTime={entry.created_at}>{when(entry.created_at)}</time>
                    </p>
                    {entry.read_at ? null : (
                      <div class="card-actions">
                        <Button variant="quiet" onClick={() => void read(entry)}>
                          {tn("inbox.markRead")}
                          <span class="visually-hidden">: {text}</span>
                        </Button>
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      ) : null}
      <nav class="shortcuts" aria-label={tn("inbox.title")}>
        <AppLink href="/settings/notifications" class="link-tap">
          {tn("common.toSettings")}
        </AppLink>
        <AppLink href="/notifications/allow" class="link-tap">
          {tn("common.toAllow")}
        </AppLink>
      </nav>
    </Screen>
  );
}
