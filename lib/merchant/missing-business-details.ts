import type { MerchantSettings } from "@/lib/db/schema";

// 전자상거래법 §10 (and 시행령 §11): an online seller shows its trade name, representative,
// business registration number, mail-order (통신판매업) registration number, address and a
// way to reach it. One rule for every place that asks "is this filled in?": the storefront
// footer hides what is missing, a live checkout refuses without it, and the admin dashboard's
// checklist names it.

export type BusinessDetails = Pick<
  MerchantSettings,
  | "businessName"
  | "representativeName"
  | "businessRegistrationNumber"
  | "mailOrderRegistrationNumber"
  | "businessAddress"
  | "supportPhone"
  | "supportEmail"
>;

/** A required detail; `supportContact` is satisfied by a phone number or an email address. */
export type BusinessDetail =
  | "businessName"
  | "representativeName"
  | "businessRegistrationNumber"
  | "mailOrderRegistrationNumber"
  | "businessAddress"
  | "supportContact";

/** In the order of the settings form, with the names the form uses. */
export const BUSINESS_DETAIL_LABELS: Record<BusinessDetail, string> = {
  businessName: "상호",
  representativeName: "대표자",
  businessRegistrationNumber: "사업자등록번호",
  mailOrderRegistrationNumber: "통신판매업 신고번호",
  businessAddress: "사업장 주소",
  supportContact: "고객센터 연락처(전화 또는 이메일)",
};

/**
 * merchant_settings.business_name's column default: a name the app made up so a fresh store has
 * a header, not the merchant's 상호. Kept equal to the schema by
 * tests/merchant/missing-business-details.test.ts.
 */
export const PLACEHOLDER_BUSINESS_NAME = "구독 스토어";

const filled = (value: string | null | undefined): boolean => Boolean(value?.trim());

/** The merchant's own 상호, or null while it is empty or still the placeholder. */
export function registeredBusinessName(details: Pick<BusinessDetails, "businessName">) {
  const name = details.businessName.trim();
  return name && name !== PLACEHOLDER_BUSINESS_NAME ? name : null;
}

/** The required details still missing, in the settings form's order; empty when complete. */
export function missingBusinessDetails(details: BusinessDetails): BusinessDetail[] {
  const present: Record<BusinessDetail, boolean> = {
    businessName: registeredBusinessName(details) !== null,
    representativeName: filled(details.representativeName),
    businessRegistrationNumber: filled(details.businessRegistrationNumber),
    mailOrderRegistrationNumber: filled(details.mailOrderRegistrationNumber),
    businessAddress: filled(details.businessAddress),
    supportContact: filled(details.supportPhone) || filled(details.supportEmail),
  };
  return (Object.keys(BUSINESS_DETAIL_LABELS) as BusinessDetail[]).filter(
    (detail) => !present[detail],
  );
}

/** "대표자, 통신판매업 신고번호": for messages to the merchant. */
export function describeBusinessDetails(details: readonly BusinessDetail[]): string {
  return details.map((detail) => BUSINESS_DETAIL_LABELS[detail]).join(", ");
}
