import { describe, expect, it } from "vitest";
import { clientIpFrom } from "@/lib/auth/client-ip";

const forged = new Headers({
  "x-real-ip": "198.51.100.1",
  "x-forwarded-for": "198.51.100.2, 203.0.113.9",
});

describe("clientIpFrom", () => {
  it("trusts no forwarded header outside Vercel without TRUSTED_PROXY_IP_HEADER", () => {
    expect(clientIpFrom(forged, { VERCEL: undefined, TRUSTED_PROXY_IP_HEADER: undefined })).toBe(
      null,
    );
  });

  it("uses x-real-ip on Vercel, which the platform sets", () => {
    expect(clientIpFrom(forged, { VERCEL: "1", TRUSTED_PROXY_IP_HEADER: undefined })).toBe(
      "198.51.100.1",
    );
    // Vercel ignores TRUSTED_PROXY_IP_HEADER: its own header is the one that cannot be forged.
    expect(clientIpFrom(forged, { VERCEL: "1", TRUSTED_PROXY_IP_HEADER: "x-forwarded-for" })).toBe(
      "198.51.100.1",
    );
  });

  it("uses only the configured header behind the merchant's own proxy", () => {
    const env = { VERCEL: undefined, TRUSTED_PROXY_IP_HEADER: "x-client-ip" };
    expect(clientIpFrom(forged, env)).toBe(null);
    expect(clientIpFrom(new Headers({ "x-client-ip": "2001:db8::1" }), env)).toBe("2001:db8::1");
  });

  it("takes the entry the proxy appended from a list, not the client's left-most one", () => {
    const env = { VERCEL: undefined, TRUSTED_PROXY_IP_HEADER: "x-forwarded-for" };
    expect(clientIpFrom(forged, env)).toBe("203.0.113.9");
  });

  it("treats a value that is not an address as unknown", () => {
    const env = { VERCEL: "1", TRUSTED_PROXY_IP_HEADER: undefined };
    expect(clientIpFrom(new Headers({ "x-real-ip": "unknown" }), env)).toBe(null);
    expect(clientIpFrom(new Headers(), env)).toBe(null);
  });

  it("reads the environment by default (no proxy configured in tests)", () => {
    expect(clientIpFrom(forged)).toBe(null);
  });
});
