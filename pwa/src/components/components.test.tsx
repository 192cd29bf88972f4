import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLang } from "../i18n";
import { AvailabilityGrid, daysWithSlots, toggleSlot, type Schedule } from "./availability-grid";
import { parseWhole } from "./checked-field";
import { Combobox } from "./combobox";
import { joinMonth } from "./month-field";
import { ringStroke } from "./progress";

let root: HTMLElement;

beforeEach(() => {
  setLang("nl");
  root = document.createElement("div");
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

describe("ringStroke", () => {
  it("leaves the part of the ring that is not done uncovered", () => {
    const r = 42;
    const full = 2 * Math.PI * r;
    expect(ringStroke(0, r)).toEqual({ circumference: full, offset: full });
    expect(ringStroke(100, r).offset).toBe(0);
    expect(ringStroke(30, r).offset).toBeCloseTo(full * 0.7);
    expect(ringStroke(150, r).offset).toBe(0);
    expect(ringStroke(Number.NaN, r).offset).toBe(full);
  });
});

describe("the week grid", () => {
  it("toggles one part of one day and drops days left empty", () => {
    let schedule: Schedule = {};
    schedule = toggleSlot(schedule, "wed", "evening");
    schedule = toggleSlot(schedule, "wed", "morning");
    expect(schedule).toEqual({ wed: ["morning", "evening"] });
    expect(daysWithSlots(schedule)).toBe(1);
    expect(toggleSlot(toggleSlot(schedule, "wed", "morning"), "wed", "evening")).toEqual({});
  });

  it("is 21 toggle buttons, named with their day, that say whether they are on", () => {
    const onChange = vi.fn();
    act(() => {
      render(<AvailabilityGrid id="grid" legend="Wanneer?" schedule={{ mon: ["morning"] }} onChange={onChange} />, root);
    });
    const buttons = [...root.querySelectorAll("button")];
    expect(buttons).toHaveLength(21);
    // The name a screen reader hears: without the aria-hidden tick.
    const name = (button: HTMLElement | undefined) => {
      const copy = button?.cloneNode(true) as HTMLElement;
      copy.querySelectorAll("[aria-hidden=true]").forEach((el) => el.remove());
      return copy.textContent;
    };
    expect(name(buttons[0])).toBe("Maandag Ochtend");
    expect(buttons[0]?.querySelector("[aria-hidden=true]")?.textContent).toBe("✓");
    expect(buttons[0]?.getAttribute("aria-pressed")).toBe("true");
    expect(buttons[1]?.getAttribute("aria-pressed")).toBe("false");
    expect(buttons[0]?.id).toBe("grid"); // the error summary links here
    act(() => buttons[5]?.click()); // Tuesday evening
    expect(onChange).toHaveBeenCalledWith({ mon: ["morning"], tue: ["evening"] });
  });
});

describe("parseWhole", () => {
  it("takes empty as not answered, and only whole numbers in range", () => {
    expect(parseWhole("", 1, 60)).toEqual({ ok: true, value: null });
    expect(parseWhole(" 16 ", 1, 60)).toEqual({ ok: true, value: 16 });
    expect(parseWhole("0", 1, 60).ok).toBe(false);
    expect(parseWhole("8,5", 1, 60).ok).toBe(false);
    expect(parseWhole("acht", 1, 60)).toEqual({ ok: false, error: "Vul een getal in van 1 tot 60." });
  });
});

describe("joinMonth", () => {
  it("joins a month and a year only when both are there and allowed", () => {
    expect(joinMonth("09", "2021")).toEqual({ value: "2021-09", problem: null });
    expect(joinMonth("09", "")).toEqual({ value: null, problem: null });
    expect(joinMonth("", "21")).toEqual({ value: null, problem: "year" });
    expect(joinMonth("12", "2030", "2026-01")).toEqual({ value: null, problem: "late" });
    expect(joinMonth("01", "2020", undefined, "2020-03")).toEqual({ value: null, problem: "early" });
  });
});

describe("the combobox", () => {
  const options = [
    { id: "1", label: "kok" },
    { id: "2", label: "kokkin", matchedLabel: "chef-kok" },
  ];

  function mount(onPick = vi.fn()) {
    let text = "";
    const search = vi.fn(() => Promise.resolve(options));
    const draw = () =>
      render(
        <Combobox
          id="job"
          label="Beroep"
          text={text}
          onText={(v) => {
            text = v;
            draw();
          }}
          search={search}
          onPick={onPick}
        />,
        root,
      );
    act(draw);
    const input = root.querySelector("input") as HTMLInputElement;
    return { input, search, onPick };
  }

  async function type(input: HTMLInputElement, value: string) {
    vi.useFakeTimers();
    act(() => {
      input.value = value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(200);
    });
    vi.useRealTimers();
  }

  const key = (input: HTMLInputElement, name: string) =>
    act(() => {
      input.dispatchEvent(new KeyboardEvent("keydown", { key: name, bubbles: true, cancelable: true }));
    });

  it("follows the ARIA 1.2 combobox pattern", async () => {
    const { input, search } = mount();
    expect(input.getAttribute("role")).toBe("combobox");
    expect(input.getAttribute("aria-expanded")).toBe("false");
    expect(input.getAttribute("aria-autocomplete")).toBe("list");
    await type(input, "ko");
    expect(search).toHaveBeenCalledWith("ko");
    expect(input.getAttribute("aria-expanded")).toBe("true");
    const list = root.querySelector(`#${input.getAttribute("aria-controls") ?? ""}`);
    expect(list?.getAttribute("role")).toBe("listbox");
    expect(list?.querySelectorAll("[role=option]")).toHaveLength(2);
    expect(root.querySelector("[role=status]")?.textContent).toContain("2 gevonden");
  });

  it("moves with the arrow keys and picks with Enter", async () => {
    const { input, onPick } = mount();
    await type(input, "kok");
    key(input, "ArrowDown");
    key(input, "ArrowDown");
    expect(input.getAttribute("aria-activedescendant")).toBe("job-option-1");
    expect(root.querySelector("#job-option-1")?.getAttribute("aria-selected")).toBe("true");
    key(input, "Enter");
    expect(onPick).toHaveBeenCalledWith(options[1]);
    expect(input.getAttribute("aria-expanded")).toBe("false");
  });

  it("closes on Escape, and clears the text on a second Escape", async () => {
    const { input } = mount();
    await type(input, "kok");
    key(input, "Escape");
    expect(input.getAttribute("aria-expanded")).toBe("false");
    key(input, "Escape");
    expect(input.value).toBe("");
  });

  it("does not search on a single letter", async () => {
    const { input, search } = mount();
    await type(input, "k");
    expect(search).not.toHaveBeenCalled();
  });
});
