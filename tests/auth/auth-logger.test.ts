import { JWTSessionError } from "@auth/core/errors";
import { afterEach, describe, expect, it, vi } from "vitest";
import { authConfig, PasswordSignInError } from "@/lib/auth/config";

// The logger Auth.js is configured with, called as Auth.js calls it.
function logError(error: Error) {
  const error_ = authConfig().logger?.error;
  if (!error_) throw new Error("no logger.error configured");
  error_(error);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Auth.js logger", () => {
  it("logs an unreadable session cookie as one warn line, without a stack or the cookie", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const cookie = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..tampered";
    const decryptFailure = new Error(`no matching decryption secret for ${cookie}`);
    decryptFailure.name = "JWEDecryptionFailed";

    // As Auth.js builds it when the session cookie does not decrypt.
    logError(new JWTSessionError("", { cause: { err: decryptFailure } }));

    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    const args = warn.mock.calls[0]!;
    expect(args).toHaveLength(1);
    const line = String(args[0]);
    expect(line).not.toContain("\n");
    expect(line).toContain("JWTSessionError");
    expect(line).not.toContain(cookie);
    expect(line).not.toMatch(/\bat .*:\d+:\d+/);
  });

  it("says nothing about a wrong password", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    logError(new PasswordSignInError({ ok: false, reason: "invalid" }));
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  it("keeps real errors as errors", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const failure = new Error("database is down");
    logError(failure);
    expect(error).toHaveBeenCalledWith(failure);
  });
});
