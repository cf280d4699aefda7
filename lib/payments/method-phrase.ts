import type { PaymentMethod } from "@/lib/db/schema";
import type { ProviderName, RegistrationMethod } from "./types";

// How the recurring-payment agreement names the method the money is taken from, with its
// particle: "…같은 금액이 토스페이로 자동결제돼요". What the customer chose at checkout, or the
// kind of method a provider reported once it is linked.

type Kind = RegistrationMethod | PaymentMethod["kind"] | undefined;

export function methodPhrase(provider: ProviderName, kind?: Kind): string {
  switch (provider) {
    // PortOne's channel is Toss Pay: the customer approves in the Toss app either way.
    case "toss_pay":
    case "portone":
      return "토스페이로";
    case "toss_payments":
      return kind === "account" ? "토스페이먼츠에 등록한 계좌로" : "토스페이먼츠에 등록한 카드로";
  }
}
