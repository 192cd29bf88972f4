// An autocomplete input: the ARIA 1.2 combobox with a listbox popup ("list" autocomplete).
// The focus stays in the input; the arrow keys move a highlighted option
// (aria-activedescendant), Enter picks it, Escape closes the list, then clears the text.
import type { Ref, TargetedKeyboardEvent } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n";
import { describedBy, LabelledField } from "./field-frame";

export interface ComboOption {
  id: string;
  label: string;
  /** Another name that matched what was typed, shown under the label. */
  matchedLabel?: string | undefined;
}

interface ComboboxProps<O extends ComboOption> {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | null | undefined;
  /** What the input shows (the chosen label, or what the person typed). */
  text: string;
  onText: (text: string) => void;
  search: (query: string) => Promise<O[]>;
  onPick: (option: O) => void;
  /** Ids that are already chosen: shown as such, not offered again. */
  exclude?: readonly string[];
  /** Said when a search fails, e.g. because the phone is offline. */
  failText?: string;
  minChars?: number;
  inputRef?: Ref<HTMLInputElement> | undefined;
}

type Results<O> =
  | { kind: "idle" }
  | { kind: "found"; options: O[] }
  | { kind: "failed" };

const SEARCH_DELAY_MS = 150;

export function Combobox<O extends ComboOption>({
  id,
  label,
  hint,
  error,
  text,
  onText,
  search,
  onPick,
  exclude = [],
  failText,
  minChars = 2,
  inputRef,
}: ComboboxProps<O>) {
  const [results, setResults] = useState<Results<O>>({ kind: "idle" });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const requestNo = useRef(0);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const options = results.kind === "found" ? results.options.filter((o) => !exclude.includes(o.id)) : [];
  const listId = `${id}-list`;
  const statusId = `${id}-status`;
  const expanded = open && options.length > 0;

  const runSearch = (query: string) => {
    window.clearTimeout(timer.current);
    const mine = ++requestNo.current;
    if (query.trim().length < minChars) {
      setResults({ kind: "idle" });
      setOpen(false);
      return;
    }
    timer.current = window.setTimeout(() => {
      search(query.trim()).then(
        (found) => {
          // Only the answer to the latest query counts: a slow old answer is dropped.
          if (mine !== requestNo.current) return;
          setResults({ kind: "found", options: found });
          setActive(-1);
          setOpen(true);
        },
        () => {
          if (mine !== requestNo.current) return;
          setResults({ kind: "failed" });
          setOpen(false);
        },
      );
    }, SEARCH_DELAY_MS);
  };

  const pick = (option: O) => {
    requestNo.current++;
    window.clearTimeout(timer.current);
    setOpen(false);
    setActive(-1);
    setResults({ kind: "idle" });
    onPick(option);
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!expanded) {
          if (options.length > 0) setOpen(true);
          setActive(0);
        } else setActive((active + 1) % options.length);
        break;
      case "ArrowUp":
        event.preventDefault();
        if (expanded) setActive(active <= 0 ? options.length - 1 : active - 1);
        break;
      case "Enter": {
        const chosen = expanded ? options[active] : undefined;
        if (chosen) {
          event.preventDefault(); // pick, do not send the form
          pick(chosen);
        }
        break;
      }
      case "Escape":
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text) {
          event.preventDefault();
          onText("");
          runSearch("");
        }
        break;
      case "Tab":
        setOpen(false);
        break;
      default:
        break;
    }
  };

  let status = "";
  if (results.kind === "failed") status = failText ?? t("combobox.failed");
  else if (results.kind === "found" && text.trim().length >= minChars) {
    status = options.length === 0 ? t("combobox.none") : t("combobox.count", { count: options.length });
  }

  return (
    <LabelledField id={id} label={label} hint={hint} error={error} extraClass="combobox">
      <input
        id={id}
        ref={inputRef ?? null}
        type="text"
        class="field-input"
        role="combobox"
        autocomplete="off"
        autoCapitalize="none"
        spellcheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded ? "true" : "false"}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${id}-option-${active}` : undefined}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(id, hint, error, statusId)}
        value={text}
        onInput={(event) => {
          const value = event.currentTarget.value;
          onText(value);
          runSearch(value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          // Let a tap on an option land first (it keeps the focus with preventDefault).
          window.setTimeout(() => setOpen(false), 0);
        }}
      />
      <ul id={listId} role="listbox" aria-label={label} class="combobox-list" hidden={!expanded}>
        {options.map((option, index) => (
          <li
            key={option.id}
            id={`${id}-option-${index}`}
            role="option"
            aria-selected={index === active ? "true" : "false"}
            class={index === active ? "combobox-option combobox-option-active" : "combobox-option"}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(option)}
          >
            <span>{option.label}</span>
            {option.matchedLabel && option.matchedLabel !== option.label ? (
              <span class="combobox-matched">{t("combobox.alsoCalled", { name: option.matchedLabel })}</span>
            ) : null}
          </li>
        ))}
      </ul>
      <p id={statusId} class="combobox-status" role="status">
        {status}
      </p>
    </LabelledField>
  );
}
