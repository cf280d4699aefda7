import type { SandboxContext } from "@/lib/sandbox/shared/context";
import type { StoreRow } from "./schema";
import type { SettingsView } from "./settings";

/** What every operation of the PortOne sandbox gets from the handler. */
export type PortOneContext = SandboxContext<SettingsView>;

/** One API endpoint: the store the secret belongs to, the path's parameter, query and body. */
export type ApiOperation = (
  ctx: PortOneContext,
  request: {
    store: StoreRow;
    param: string;
    query: URLSearchParams;
    body: Record<string, unknown>;
  },
) => Promise<Record<string, unknown>>;
