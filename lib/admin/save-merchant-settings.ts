import { eq } from "drizzle-orm";
import type { z } from "zod";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";
import { db } from "@/lib/db/client";
import { merchantSettings, type MerchantSettings } from "@/lib/db/schema";
import { asActor, type AdminActor } from "./admin-actor";
import { changedFields } from "@/lib/audit/changed-fields";
import { parseAdminInput } from "./parse-admin-input";
import { recordAudit } from "@/lib/audit/record-audit";

// The settings page saves two sections separately (update-billing-policy.ts,
// update-business-info.ts), each through this, with an audit entry of what changed. New values
// apply from the next cron run; nothing already scheduled is recomputed (a subscription in
// dunning keeps the retry date it was given).

/** Validates `input` with `schema`, saves those columns, and audits what changed. */
export async function saveMerchantSettings<Schema extends z.ZodObject>(
  admin: AdminActor,
  schema: Schema,
  action: string,
  input: unknown,
  now: Date,
): Promise<MerchantSettings> {
  const values = parseAdminInput(schema, input) as Partial<MerchantSettings>;
  return db().transaction(async (tx) => {
    await loadMerchantSettings(tx); // creates the row with its defaults on a fresh database
    const [current] = await tx
      .select()
      .from(merchantSettings)
      .where(eq(merchantSettings.id, 1))
      .for("update");
    if (!current) throw new Error("merchant_settings row missing");
    const [updated] = await tx
      .update(merchantSettings)
      .set({ ...values, updatedAt: now })
      .where(eq(merchantSettings.id, 1))
      .returning();
    if (!updated) throw new Error("merchant_settings row vanished");
    const keys = Object.keys(values) as (keyof MerchantSettings)[];
    const pick = (row: MerchantSettings) =>
      Object.fromEntries(keys.map((k) => [k, row[k]])) as Record<string, unknown>;
    const diff = changedFields(pick(current), pick(updated));
    if (diff) {
      await recordAudit(tx, {
        actor: asActor(admin),
        action,
        targetType: "merchant_settings",
        targetId: "1",
        before: diff.before,
        after: diff.after,
      });
    }
    return updated;
  });
}

/** An admin operation that saves one settings section (`schema`'s columns) under `action`. */
export function settingsSectionUpdater<Schema extends z.ZodObject>(
  schema: Schema,
  action: string,
): (admin: AdminActor, input: unknown, options?: { now?: Date }) => Promise<MerchantSettings> {
  return (admin, input, options = {}) =>
    saveMerchantSettings(admin, schema, action, input, options.now ?? new Date());
}
