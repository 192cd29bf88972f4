// One section as a screen edits it: what the phone holds, kept up to date when the sync
// changes it, and every edit saved as the person types.
import { useEffect, useRef, useState } from "preact/hooks";
import type { SectionName } from "../../api/selfie";
import {
  flushPendingSaves,
  loadSection,
  scheduleSave,
  subscribe,
  type LocalSection,
} from "../../sync/selfie-sync";
import { getLang } from "../../i18n";
import type { Data } from "./model";
import { rememberServerSkillLabels } from "./reference";

export interface SectionHandle {
  section: LocalSection | null;
  /** What the screen shows: the person's latest edit, also before it is stored. */
  data: Data;
  /** Save a new version; pass a function to build on the latest edit (several in one tick). */
  update: (next: Data | ((old: Data) => Data)) => void;
  failed: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
// How many of this screen's own recent versions to recognise when they are read back.
const SENT_KEPT = 30;

export function useSection(name: SectionName): SectionHandle {
  const [section, setSection] = useState<LocalSection | null>(null);
  // The section the state belongs to: right after a switch, the old one is still held.
  const [loadedName, setLoadedName] = useState<SectionName | null>(null);
  const [data, setData] = useState<Data>({});
  const [failed, setFailed] = useState(false);
  // Edits made on this screen; a reload started before an edit must not undo it.
  const edits = useRef(0);
  const unsaved = useRef(false);
  const latest = useRef<Data>({});
  // Versions this screen handed to scheduleSave, oldest first. Reading one of the older
  // ones back means a save of ours was still on its way (not news); anything else that
  // differs from the latest edit came from elsewhere (a merge, another tab) and is shown.
  const sent = useRef<string[]>([]);

  useEffect(() => {
    let active = true;
    edits.current = 0;
    unsaved.current = false;
    latest.current = {};
    sent.current = [];
    setSection(null);
    const load = async () => {
      try {
        // Store a pending edit first, so what we read back includes it (merged if need be).
        if (unsaved.current) {
          unsaved.current = false;
          await flushPendingSaves();
        }
        const before = edits.current;
        const found = await loadSection(name);
        if (name === "skills") await rememberServerSkillLabels(found.derived, getLang());
        if (!active) return;
        setSection(found);
        setLoadedName(name);
        setFailed(false);
        const text = JSON.stringify(found.data);
        const ownOlder = sent.current.includes(text);
        if (edits.current === before && !ownOlder && !same(latest.current, found.data)) {
          latest.current = found.data;
          sent.current = [];
          setData(found.data);
        }
      } catch {
        if (active) setFailed(true);
      }
    };
    void load();
    const stop = subscribe((changed) => {
      if (changed === name) void load();
    });
    return () => {
      active = false;
      stop();
      // Leaving the screen: whatever is still waiting for the debounce goes to storage now.
      flushPendingSaves().catch(() => undefined);
    };
  }, [name]);

  const update = (next: Data | ((old: Data) => Data)) => {
    const value = typeof next === "function" ? next(latest.current) : next;
    edits.current += 1;
    unsaved.current = true;
    latest.current = value;
    sent.current = [...sent.current.slice(-(SENT_KEPT - 1)), JSON.stringify(value)];
    setData(value);
    scheduleSave(name, value);
  };

  const current = loadedName === name;
  return { section: current ? section : null, data: current ? data : {}, update, failed };
}
