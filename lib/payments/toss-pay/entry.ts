import type { Env } from "@/lib/env";
import { setupFromConfig, type ProviderEntry } from "../provider-entry";
import { tossPayConfig, tossPayMode } from "./config";
import { createTossPayProvider } from "./provider";

// Toss Pay as the registry sees it: its name for people, whether it can run with this
// environment, and how to build it.
export const tossPayEntry: ProviderEntry = {
  name: "toss_pay",
  label: "토스페이",
  // Without a key it runs against the built-in sandbox (or the public test key): usable,
  // moves no money.
  setup: (env: Env) => setupFromConfig(tossPayMode(env), () => tossPayConfig(env)),
  create: (env: Env) => createTossPayProvider(tossPayConfig(env)),
};
