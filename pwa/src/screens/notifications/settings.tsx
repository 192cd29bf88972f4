// Notification settings: the topics (my turn in a queue is always on), quiet hours, the
// daily maximum, and the check-in's time and days. A 422 shows at each field it names.
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import {
  WEEKDAYS,
  getPreferences,
  savePreferences,
  type Preferences,
  type Weekday,
} from "../../api/notifications";
import { AppLink, Button } from "../../components/button";
import { Checkbox, CheckboxGroup } from "../../components/choice";
import { ErrorSummary } from "../../components/error-summary";
import { Screen } from "../../components/page";
import { TextField } from "../../components/text-field";
import { getLang } from "../../i18n";
import { LoadFailed, Loading, TimeField, failureText } from "./parts";
import { tn, type NotificationKey } from "./words";

type Topic = "open_hiring_nearby" | "learning_offers" | "daily_checkin";
const TOPICS: readonly Topic[] = ["open_hiring_nearby", "learning_offers", "daily_checkin"];

interface Form {
  topics: Topic[];
  quietOn: boolean;
  quietStart: string;
  quietEnd: string;
  dailyMax: string;
  checkinTime: string;
  checkinDays: Weekday[];
}

/** The form's field ids, in the order of the form (for the error summary). */
const FIELDS = ["topics", "quiet-on", "quiet-start", "quiet-end", "daily-max", "checkin-time", "checkin-days"] as const;
type FieldId = (typeof FIELDS)[number];
type Errors = Partial<Record<FieldId, string>>;

const LABELS: Record<FieldId, NotificationKey> = {
  topics: "settings.topics",
  "quiet-on": "settings.quietOn",
  "quiet-start": "settings.quietStart",
  "quiet-end": "settings.quietEnd",
  "daily-max": "settings.dailyMax",
  "checkin-time": "settings.checkinTime",
  "checkin-days": "settings.checkinDays",
};

/** The field a server error key names ("quiet_hours.end", "checkin.time", …). */
export function fieldOf(key: string): FieldId {
  if (key.startsWith("topics")) return "topics";
  if (key === "quiet_hours.start") return "quiet-start";
  if (key.startsWith("quiet_hours")) return "quiet-end";
  if (key === "daily_max") return "daily-max";
  if (key === "checkin.days") return "checkin-days";
  if (key.startsWith("checkin")) return "checkin-time";
  return "topics";
}

function toForm(prefs: Preferences): Form {
  return {
    topics: TOPICS.filter((topic) => prefs.topics[topic]),
    quietOn: prefs.quiet_hours !== null,
    quietStart: prefs.quiet_hours?.start ?? "21:00",
    quietEnd: prefs.quiet_hours?.end ?? "08:00",
    dailyMax: String(prefs.daily_max),
    checkinTime: prefs.checkin.time,
    checkinDays: [...prefs.checkin.days],
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Check the form here first (the server checks again); returns the errors. */
export function checkForm(form: Form): Errors {
  const errors: Errors = {};
  if (form.quietOn && !TIME.test(form.quietStart)) errors["quiet-start"] = tn("settings.errorTime");
  if (form.quietOn && !TIME.test(form.quietEnd)) errors["quiet-end"] = tn("settings.errorTime");
  const max = Number(form.dailyMax.trim());
  if (!/^\d+$/.test(form.dailyMax.trim()) || max < 1 || max > 50) errors["daily-max"] = tn("settings.errorRange");
  if (!TIME.test(form.checkinTime)) errors["checkin-time"] = tn("settings.errorTime");
  if (form.checkinDays.length === 0) errors["checkin-days"] = tn("settings.errorDays");
  return errors;
}

function toPreferences(form: Form, base: Preferences): Preferences {
  return {
    topics: {
      open_hiring_nearby: form.topics.includes("open_hiring_nearby"),
      queue_turn: true,
      learning_offers: form.topics.includes("learning_offers"),
      daily_checkin: form.topics.includes("daily_checkin"),
    },
    quiet_hours: form.quietOn ? { start: form.quietStart, end: form.quietEnd } : null,
    daily_max: Number(form.dailyMax.trim()),
    checkin: { time: form.checkinTime, days: WEEKDAYS.filter((d) => form.checkinDays.includes(d)) },
    time_zone: base.time_zone,
  };
}

function nextCheckin(at: string | null | undefined): string | null {
  if (!at) return null;
  return new Intl.DateTimeFormat(getLang() === "en" ? "en-GB" : "nl-NL", {
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(at));
}

export function NotificationSettingsScreen() {
  const [loaded, setLoaded] = useState<{ status: "loading" } | { status: "failed"; error: unknown } | { status: "ready"; prefs: Preferences }>({
    status: "loading",
  });
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () => {
    setLoaded({ status: "loading" });
    getPreferences().then(
      (prefs) => {
        setLoaded({ status: "ready", prefs });
        setForm(toForm(prefs));
      },
      (error: unknown) => setLoaded({ status: "failed", error }),
    );
  };
  useEffect(load, []);

  const change = (patch: Partial<Form>) => {
    setForm((old) => (old ? { ...old, ...patch } : old));
    setSaved(null);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    if (!form || loaded.status !== "ready" || busy) return;
    setMessage(null);
    setSaved(null);
    const found = checkForm(form);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setMessage(tn("settings.fixFirst"));
      return;
    }
    setBusy(true);
    try {
      const prefs = await savePreferences(toPreferences(form, loaded.prefs));
      setLoaded({ status: "ready", prefs });
      setForm(toForm(prefs));
      const when = nextCheckin(prefs.next_checkin_at);
      setSaved(when ? tn("settings.savedNext", { when }) : tn("settings.saved"));
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const fromServer: Errors = {};
        for (const [key, texts] of Object.entries(error.fieldErrors)) {
          const id = fieldOf(key);
          fromServer[id] = [fromServer[id], ...texts].filter(Boolean).join(" ");
        }
        setErrors(fromServer);
        setMessage(tn("settings.fixFirst"));
      } else {
        setMessage(failureText(error, true));
      }
    } finally {
      setBusy(false);
    }
  };

  const summary = FIELDS.filter((id) => errors[id]).map((id) => ({ id, label: tn(LABELS[id]), error: errors[id] ?? "" }));

  return (
    <Screen title={tn("settings.title")}>
      <p>{tn("settings.intro")}</p>
      {loaded.status === "loading" ? <Loading /> : null}
      {loaded.status === "failed" ? <LoadFailed error={loaded.error} onRetry={load} /> : null}
      {form ? (
        <form onSubmit={(event) => void save(event)} noValidate>
          <ErrorSummary message={message} fields={summary} />
          <CheckboxGroup
            id="topics"
            legend={tn("settings.topics")}
            error={errors.topics}
            options={TOPICS.map((topic) => ({
              value: topic,
              label: tn(`settings.topic.${topic}`),
              ...(topic === "learning_offers" ? { description: tn("settings.topic.learning_offersHint") } : {}),
            }))}
            values={form.topics}
            onChange={(topics) => change({ topics })}
          />
          <p class="field-hint notification-always">{tn("settings.queueAlways")}</p>
          <Checkbox
            id="quiet-on"
            label={tn("settings.quietOn")}
            description={tn("settings.quietHint")}
            checked={form.quietOn}
            onChange={(quietOn) => change({ quietOn })}
          />
          {form.quietOn ? (
            <div class="time-pair">
              <TimeField
                id="quiet-start"
                label={tn("settings.quietStart")}
                value={form.quietStart}
                error={errors["quiet-start"] ?? null}
                onValue={(quietStart) => change({ quietStart })}
              />
              <TimeField
                id="quiet-end"
                label={tn("settings.quietEnd")}
                value={form.quietEnd}
                error={errors["quiet-end"] ?? null}
                onValue={(quietEnd) => change({ quietEnd })}
              />
            </div>
          ) : null}
          <TextField
            id="daily-max"
            label={tn("settings.dailyMax")}
            hint={tn("settings.dailyMaxHint")}
            inputMode="numeric"
            size="short"
            value={form.dailyMax}
            error={errors["daily-max"] ?? null}
            onValue={(dailyMax) => change({ dailyMax })}
          />
          <TimeField
            id="checkin-time"
            label={tn("settings.checkinTime")}
            hint={tn("settings.checkinTimeHint")}
            value={form.checkinTime}
            error={errors["checkin-time"] ?? null}
            onValue={(checkinTime) => change({ checkinTime })}
          />
          <CheckboxGroup
            id="checkin-days"
            legend={tn("settings.checkinDays")}
            error={errors["checkin-days"]}
            options={WEEKDAYS.map((day) => ({ value: day, label: tn(`day.${day}`) }))}
            values={form.checkinDays}
            onChange={(checkinDays) => change({ checkinDays })}
          />
          {saved ? (
            <p class="done-note" role="status">
              {saved}
            </p>
          ) : null}
          <div class="actions">
            <Button type="submit" busy={busy} busyLabel={tn("common.busy")}>
              {tn("settings.save")}
            </Button>
          </div>
        </form>
      ) : null}
      <nav class="shortcuts" aria-label={tn("settings.title")}>
        <AppLink href="/notifications/allow" class="link-tap">
          {tn("common.toAllow")}
        </AppLink>
        <AppLink href="/notifications" class="link-tap">
          {tn("common.toInbox")}
        </AppLink>
      </nav>
    </Screen>
  );
}
