import { settingsSectionUpdater } from "./save-merchant-settings";
import { businessInfoSchema } from "./settings-input";

/** 상호, 대표자, 사업자등록번호, 통신판매업 신고번호, 주소, 고객센터 (the storefront footer). */
export const updateBusinessInfo = settingsSectionUpdater(
  businessInfoSchema,
  "settings.business_info",
);
