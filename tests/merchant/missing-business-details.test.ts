// 전자상거래법 §10 business details: the one rule the footer, a live checkout and the admin
// checklist share, and the refusal a live store gives while they are missing.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { merchantSettings } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import {
  PLACEHOLDER_BUSINESS_NAME,
  missingBusinessDetails,
  type BusinessDetails,
} from "@/lib/merchant/missing-business-details";
import {
  CHECKOUT_CLOSED_MESSAGE,
  detailsBlockingCheckout,
  requireBusinessDetailsForCheckout,
} from "@/lib/merchant/require-business-details";

const COMPLETE: BusinessDetails = {
  businessName: "주식회사 구독상점",
  representativeName: "김대표",
  businessRegistrationNumber: "123-45-67890",
  mailOrderRegistrationNumber: "제2025-서울강남-01234호",
  businessAddress: "서울특별시 강남구 테헤란로 1",
  supportPhone: "1588-0000",
  supportEmail: null,
};

const EMPTY: BusinessDetails = {
  businessName: PLACEHOLDER_BUSINESS_NAME,
  representativeName: null,
  businessRegistrationNumber: null,
  mailOrderRegistrationNumber: null,
  businessAddress: null,
  supportPhone: null,
  supportEmail: null,
};

describe("missingBusinessDetails", () => {
  it("is empty when every required detail is filled in (phone or email for support)", () => {
    expect(missingBusinessDetails(COMPLETE)).toEqual([]);
    expect(
      missingBusinessDetails({ ...COMPLETE, supportPhone: null, supportEmail: "help@shop.kr" }),
    ).toEqual([]);
  });

  it("names every missing detail in the settings form's order; blank text counts as missing", () => {
    expect(missingBusinessDetails(EMPTY)).toEqual([
      "businessName",
      "representativeName",
      "businessRegistrationNumber",
      "mailOrderRegistrationNumber",
      "businessAddress",
      "supportContact",
    ]);
    expect(
      missingBusinessDetails({ ...COMPLETE, representativeName: "  ", businessAddress: "" }),
    ).toEqual(["representativeName", "businessAddress"]);
  });

  it("treats the app's own default 상호 as not filled in, and it is the schema's default", async () => {
    expect(
      missingBusinessDetails({ ...COMPLETE, businessName: PLACEHOLDER_BUSINESS_NAME }),
    ).toEqual(["businessName"]);
    await db().insert(merchantSettings).values({ id: 1 }).onConflictDoNothing();
    const [row] = await db().select().from(merchantSettings).where(eq(merchantSettings.id, 1));
    expect(row?.businessName).toBe(PLACEHOLDER_BUSINESS_NAME);
    expect(row && missingBusinessDetails(row)).toHaveLength(6);
  });
});

describe("checkout and the business details", () => {
  it("a live store with gaps refuses with the missing fields named for the merchant and a calm customer message", () => {
    const missing = { ...COMPLETE, representativeName: null, mailOrderRegistrationNumber: " " };
    expect(detailsBlockingCheckout(missing, "live")).toEqual([
      "representativeName",
      "mailOrderRegistrationNumber",
    ]);
    let thrown: unknown;
    try {
      requireBusinessDetailsForCheckout(missing, "live");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const error = thrown as AppError;
    expect(error.code).toBe("config_error");
    expect(error.message).toContain("Missing: 대표자, 통신판매업 신고번호.");
    expect(error.userMessage).toBe(CHECKOUT_CLOSED_MESSAGE);
    expect(error.userMessage).not.toContain("대표자");
  });

  it("a live store with everything filled in, and the sandbox demo with nothing, may take checkouts", () => {
    expect(() => requireBusinessDetailsForCheckout(COMPLETE, "live")).not.toThrow();
    expect(detailsBlockingCheckout(EMPTY, "sandbox")).toEqual([]);
    expect(() => requireBusinessDetailsForCheckout(EMPTY, "sandbox")).not.toThrow();
  });
});
