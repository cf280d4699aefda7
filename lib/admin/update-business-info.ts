import type { MerchantSettings } from "@/lib/db/schema";
import type { AdminActor } from "./admin-actor";
import { saveMerchantSettings } from "./save-merchant-settings";
import { businessInfoSchema } from "./settings-input";

/** 상호, 대표자, 사업자등록번호, 통신판매업 신고번호, 주소, 고객센터 (the storefront footer). */
export function updateBusinessInfo(
  admin: AdminActor,
  input: unknown,
  options: { now?: Date } = {},
): Promise<MerchantSettings> {
  return saveMerchantSettings(
    admin,
    businessInfoSchema,
    "settings.business_info",
    input,
    options.now ?? new Date(),
  );
}
