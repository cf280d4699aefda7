import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import {
  BillingKeyCipherError,
  buildKeyRing,
  decryptBillingKey,
  encryptBillingKey,
  fingerprintBillingKey,
} from "@/lib/crypto/billing-key-cipher";

const key = () => randomBytes(32).toString("base64");
const BILLING_KEY = "bk_live_3f9a7c1e5b2d4a6f8e0c";

describe("round trip", () => {
  test("decrypts what it encrypted for the same row", () => {
    const ring = buildKeyRing(key());
    const rowId = randomUUID();
    const { ciphertext, keyVersion } = encryptBillingKey(BILLING_KEY, rowId, ring);
    expect(keyVersion).toBe(1);
    expect(ciphertext).not.toContain(BILLING_KEY);
    expect(decryptBillingKey(ciphertext, rowId, ring)).toBe(BILLING_KEY);
  });

  test("uses a fresh IV: the same key encrypts differently each time", () => {
    const ring = buildKeyRing(key());
    const rowId = randomUUID();
    const a = encryptBillingKey(BILLING_KEY, rowId, ring).ciphertext;
    const b = encryptBillingKey(BILLING_KEY, rowId, ring).ciphertext;
    expect(a).not.toBe(b);
  });

  test("the default key ring comes from BILLING_KEY_ENCRYPTION_KEY", () => {
    const rowId = randomUUID();
    const { ciphertext } = encryptBillingKey(BILLING_KEY, rowId);
    expect(decryptBillingKey(ciphertext, rowId)).toBe(BILLING_KEY);
  });
});

describe("authentication", () => {
  test("a ciphertext moved to another row does not decrypt", () => {
    const ring = buildKeyRing(key());
    const { ciphertext } = encryptBillingKey(BILLING_KEY, randomUUID(), ring);
    expect(() => decryptBillingKey(ciphertext, randomUUID(), ring)).toThrow(BillingKeyCipherError);
  });

  test("a tampered ciphertext does not decrypt", () => {
    const ring = buildKeyRing(key());
    const rowId = randomUUID();
    const packed = Buffer.from(encryptBillingKey(BILLING_KEY, rowId, ring).ciphertext, "base64");
    const last = packed.length - 1;
    packed[last] = (packed[last] ?? 0) ^ 0x01;
    expect(() => decryptBillingKey(packed.toString("base64"), rowId, ring)).toThrow(
      /failed authentication/,
    );
  });

  test("a truncated ciphertext is rejected", () => {
    expect(() => decryptBillingKey("AQID", randomUUID(), buildKeyRing(key()))).toThrow(/truncated/);
  });

  test("a different key with the same version does not decrypt, and the message leaks nothing", () => {
    const rowId = randomUUID();
    const { ciphertext } = encryptBillingKey(BILLING_KEY, rowId, buildKeyRing(key()));
    let message = "";
    try {
      decryptBillingKey(ciphertext, rowId, buildKeyRing(key()));
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toMatch(/failed authentication/);
    expect(message).not.toContain(ciphertext);
    expect(message).not.toContain(BILLING_KEY);
  });
});

describe("rotation", () => {
  test("rows written with the old key stay readable; new writes use the current version", () => {
    const oldKey = key();
    const newKey = key();
    const rowId = randomUUID();
    const before = encryptBillingKey(BILLING_KEY, rowId, buildKeyRing(oldKey));
    expect(before.keyVersion).toBe(1);

    const rotated = buildKeyRing(`2:${newKey}`, `1:${oldKey}`);
    expect(decryptBillingKey(before.ciphertext, rowId, rotated)).toBe(BILLING_KEY);

    const after = encryptBillingKey(BILLING_KEY, rowId, rotated);
    expect(after.keyVersion).toBe(2);
    expect(Buffer.from(after.ciphertext, "base64")[0]).toBe(2);
    // Once the old key is retired for good, only rows re-encrypted under version 2 decrypt.
    const retired = buildKeyRing(`2:${newKey}`);
    expect(decryptBillingKey(after.ciphertext, rowId, retired)).toBe(BILLING_KEY);
    expect(() => decryptBillingKey(before.ciphertext, rowId, retired)).toThrow(
      /key version 1, which is not configured/,
    );
  });

  test("the current key wins when OLD_KEYS repeats its version", () => {
    const current = key();
    const ring = buildKeyRing(`3:${current}`, `3:${key()}`);
    const rowId = randomUUID();
    const { ciphertext } = encryptBillingKey(BILLING_KEY, rowId, ring);
    expect(decryptBillingKey(ciphertext, rowId, buildKeyRing(`3:${current}`))).toBe(BILLING_KEY);
  });
});

describe("key specs", () => {
  test.each([
    ["not base64 at all", "!!!"],
    ["a 16-byte key", randomBytes(16).toString("base64")],
    ["version 0", `0:${key()}`],
    ["version 256", `256:${key()}`],
  ])("rejects %s in BILLING_KEY_ENCRYPTION_KEY", (_label, spec) => {
    expect(() => buildKeyRing(spec)).toThrow(/BILLING_KEY_ENCRYPTION_KEY must be a base64/);
  });

  test("rejects a bad entry in BILLING_KEY_ENCRYPTION_OLD_KEYS and names that variable", () => {
    expect(() => buildKeyRing(key(), `1:${key()},2:short`)).toThrow(
      /BILLING_KEY_ENCRYPTION_OLD_KEYS must be a base64/,
    );
  });

  test("old keys need an explicit version", () => {
    expect(() => buildKeyRing(`2:${key()}`, key())).toThrow(/BILLING_KEY_ENCRYPTION_OLD_KEYS/);
  });
});

test("fingerprints are stable, distinct and do not contain the key", () => {
  expect(fingerprintBillingKey(BILLING_KEY)).toBe(fingerprintBillingKey(BILLING_KEY));
  expect(fingerprintBillingKey(BILLING_KEY)).not.toBe(fingerprintBillingKey(`${BILLING_KEY}x`));
  expect(fingerprintBillingKey(BILLING_KEY)).toMatch(/^[0-9a-f]{64}$/);
});
