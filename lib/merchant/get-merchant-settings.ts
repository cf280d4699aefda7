import { eq } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { merchantSettings, type MerchantSettings } from "@/lib/db/schema";

/**
 * The single merchant-settings row (id = 1). The seed creates it; a database that has not been
 * seeded yet gets the column defaults, so the storefront still renders.
 */
export async function getMerchantSettings(executor: Executor = db()): Promise<MerchantSettings> {
  const [row] = await executor.select().from(merchantSettings).where(eq(merchantSettings.id, 1));
  if (row) return row;
  const [defaults] = await executor
    .insert(merchantSettings)
    .values({ id: 1 })
    .onConflictDoNothing()
    .returning();
  if (defaults) return defaults;
  // Another request inserted it between our select and insert.
  const [again] = await executor.select().from(merchantSettings).where(eq(merchantSettings.id, 1));
  if (!again) throw new Error("merchant_settings row 1 is missing and could not be created");
  return again;
}
