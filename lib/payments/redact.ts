import type { JsonValue, RawResponse } from "./types";

// Raw provider answers are kept in jsonb columns and shown to admins, so billing keys must not
// survive in them: not as a field, and not inside a string either (Toss Pay's checkout links
// carry the key as a query parameter, seed 000).

const SECRET_FIELDS = new Set(["billingkey", "apikey", "secret", "authkey"]);
const REDACTED = "[redacted]";

/** A JSON copy of `value` without secret fields and with every `secrets` string masked. */
export function redact(
  value: unknown,
  secrets: ReadonlyArray<string | null | undefined> = [],
): RawResponse {
  const masks = secrets.filter((s): s is string => typeof s === "string" && s.length >= 4);
  const cleaned = clean(value, masks);
  if (cleaned !== null && typeof cleaned === "object" && !Array.isArray(cleaned)) return cleaned;
  return cleaned === null ? null : { value: cleaned };
}

function clean(value: unknown, masks: string[]): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") {
    return masks.reduce((text, secret) => text.replaceAll(secret, REDACTED), value);
  }
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map((item) => clean(item, masks));
  if (typeof value === "object") {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) {
      if (SECRET_FIELDS.has(key.toLowerCase())) continue;
      out[key] = clean(item, masks);
    }
    return out;
  }
  return null;
}
