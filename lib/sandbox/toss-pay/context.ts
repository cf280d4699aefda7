import type { SandboxContext as SharedContext } from "@/lib/sandbox/shared/context";
import type { SettingsView } from "./settings";

/** What every sandbox operation gets from the handler. */
export type SandboxContext = SharedContext<SettingsView>;

/** One Toss Pay API endpoint: the merchant's key and its JSON body in, the JSON answer out. */
export type ApiOperation = (
  ctx: SandboxContext,
  apiKey: string,
  body: Record<string, unknown>,
) => Promise<Record<string, unknown>>;
