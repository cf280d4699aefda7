import { paymentMethods, type PaymentMethod } from "@/lib/db/schema";
import type { MethodDetails } from "@/lib/payments/types";

type DisplayColumns = Pick<
  PaymentMethod,
  | "kind"
  | "cardCompany"
  | "cardCompanyCode"
  | "cardNumberMasked"
  | "cardMethodType"
  | "bankCode"
  | "bankName"
  | "accountNumberMasked"
>;

/** The payment_methods display columns for provider-reported details (all reset together). */
export function methodColumns(details: MethodDetails | null): Partial<DisplayColumns> {
  if (!details) return {};
  const empty: DisplayColumns = {
    kind: details.kind,
    cardCompany: null,
    cardCompanyCode: null,
    cardNumberMasked: null,
    cardMethodType: null,
    bankCode: null,
    bankName: null,
    accountNumberMasked: null,
  };
  switch (details.kind) {
    case "card":
      return {
        ...empty,
        cardCompany: details.cardCompany,
        cardCompanyCode: details.cardCompanyCode,
        cardNumberMasked: details.maskedNumber,
        cardMethodType: details.cardType,
      };
    case "account":
      return {
        ...empty,
        bankCode: details.bankCode,
        bankName: details.bankName,
        accountNumberMasked: details.maskedAccountNumber,
      };
    case "toss_money":
      return { ...empty, bankName: "토스머니" };
  }
}

/**
 * The columns a customer recognises a method by ("국민카드 4579 73** …", "신한은행 110****"), for a
 * select: pages, receipts and data exports read these and never the billing key.
 */
export const methodRecognitionColumns = {
  kind: paymentMethods.kind,
  cardCompany: paymentMethods.cardCompany,
  cardNumberMasked: paymentMethods.cardNumberMasked,
  cardMethodType: paymentMethods.cardMethodType,
  bankName: paymentMethods.bankName,
  accountNumberMasked: paymentMethods.accountNumberMasked,
};

export type MethodRecognition = Pick<PaymentMethod, keyof typeof methodRecognitionColumns>;
