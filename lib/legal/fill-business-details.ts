import {
  registeredBusinessName,
  type BusinessDetails,
} from "@/lib/merchant/missing-business-details";

// The default documents name the merchant through placeholders, filled from the business
// details at display time, so a store that fills its details in later does not have to
// republish its documents. A merchant who writes their own text may use them too.
export const BUSINESS_PLACEHOLDERS = {
  "{{상호}}": (details: BusinessDetails) => registeredBusinessName(details),
  "{{대표자}}": (details: BusinessDetails) => details.representativeName,
  "{{사업자등록번호}}": (details: BusinessDetails) => details.businessRegistrationNumber,
  "{{주소}}": (details: BusinessDetails) => details.businessAddress,
  "{{고객센터}}": (details: BusinessDetails) =>
    [details.supportPhone, details.supportEmail]
      .map((value) => value?.trim())
      .filter(Boolean)
      .join(", "),
} as const;

const NOT_YET_REGISTERED = "(판매자 정보 등록 전)";

/** The body with every business placeholder replaced by the merchant's current details. */
export function fillBusinessDetails(body: string, details: BusinessDetails): string {
  let filled = body;
  for (const [placeholder, valueOf] of Object.entries(BUSINESS_PLACEHOLDERS)) {
    const value = valueOf(details)?.trim();
    filled = filled.replaceAll(placeholder, value ? value : NOT_YET_REGISTERED);
  }
  return filled;
}
