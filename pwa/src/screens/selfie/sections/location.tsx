import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../../api/client";
import { lookupPostcode, type PostcodeInfo } from "../../../api/taxonomy";
import { CheckboxGroup, RadioGroup } from "../../../components/choice";
import { CheckedField, NumberField } from "../../../components/checked-field";
import { t } from "../../../i18n";
import { parsePostcode } from "../checks";
import { fieldId, type FormProps } from "../form";
import { TRAVEL_MODES, flag, put, record, someOf, text, whole } from "../model";
import { TRAVEL_WORDS } from "../words";

type Place =
  | { kind: "none" }
  | { kind: "looking" }
  | { kind: "found"; place: string; municipality: string }
  | { kind: "unknown" }
  | { kind: "offline" };

/** The place of the saved postcode: from the section's `derived.region`, else looked up. */
function usePlace(postcode: string | null, derived: Record<string, unknown> | undefined, serverPostcode: string): Place {
  const [place, setPlace] = useState<Place>({ kind: "none" });
  useEffect(() => {
    if (!postcode) {
      setPlace({ kind: "none" });
      return;
    }
    const region = record(derived?.region);
    if (postcode === serverPostcode && text(region.place)) {
      setPlace({ kind: "found", place: text(region.place), municipality: text(region.municipality) });
      return;
    }
    let active = true;
    setPlace({ kind: "looking" });
    lookupPostcode(postcode).then(
      (info: PostcodeInfo) => active && setPlace({ kind: "found", place: info.place, municipality: info.municipality }),
      (error: unknown) => {
        if (!active) return;
        if (error instanceof ApiError && (error.status === 404 || error.status === 422)) setPlace({ kind: "unknown" });
        else setPlace({ kind: "offline" });
      },
    );
    return () => {
      active = false;
    };
  }, [postcode, serverPostcode, derived]);
  return place;
}

function placeText(place: Place): string {
  switch (place.kind) {
    case "looking":
      return t("postcode.looking");
    case "found":
      return place.municipality && place.municipality !== place.place
        ? t("postcode.foundIn", { place: place.place, municipality: place.municipality })
        : t("postcode.found", { place: place.place });
    case "unknown":
      return t("postcode.unknown");
    case "offline":
      return t("postcode.offline");
    default:
      return "";
  }
}

export function LocationForm({ section, data, update, errorFor }: FormProps) {
  const set = (key: string, value: unknown) => update((old) => put(old, key, value));
  const postcode = text(data.postcode) || null;
  const serverPostcode = section.state === "synced" ? text(section.data.postcode) : "";
  const place = usePlace(postcode, section.derived, serverPostcode);
  const licence = flag(data.has_driving_licence);
  return (
    <>
      <CheckedField<string>
        id={fieldId("location.postcode")}
        label={t("field.location.postcode")}
        hint={t("location.postcodeHint")}
        autocomplete="postal-code"
        size="short"
        maxLength={7}
        value={postcode}
        onValue={(v) => set("postcode", v)}
        parse={parsePostcode}
        show={String}
        error={errorFor("location.postcode") ?? (place.kind === "unknown" ? t("postcode.unknown") : null)}
        addon={
          <p class={place.kind === "found" ? "field-confirm" : "field-hint"} role="status">
            {place.kind === "unknown" ? "" : placeText(place)}
          </p>
        }
      />
      <NumberField
        id={fieldId("location.max_distance_km")}
        label={t("field.location.max_distance_km")}
        hint={t("location.distanceHint")}
        min={1}
        max={250}
        value={whole(data.max_distance_km)}
        onValue={(v) => set("max_distance_km", v)}
        error={errorFor("location.max_distance_km")}
      />
      <CheckboxGroup
        id={fieldId("location.travel_modes")}
        legend={t("field.location.travel_modes")}
        hint={t("location.travelHint")}
        options={TRAVEL_MODES.map((m) => ({ value: m, label: t(TRAVEL_WORDS[m]) }))}
        values={someOf(TRAVEL_MODES, data.travel_modes)}
        onChange={(v) => set("travel_modes", v)}
        error={errorFor("location.travel_modes")}
      />
      <RadioGroup
        id={fieldId("location.has_driving_licence")}
        legend={t("field.location.has_driving_licence")}
        inline
        options={[
          { value: "yes", label: t("value.yes") },
          { value: "no", label: t("value.no") },
        ]}
        value={licence === null ? null : licence ? "yes" : "no"}
        onChange={(v) => set("has_driving_licence", v === "yes")}
        error={errorFor("location.has_driving_licence")}
      />
    </>
  );
}
