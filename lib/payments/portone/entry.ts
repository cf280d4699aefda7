import type { Env } from "@/lib/env";
import { setupFromConfig, type ProviderEntry } from "../provider-entry";
import { portOneConfig, portOneMode } from "./config";
import { createPortOneProvider } from "./provider";

// PortOne V2 with the Toss Pay channel as the registry sees it. The customer reads it as Toss
// Pay (the app they approve in); "(PortOne)" tells it apart from the direct integration when a
// merchant offers both.
export const portOneEntry: ProviderEntry = {
  name: "portone",
  label: "토스페이 (PortOne)",
  setup: (env: Env) =>
    setupFromConfig(portOneMode(env), () => ({
      baseUrl: portOneConfig(env).apiOrigin,
    })),
  create: (env: Env) => createPortOneProvider(portOneConfig(env)),
};
