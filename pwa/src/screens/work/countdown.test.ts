import { beforeEach, describe, expect, it } from "vitest";
import { setLang } from "../../i18n";
import { formatTimeLeft, milestone, timeLeft } from "./countdown";
import { tw } from "./words";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.parse("2026-12-07T10:00:00Z");

const words = (ms: number) => formatTimeLeft(timeLeft(NOW + ms, NOW), tw);

describe("timeLeft", () => {
  it("splits what is left into days, hours, minutes and seconds", () => {
    const left = timeLeft(new Date(NOW + 2 * DAY + 3 * HOUR + 4 * MINUTE + 5 * SECOND).toISOString(), NOW);
    expect(left).toMatchObject({ days: 2, hours: 3, minutes: 4, seconds: 5, expired: false });
  });

  it("rounds up to whole seconds, so the last second still shows", () => {
    expect(timeLeft(NOW + 200, NOW)).toMatchObject({ seconds: 1, expired: false });
  });

  it("is expired at and after the deadline, and for a time it cannot read", () => {
    expect(timeLeft(NOW, NOW).expired).toBe(true);
    expect(timeLeft(NOW - HOUR, NOW)).toMatchObject({ ms: 0, expired: true });
    expect(timeLeft("not a time", NOW).expired).toBe(true);
  });
});

describe("formatTimeLeft", () => {
  beforeEach(() => setLang("nl"));

  it("says the two largest units in plain Dutch", () => {
    expect(words(2 * DAY + 3 * HOUR + 4 * MINUTE)).toBe("2 dagen en 3 uur");
    expect(words(DAY + HOUR)).toBe("1 dag en 1 uur");
    expect(words(47 * HOUR + 59 * MINUTE + 59 * SECOND)).toBe("1 dag en 23 uur");
    expect(words(3 * HOUR + 12 * MINUTE + 9 * SECOND)).toBe("3 uur en 12 minuten");
    expect(words(12 * MINUTE + 5 * SECOND)).toBe("12 minuten en 5 seconden");
    expect(words(MINUTE + SECOND)).toBe("1 minuut en 1 seconde");
    expect(words(45 * SECOND)).toBe("45 seconden");
  });

  it("leaves out a second unit that is zero", () => {
    expect(words(2 * DAY)).toBe("2 dagen");
    expect(words(HOUR + 30 * SECOND)).toBe("1 uur");
  });

  it("speaks English too", () => {
    setLang("en");
    expect(words(DAY + 2 * HOUR)).toBe("1 day and 2 hours");
    expect(words(SECOND)).toBe("1 second");
    expect(words(0)).toBe("0 seconds");
  });
});

describe("milestone", () => {
  it("changes only at a day, an hour, 10 minutes, a minute and the end", () => {
    expect(milestone(2 * DAY)).toBe("more");
    expect(milestone(DAY + SECOND)).toBe("more");
    expect(milestone(DAY)).toBe("day");
    expect(milestone(5 * HOUR)).toBe("day");
    expect(milestone(HOUR)).toBe("hour");
    expect(milestone(11 * MINUTE)).toBe("hour");
    expect(milestone(10 * MINUTE)).toBe("minutes");
    expect(milestone(MINUTE)).toBe("minute");
    expect(milestone(1)).toBe("minute");
    expect(milestone(0)).toBe("expired");
  });

  it("stays the same from one second to the next almost always (nothing to announce)", () => {
    let changes = 0;
    for (let ms = 2 * DAY; ms > 0; ms -= SECOND) if (milestone(ms) !== milestone(ms - SECOND)) changes++;
    expect(changes).toBe(5); // day, hour, 10 minutes, a minute, expired
  });
});
