import type { SandboxContext } from "@/lib/sandbox/shared/context";
import type { BillingKeyRow, StoreRow } from "./schema";
import type { WebhookSettingsView as SettingsView } from "@/lib/sandbox/shared/webhook-settings";

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
    // The body's billingKey as the store holds it (null: none), when the route reads it with
    // the store (handler.ts keyOfBody); undefined otherwise.
    keyOfBody?: BillingKeyRow | null;
  },
) => Promise<Record<string, unknown>>;
