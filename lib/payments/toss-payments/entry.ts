import type { Env } from "@/lib/env";
import { setupFromConfig, type ProviderEntry } from "../provider-entry";
import { tossPaymentsConfig, tossPaymentsMode } from "./config";
import { createTossPaymentsProvider } from "./provider";

// Toss Payments as the registry sees it: its name for people, the two kinds its window
// registers (card, 퀵계좌이체 account), whether it can run with this environment, and how to
// build it.
export const tossPaymentsEntry: ProviderEntry = {
  name: "toss_payments",
  label: "토스페이먼츠",
  registrationMethods: [
    { method: "card", label: "카드" },
    { method: "account", label: "계좌 (퀵계좌이체)" },
  ],
  setup: (env: Env) => setupFromConfig(tossPaymentsMode(env), () => tossPaymentsConfig(env)),
  create: (env: Env) => createTossPaymentsProvider(tossPaymentsConfig(env)),
};
