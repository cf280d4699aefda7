import { z } from "zod";
import type { FaultSettings } from "./faults";

// The part of every sandbox's settings API that is about faults (faults.ts): the zod fields of
// a PUT {base}/_sandbox/settings, and the rule that the rates share one roll of the dice.

const rate = z.number().min(0).max(1).nullable().optional();

/** Fields of a settings update; null restores the default, a missing field leaves it alone. */
export const faultSettingsFields = {
  latencyMs: z.number().int().min(0).max(600_000).nullable().optional(),
  errorRate: rate,
  timeoutRate: rate,
  lostResponseRate: rate,
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .nullable()
    .optional(),
};

export class SettingsError extends Error {
  override name = "SettingsError";
}

type RateUpdate = { [K in "errorRate" | "timeoutRate" | "lostResponseRate"]?: number | null };

/** Throws unless the rates after `update` (null = the default) sum to at most 1. */
export function checkRateSum(
  current: Pick<FaultSettings, "errorRate" | "timeoutRate" | "lostResponseRate">,
  defaults: Pick<FaultSettings, "errorRate" | "timeoutRate" | "lostResponseRate">,
  update: RateUpdate,
): void {
  const pick = (name: keyof RateUpdate) =>
    update[name] === undefined ? current[name] : (update[name] ?? defaults[name]);
  if (pick("errorRate") + pick("timeoutRate") + pick("lostResponseRate") > 1) {
    throw new SettingsError("errorRate + timeoutRate + lostResponseRate must not exceed 1");
  }
}

/** The fields of `value` that were given (an update leaves the others alone). */
export function definedFields<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Each setting from the stored row, or its default where the row has null (or no row). */
export function withDefaults<T extends Record<string, unknown>>(
  row: { [K in keyof T]?: T[K] | null } | undefined,
  defaults: T,
): T {
  return Object.fromEntries(
    Object.keys(defaults).map((name) => [name, row?.[name] ?? defaults[name]]),
  ) as T;
}
