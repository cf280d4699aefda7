import { createHash } from "node:crypto";
import type { PaymentMethod } from "@/lib/db/schema";

// One free trial per payment instrument (docs/consent-and-legal.md "Fair trials"): the same card
// or account, whichever account of ours links it, is recognised by what the provider reports
// about it. Providers mask numbers before we see them, so this is what a person at the counter
// would compare: the card company and the masked number, or the bank and the masked account.
// Normalized so small differences of spelling do not make a new instrument ("신한카드" and
// "신한", "5317-64**" and "531764**"), then hashed: the table keeps no card digits of its own.

type InstrumentFacts = Pick<
  PaymentMethod,
  | "provider"
  | "kind"
  | "cardCompany"
  | "cardCompanyCode"
  | "cardNumberMasked"
  | "bankCode"
  | "bankName"
  | "accountNumberMasked"
>;

const compact = (value: string) =>
  value
    .normalize("NFKC")
    .replace(/[\s\-–.·]/g, "")
    .toLowerCase();

/** "신한카드" → "신한", "KB국민카드" → "kb국민": the issuer, however the provider spells it. */
function cardCompanyKey(name: string): string {
  return compact(name).replace(/카드$/, "").replace(/card$/, "");
}

/** "053******410*", "531764•••410#" → digits with every masked position as "*". */
function maskedKey(masked: string): string {
  return compact(masked).replace(/[^0-9]/g, "*");
}

/**
 * The instrument's fingerprint, or null when the provider told us too little to recognise it
 * (no masked number yet: Toss Payments' 퀵계좌이체 reveals the account only at the first charge;
 * Toss Money, which names no account). Null means "unknown instrument", never "new instrument
 * that had no trial": the caller grants the account-level rule only.
 */
export function instrumentFingerprint(method: InstrumentFacts): string | null {
  let key: string | null = null;
  if (method.kind === "card" && method.cardNumberMasked) {
    const company = method.cardCompany ?? method.cardCompanyCode;
    if (company && /[0-9]{4}/.test(method.cardNumberMasked)) {
      key = `card|${cardCompanyKey(company)}|${maskedKey(method.cardNumberMasked)}`;
    }
  } else if (method.kind === "account" && method.accountNumberMasked) {
    const bank = method.bankCode ?? method.bankName;
    if (bank && /[0-9]{3}/.test(method.accountNumberMasked)) {
      key = `account|${compact(bank)}|${maskedKey(method.accountNumberMasked)}`;
    }
  }
  return key === null ? null : createHash("sha256").update(key).digest("hex");
}
