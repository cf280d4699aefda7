import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { getEnv } from "@/lib/env";

// Billing keys are bearer credentials: anyone holding one (and our API key) can charge the
// customer. They are stored only as AES-256-GCM ciphertext bound to their row:
//
//   base64( version(1 byte) | iv(12) | tag(16) | ciphertext )
//
// The row id is the GCM associated data, so a ciphertext copied onto another row fails to
// decrypt. The version byte names the key, so keys can rotate: new writes use the current
// key, old rows stay readable while their key is listed in BILLING_KEY_ENCRYPTION_OLD_KEYS.

const IV_BYTES = 12;
const TAG_BYTES = 16;

export type KeyRing = { current: { version: number; key: Buffer }; all: Map<number, Buffer> };

export class BillingKeyCipherError extends Error {
  override name = "BillingKeyCipherError";
}

function parseKey(spec: string, defaultVersion: number, variable: string) {
  const match = /^(?:(\d{1,3}):)?([A-Za-z0-9+/=_-]+)$/.exec(spec.trim());
  const version = match?.[1] ? Number(match[1]) : defaultVersion;
  const key = match?.[2] ? Buffer.from(match[2], "base64") : Buffer.alloc(0);
  if (!match || key.length !== 32 || version < 1 || version > 255) {
    throw new BillingKeyCipherError(
      `${variable} must be a base64-encoded 32-byte key, optionally prefixed with "N:" (N = key version 1–255). Generate one with: openssl rand -base64 32`,
    );
  }
  return { version, key };
}

export function buildKeyRing(currentSpec: string, oldSpecs?: string): KeyRing {
  const current = parseKey(currentSpec, 1, "BILLING_KEY_ENCRYPTION_KEY");
  const all = new Map<number, Buffer>([[current.version, current.key]]);
  for (const spec of (oldSpecs ?? "").split(",").filter((s) => s.trim() !== "")) {
    const old = parseKey(spec, 0, "BILLING_KEY_ENCRYPTION_OLD_KEYS");
    if (!all.has(old.version)) all.set(old.version, old.key);
  }
  return { current, all };
}

let ring: KeyRing | undefined;

function keyRing(): KeyRing {
  if (ring) return ring;
  const env = getEnv();
  if (!env.BILLING_KEY_ENCRYPTION_KEY) {
    throw new BillingKeyCipherError(
      "BILLING_KEY_ENCRYPTION_KEY is not set; billing keys cannot be stored or used.",
    );
  }
  ring = buildKeyRing(env.BILLING_KEY_ENCRYPTION_KEY, env.BILLING_KEY_ENCRYPTION_OLD_KEYS);
  return ring;
}

export function encryptBillingKey(
  plaintext: string,
  rowId: string,
  keys: KeyRing = keyRing(),
): { ciphertext: string; keyVersion: number } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keys.current.key, iv);
  cipher.setAAD(Buffer.from(rowId, "utf8"));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const packed = Buffer.concat([
    Buffer.from([keys.current.version]),
    iv,
    cipher.getAuthTag(),
    data,
  ]);
  return { ciphertext: packed.toString("base64"), keyVersion: keys.current.version };
}

export function decryptBillingKey(ciphertext: string, rowId: string, keys: KeyRing = keyRing()) {
  const packed = Buffer.from(ciphertext, "base64");
  if (packed.length < 1 + IV_BYTES + TAG_BYTES + 1) {
    throw new BillingKeyCipherError("Billing key ciphertext is truncated.");
  }
  const version = packed[0] ?? 0;
  const key = keys.all.get(version);
  if (!key) {
    throw new BillingKeyCipherError(
      `Billing key was encrypted with key version ${version}, which is not configured.`,
    );
  }
  const iv = packed.subarray(1, 1 + IV_BYTES);
  const tag = packed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(Buffer.from(rowId, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(packed.subarray(1 + IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    // Never include the ciphertext or key material in the message.
    throw new BillingKeyCipherError("Billing key failed authentication (wrong key or row).");
  }
}

/**
 * A stable lookup value for a billing key that survives key rotation. Billing keys are long
 * random provider-issued tokens, so an unkeyed SHA-256 cannot be reversed by guessing.
 */
export function fingerprintBillingKey(plaintext: string): string {
  return createHash("sha256").update("billing-key:").update(plaintext).digest("hex");
}
