import type { Payment } from "@portone/server-sdk/payment";
import type { BillingKeyInfo } from "@portone/server-sdk/payment/billingKey";
import type { CardType, MethodDetails } from "../types";

// What a Toss Pay key holds, from PortOne's BillingKeyInfo.methods[] and Payment.method
// (docs/providers.md §3.3): an EasyPay method (provider TOSSPAY) wrapping a card, a bank
// transfer or Toss Money ("EasyPayCharge"). PortOne names banks by enum (SHINHAN…); the
// customer reads the Korean name. Numbers arrive masked.

const BANK_NAMES: Record<string, [code: string, name: string]> = {
  KDB: ["002", "KDB산업은행"],
  IBK: ["003", "IBK기업은행"],
  KOOKMIN: ["004", "KB국민은행"],
  SUHYUP: ["007", "Sh수협은행"],
  NONGHYUP: ["011", "NH농협은행"],
  LOCAL_NONGHYUP: ["012", "지역농축협"],
  WOORI: ["020", "우리은행"],
  STANDARD_CHARTERED: ["023", "SC제일은행"],
  CITI: ["027", "한국씨티은행"],
  DAEGU: ["031", "iM뱅크"],
  BUSAN: ["032", "부산은행"],
  KWANGJU: ["034", "광주은행"],
  JEJU: ["035", "제주은행"],
  JEONBUK: ["037", "전북은행"],
  KYONGNAM: ["039", "경남은행"],
  KFCC: ["045", "새마을금고"],
  SHINHYUP: ["048", "신협"],
  SAVINGS_BANK: ["050", "저축은행"],
  POST: ["071", "우체국"],
  HANA: ["081", "하나은행"],
  SHINHAN: ["088", "신한은행"],
  K_BANK: ["089", "케이뱅크"],
  KAKAO: ["090", "카카오뱅크"],
  TOSS: ["092", "토스뱅크"],
};

const CARD_TYPES: Record<string, CardType> = { CREDIT: "credit", DEBIT: "check", GIFT: "prepaid" };

type Card = { name?: string; issuer?: string; publisher?: string; number?: string; type?: string };

function cardDetails(card: Card | undefined): MethodDetails {
  return {
    kind: "card",
    // [unconfirmed] The docs do not say whether issuer/publisher are codes or names for Toss
    // Pay; the card's product name ("신한카드 Deep Dream") leads with the company, so it is
    // shown first, then whatever names the issuer.
    cardCompany: card?.name ?? card?.issuer ?? card?.publisher ?? null,
    cardCompanyCode: card?.issuer ?? card?.publisher ?? null,
    maskedNumber: card?.number ?? null,
    cardType: card?.type ? (CARD_TYPES[card.type] ?? null) : null,
  };
}

function accountDetails(
  bank: string | undefined,
  accountNumber: string | undefined,
): MethodDetails {
  const known = bank ? BANK_NAMES[bank] : undefined;
  return {
    kind: "account",
    bankCode: known?.[0] ?? null,
    bankName: known?.[1] ?? bank ?? null,
    maskedAccountNumber: accountNumber ?? null,
  };
}

type Inner =
  | { type: "BillingKeyPaymentMethodCard" | "PaymentMethodCard"; card?: Card }
  | {
      type: "BillingKeyPaymentMethodTransfer" | "PaymentMethodTransfer";
      bank?: string;
      accountNumber?: string;
    }
  | { type: "BillingKeyPaymentMethodEasyPayCharge" | "PaymentMethodEasyPayMethodCharge" }
  | { readonly type: string };

function innerDetails(inner: Inner | undefined): MethodDetails | null {
  if (!inner) return null;
  switch (inner.type) {
    case "BillingKeyPaymentMethodCard":
    case "PaymentMethodCard":
      return cardDetails((inner as { card?: Card }).card);
    case "BillingKeyPaymentMethodTransfer":
    case "PaymentMethodTransfer": {
      const transfer = inner as { bank?: string; accountNumber?: string };
      return accountDetails(transfer.bank, transfer.accountNumber);
    }
    case "BillingKeyPaymentMethodEasyPayCharge":
    case "PaymentMethodEasyPayMethodCharge":
      return { kind: "toss_money" };
    default:
      return null;
  }
}

/** The method a billing key holds (the first one PortOne lists), or null if none we read. */
export function methodOfBillingKey(info: BillingKeyInfo): MethodDetails | null {
  if (!("methods" in info) || !info.methods) return null;
  for (const method of info.methods) {
    if (method.type === "BillingKeyPaymentMethodEasyPay") {
      const details = innerDetails((method as { method?: Inner }).method);
      if (details) return details;
    } else {
      const details = innerDetails(method as Inner);
      if (details) return details;
    }
  }
  return null;
}

/** The method a payment was made with, or null. */
export function methodOfPayment(payment: Payment): MethodDetails | null {
  const method = "method" in payment ? payment.method : undefined;
  if (!method) return null;
  if (method.type === "PaymentMethodEasyPay") {
    return innerDetails((method as { easyPayMethod?: Inner }).easyPayMethod);
  }
  return innerDetails(method as Inner);
}
