import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { merchantSettings, type MerchantSettings } from "@/lib/db/schema";

/** The settings row (id = 1); created with docs/billing.md's defaults on first read. */
export async function loadMerchantSettings(tx: Executor): Promise<MerchantSettings> {
  const [row] = await tx.select().from(merchantSettings).where(eq(merchantSettings.id, 1));
  if (row) return row;
  const [created] = await tx
    .insert(merchantSettings)
    .values({ id: 1 })
    .onConflictDoNothing()
    .returning();
  if (created) return created;
  const [again] = await tx.select().from(merchantSettings).where(eq(merchantSettings.id, 1));
  if (!again) throw new Error("merchant_settings row missing");
  return again;
}
