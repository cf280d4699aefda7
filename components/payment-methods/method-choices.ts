import { z } from "zod";
import { providerNameSchema } from "@/lib/payments/provider-names";
import { providerLabel, providerRegistrationMethods } from "@/lib/payments/registry";
import type { ProviderName, RegistrationMethod } from "@/lib/payments/types";

// What a registration form offers: one choice per provider the merchant enabled (their order),
// or one per kind for a provider that registers several kinds through the same window (Toss
// Payments: 카드, 계좌 (퀵계좌이체)). A choice travels in one form field, `choice`:
// "toss_pay", "toss_payments:card". The server checks that the provider is enabled and the
// provider that it offers the kind, so a forged value is refused there.

export type MethodChoice = {
  value: string;
  provider: ProviderName;
  method: RegistrationMethod | undefined;
  /** "토스페이", "카드", "계좌 (퀵계좌이체)". */
  label: string;
  /** Which provider holds the method once registered: "토스페이먼츠". */
  providerLabel: string;
  /** Where the customer registers it. */
  hint: string;
};

const registrationMethodSchema = z.enum(["card", "account"]);

/** The `choice` field as the server actions parse it. */
export const methodChoiceField = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const [provider, method, ...rest] = value.split(":");
    const name = providerNameSchema.safeParse(provider);
    const kind = method === undefined ? undefined : registrationMethodSchema.safeParse(method);
    if (!name.success || rest.length > 0 || (kind && !kind.success)) {
      ctx.addIssue({ code: "custom", message: `unknown method choice "${value}"` });
      return z.NEVER;
    }
    return { provider: name.data, method: kind?.data };
  });

export type ChosenMethod = z.output<typeof methodChoiceField>;

function choiceValue(provider: ProviderName, method?: RegistrationMethod): string {
  return method ? `${provider}:${method}` : provider;
}

// Toss Pay, directly or through PortOne's Toss Pay channel, is approved in the Toss app.
const APP_HINT: Partial<Record<ProviderName, string>> = {
  toss_pay: "토스 앱에서 카드나 계좌를 골라요",
  portone: "토스페이 창에서 토스 앱으로 카드나 계좌를 골라요",
};

/**
 * PortOne's channel is Toss Pay to the customer: named apart ("토스페이 (PortOne)") only when
 * the direct integration is offered next to it, so the customer never has to understand the
 * difference.
 */
function choiceLabel(provider: ProviderName, enabled: readonly ProviderName[]): string {
  if (provider === "portone" && !enabled.includes("toss_pay")) return "토스페이";
  return providerLabel(provider);
}

const KIND_HINT: Record<RegistrationMethod, string> = {
  card: "카드를 등록해요",
  account: "은행 계좌를 인증해 연결해요",
};

/** The choices for these enabled providers, in the merchant's order. */
export function methodChoices(enabledProviders: readonly ProviderName[]): MethodChoice[] {
  return enabledProviders.flatMap((provider): MethodChoice[] => {
    const holder = choiceLabel(provider, enabledProviders);
    const kinds = providerRegistrationMethods(provider);
    if (kinds.length === 0) {
      return [
        {
          value: choiceValue(provider),
          provider,
          method: undefined,
          label: holder,
          providerLabel: holder,
          hint: APP_HINT[provider] ?? `${holder} 결제창에서 카드나 계좌를 등록해요`,
        },
      ];
    }
    return kinds.map(({ method, label }) => ({
      value: choiceValue(provider, method),
      provider,
      method,
      label,
      providerLabel: holder,
      hint: `${holder} 결제창에서 ${KIND_HINT[method]}`,
    }));
  });
}

/** The choice to preselect: the first matching `provider` (a restarted registration's), else the first. */
export function preselectedChoice(
  choices: readonly MethodChoice[],
  provider?: ProviderName,
): MethodChoice | undefined {
  return choices.find((choice) => choice.provider === provider) ?? choices[0];
}
