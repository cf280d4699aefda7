import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";
import { db, type Executor } from "@/lib/db/client";
import type { MerchantSettings } from "@/lib/db/schema";

/** The single merchant-settings row (id = 1), created with its defaults on first read. */
export function getMerchantSettings(executor: Executor = db()): Promise<MerchantSettings> {
  return loadMerchantSettings(executor);
}
