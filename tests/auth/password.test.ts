import { describe, expect, it } from "vitest";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";

describe("password hashing", () => {
  it("stores argon2id hashes that verify only the original password", async () => {
    const hash = await hashPassword("올바른-비밀번호-123");

    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hash).not.toContain("올바른-비밀번호-123");
    expect(await verifyPassword(hash, "올바른-비밀번호-123")).toBe(true);
    expect(await verifyPassword(hash, "올바른-비밀번호-124")).toBe(false);
    expect(await verifyPassword(hash, "")).toBe(false);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([
      hashPassword("same-password"),
      hashPassword("same-password"),
    ]);
    expect(a).not.toBe(b);
  });

  it("treats a malformed stored hash as a mismatch instead of throwing", async () => {
    expect(await verifyPassword("not-a-phc-string", "anything")).toBe(false);
  });

  it("spends a verification on unknown users without failing", async () => {
    await expect(verifyAgainstDummy("whatever")).resolves.toBeUndefined();
  });
});
