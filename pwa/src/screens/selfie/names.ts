// Names for the ids a section stores (occupations, skills), looked up on the phone.
import { useEffect, useState } from "preact/hooks";
import type { Lang } from "../../api/selfie";
import { occupationLabel } from "../../store/occupations";
import { skillLabels } from "./reference";

/** Occupation names by id, from the offline occupation list. */
export function useOccupationNames(ids: readonly string[], lang: Lang): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = `${lang}|${ids.join(",")}`;
  useEffect(() => {
    let active = true;
    void Promise.all(
      ids.map((id) =>
        occupationLabel(id, lang).then(
          (label) => [id, label] as const,
          () => [id, null] as const,
        ),
      ),
    ).then((pairs) => {
      if (!active) return;
      const found: Record<string, string> = {};
      for (const [id, label] of pairs) if (label) found[id] = label;
      setNames(found);
    });
    return () => {
      active = false;
    };
  }, [key]);
  return names;
}

/** Skill names by id, from what the phone learned when skills were picked or proposed. */
export function useSkillNames(refresh: unknown): Readonly<Record<string, string>> {
  const [names, setNames] = useState<Readonly<Record<string, string>>>({});
  useEffect(() => {
    let active = true;
    void skillLabels().then((found) => active && setNames({ ...found }));
    return () => {
      active = false;
    };
  }, [refresh]);
  return names;
}
