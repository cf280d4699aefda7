import { AppError } from "@/lib/errors";
import { tossPayConfig } from "./mode";
import { createTossPayProvider } from "./toss-pay/provider";
import type { PaymentProvider, ProviderName } from "./types";

// The one place that turns a provider name (payment_methods.provider, charge_attempts.provider)
// into a configured PaymentProvider. Configuration comes from the environment once per process.

const providers = new Map<ProviderName, PaymentProvider>();

export function getPaymentProvider(name: ProviderName = "toss_pay"): PaymentProvider {
  const existing = providers.get(name);
  if (existing) return existing;
  const provider = createProvider(name);
  providers.set(name, provider);
  return provider;
}

function createProvider(name: ProviderName): PaymentProvider {
  switch (name) {
    case "toss_pay":
      return createTossPayProvider(tossPayConfig());
    case "toss_payments":
    case "portone":
      throw new AppError(
        "config_error",
        `Payment provider "${name}" is not yet supported; only "toss_pay" is implemented (see lib/payments/types.ts for the interface it must implement).`,
        { userMessage: "지금은 토스페이로만 결제수단을 등록할 수 있어요." },
      );
  }
}
