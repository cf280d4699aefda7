import { describe, expect, it } from "vitest";
import { safeCallbackUrl, signInPath } from "@/lib/auth/callback-url";

describe("safeCallbackUrl", () => {
  it.each([
    ["/account", "/account"],
    ["/admin/plans?status=active#top", "/admin/plans?status=active#top"],
    ["/pricing/../account", "/account"],
    ["/검색?q=구독", "/%EA%B2%80%EC%83%89?q=%EA%B5%AC%EB%8F%85"],
    // Encoded characters stay encoded: a path segment, not a new line or a new host.
    ["/%0a/evil", "/%0a/evil"],
  ])("keeps the same-site path %s", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });

  it.each([
    "https://evil.example/account",
    "http://localhost:3000/account",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "account",
    "",
    "/sign-in",
    "/sign-up?callbackUrl=/account",
    "/" + "a".repeat(3000),
  ])("rejects %j and falls back to /", (input) => {
    expect(safeCallbackUrl(input)).toBe("/");
  });

  // The raw value passes the "//" check, but dot segments collapse to a protocol-relative URL:
  // what is returned is what the browser follows, so the result itself is checked.
  it.each([
    "/.//evil.example",
    "/%2e%2e//evil.example",
    "/%2E//evil.example",
    "/a/..//evil.example",
    "/././/evil.example/path?x=1",
    // Encoded slashes and backslashes, which a decoding proxy would turn back into "//".
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%5C/evil.example",
    "/.%2F/evil.example",
  ])("rejects %j, which normalises to another site", (input) => {
    const result = safeCallbackUrl(input);
    expect(result).toBe("/");
    expect(result.startsWith("//") || result.startsWith("/\\")).toBe(false);
  });

  it("rejects values that are not strings", () => {
    expect(safeCallbackUrl(undefined)).toBe("/");
    expect(safeCallbackUrl(["/account"])).toBe("/");
    expect(safeCallbackUrl(null, "/account")).toBe("/account");
  });
});

describe("signInPath", () => {
  it("carries a safe callback and drops an unsafe one", () => {
    expect(signInPath("/account?tab=billing")).toBe(
      "/sign-in?callbackUrl=%2Faccount%3Ftab%3Dbilling",
    );
    expect(signInPath("https://evil.example")).toBe("/sign-in");
    expect(signInPath()).toBe("/sign-in");
  });
});
