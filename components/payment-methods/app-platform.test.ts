import { devices } from "@playwright/test";
import { describe, expect, it } from "vitest";
import { detectAppPlatform } from "./app-platform";

describe("which Toss app link a device gets", () => {
  it("recognises Android and iOS phones", () => {
    expect(detectAppPlatform(devices["Pixel 7"].userAgent)).toBe("android");
    expect(detectAppPlatform(devices["Galaxy S9+"].userAgent)).toBe("android");
    expect(detectAppPlatform(devices["iPhone 13"].userAgent)).toBe("ios");
    expect(detectAppPlatform(devices["iPad Mini"].userAgent)).toBe("ios");
  });

  it("gives computers the QR code, and unknown phones the web link", () => {
    expect(detectAppPlatform(devices["Desktop Chrome"].userAgent)).toBe("desktop");
    expect(detectAppPlatform(devices["Desktop Safari"].userAgent)).toBe("desktop");
    expect(detectAppPlatform(null)).toBe("desktop");
    expect(
      detectAppPlatform("Mozilla/5.0 (Mobile; rv:48.0) Gecko/48.0 Firefox/48.0 KAIOS/2.5"),
    ).toBe("other_mobile");
  });
});
