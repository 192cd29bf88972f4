import { describe, expect, it } from "vitest";
import { base64UrlToBytes, isIos, pushSupport, type BrowserFacts } from "./permission";

const chrome: BrowserFacts = {
  userAgent: "Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36",
  maxTouchPoints: 5,
  standalone: false,
  hasNotification: true,
  hasPushManager: true,
  hasServiceWorker: true,
};
const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Version/17.4 Mobile/15E148 Safari/604.1";
const ipad = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.4 Safari/605.1.15";

describe("push support", () => {
  it("is there in an ordinary browser with a worker", () => {
    expect(pushSupport(chrome)).toBe("supported");
    expect(pushSupport({ ...chrome, hasPushManager: false })).toBe("unsupported");
  });

  it("asks iPhone and iPad users to add the app to the home screen first", () => {
    expect(isIos(iphone, 5)).toBe(true);
    expect(isIos(ipad, 5)).toBe(true); // iPadOS says it is a Mac
    expect(isIos(ipad, 0)).toBe(false); // a real Mac
    expect(pushSupport({ ...chrome, userAgent: iphone, hasPushManager: false })).toBe("ios-home-screen-first");
    expect(pushSupport({ ...chrome, userAgent: iphone, standalone: true })).toBe("supported");
  });
});

describe("base64UrlToBytes", () => {
  it("decodes the VAPID key's base64url without padding", () => {
    expect([...base64UrlToBytes("AQID_-8")]).toEqual([1, 2, 3, 255, 239]);
  });
});
